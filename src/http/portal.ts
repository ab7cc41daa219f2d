// The portal's static build (portal/dist) served by the API's own server: hashed assets with a long
// cache, and index.html for every other GET that is not an API path, so client-side routes survive a
// reload. API paths keep their uniform JSON 404; nothing here shadows /api or /health.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../platform/errors.ts';

export const PORTAL_DIST = resolve(fileURLToPath(new URL('../../portal/dist', import.meta.url)));

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>hoso</title>
<p>Cổng thông tin chưa được đóng gói. Chạy <code>npm start</code> (tự đóng gói) hoặc
<code>node scripts/ensure-deps.mjs</code>. API vẫn phục vụ tại <a href="/api/docs">/api/docs</a>.</p></html>`;

const isApiPath = (url: string) => /^\/(api|health)(\/|$|\?)/.test(url);

/** The file under dist that a URL names, when there is one (never outside dist). */
function fileFor(dist: string, url: string): string | undefined {
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  const full = normalize(join(dist, path));
  if (!full.startsWith(dist + sep)) return undefined;
  return existsSync(full) && statSync(full).isFile() ? full.slice(dist.length + 1) : undefined;
}

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

interface Asset {
  type: string;
  plain: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/** Hashed assets held in memory once asked for (a few MB at most: the build's own files). On PGlite each
 * query holds the event loop, and a file sent from disk waits between its several fs calls: measured on
 * a cold load of the overview, a 24 KiB chunk took 0.5 s behind the page's own API calls. From memory
 * the answer is one write. The build's .br/.gz copies are served to browsers that accept them. */
function assetCache() {
  const held = new Map<string, Asset>();
  const read = (path: string) => (existsSync(path) ? readFileSync(path) : undefined);
  return (dist: string, file: string): Asset | undefined => {
    const type = ASSET_TYPES[extname(file)];
    if (!type) return undefined;
    let asset = held.get(file);
    if (!asset) {
      const full = join(dist, file);
      asset = { type, plain: readFileSync(full), gzip: read(`${full}.gz`), br: read(`${full}.br`) };
      held.set(file, asset);
    }
    return asset;
  };
}

/** The encoding to send: brotli, else gzip, when the request accepts it ("gzip;q=0" refuses it). */
function encodingFor(accept: string | undefined, asset: Asset): 'br' | 'gzip' | undefined {
  const accepted = (accept ?? '')
    .split(',')
    .map((part) => part.split(';').map((x) => x.trim().toLowerCase()))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.replace(/\s/g, '')))
    .map(([name]) => name);
  if (asset.br && accepted.includes('br')) return 'br';
  if (asset.gzip && accepted.includes('gzip')) return 'gzip';
  return undefined;
}

function sendIndex(reply: FastifyReply, dist: string) {
  if (!existsSync(join(dist, 'index.html'))) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  reply.header('cache-control', 'no-cache');
  return reply.sendFile('index.html', dist, { cacheControl: false });
}

export async function registerPortal(app: FastifyInstance, dist = PORTAL_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });
  const assetOf = assetCache();
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (isApiPath(req.url)) {
      throw new AppError('ROUTE_NOT_FOUND', `Không có đường dẫn ${req.method} ${req.url}`);
    }
    let file: string | undefined;
    try {
      file = fileFor(dist, req.url);
    } catch {
      file = undefined; // a malformed %-escape is just not a file
    }
    if (!file || file === 'index.html') return sendIndex(reply, dist);
    // Vite names assets by content hash: they never change under the same name.
    if (file.startsWith('assets/')) {
      const asset = assetOf(dist, file);
      if (!asset) return reply.sendFile(file, dist, { maxAge: '365d', immutable: true });
      const encoding = encodingFor(req.headers['accept-encoding'], asset);
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding')
        .type(asset.type);
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(encoding ? asset[encoding] : asset.plain);
    }
    return reply.sendFile(file, dist);
  });
}
