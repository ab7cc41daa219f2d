// The portal's static build (portal/dist) served by the API's own server: hashed assets with a long
// cache, and index.html for every other GET that is not an API path, so client-side routes survive a
// reload. API paths keep their uniform JSON 404; nothing here shadows /api or /health.
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
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

function sendIndex(reply: FastifyReply, dist: string) {
  if (!existsSync(join(dist, 'index.html'))) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  reply.header('cache-control', 'no-cache');
  return reply.sendFile('index.html', dist, { cacheControl: false });
}

export async function registerPortal(app: FastifyInstance, dist = PORTAL_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });
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
    if (file.startsWith('assets/')) return reply.sendFile(file, dist, { maxAge: '365d', immutable: true });
    return reply.sendFile(file, dist);
  });
}
