// Installs dependencies when node_modules is missing or older than package-lock.json, and builds the
// portal (portal/dist) when its sources or the lock changed, so that the README's two commands work on
// a fresh clone with only Node.js and npm. Uses Node built-ins only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.hoso-deps-stamp');
const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (have !== want) {
  console.error('[hoso] installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, want + '\n');
}

// The portal: rebuilt when a file under portal/ (but dist) or the lock changed; about 10 s.
function hashTree(hash, dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) hashTree(hash, p);
    else hash.update(p.slice(root.length)).update(readFileSync(p));
  }
  return hash;
}
// Pre-compressed copies (served by @fastify/static to browsers that accept gzip): a third of the bytes.
function gzipAssets(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) gzipAssets(p);
    else if (/\.(js|css|html|svg)$/.test(e.name) && statSync(p).size > 1024) {
      writeFileSync(p + '.gz', gzipSync(readFileSync(p), { level: 9 }));
    }
  }
}
const portal = join(root, 'portal');
const portalStamp = join(portal, 'dist', '.hoso-build-stamp');
const portalWant = hashTree(createHash('sha256').update(want), portal).digest('hex');
const portalHave = existsSync(portalStamp) ? readFileSync(portalStamp, 'utf8').trim() : '';
if (portalHave !== portalWant) {
  console.error('[hoso] building the portal (vite build portal)…');
  execSync('npx vite build portal --logLevel warn', { cwd: root, stdio: 'inherit' });
  gzipAssets(join(portal, 'dist'));
  writeFileSync(portalStamp, portalWant + '\n');
}
