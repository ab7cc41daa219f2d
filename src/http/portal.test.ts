// The portal's static serving: files, SPA fallback for client routes, brotli or gzip when accepted, and the API's
// own 404 for unknown API paths (the portal never shadows /api or /health).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPortal } from './portal.ts';
import { sendError } from './errors.ts';

describe('portal static serving', () => {
  let dist: string;
  let app: FastifyInstance;
  const script = 'console.log("hoso");'.repeat(100);
  const style = '.hoso { color: #b71c1c }\n'.repeat(100);

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'hoso-portal-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>hoso</title>');
    writeFileSync(join(dist, 'assets', 'app-abc.js'), script);
    writeFileSync(join(dist, 'assets', 'app-abc.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'assets', 'app-abc.css'), style);
    writeFileSync(join(dist, 'assets', 'app-abc.css.gz'), gzipSync(style));
    writeFileSync(join(dist, 'assets', 'app-abc.css.br'), brotliCompressSync(style));
    app = Fastify();
    app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
    app.get('/health', async () => ({ ok: true }));
    await registerPortal(app, dist);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/records/9b2e', '/admin/audit?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<title>hoso</title>');
    }
  });

  it('serves hashed assets with a long cache, gzipped when the browser accepts it', async () => {
    const plain = await app.inject({ url: '/assets/app-abc.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toContain('immutable');
    const gz = await app.inject({ url: '/assets/app-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('sends brotli when accepted, else gzip, else the plain file; q=0 refuses an encoding', async () => {
    const get = (accept?: string) =>
      app.inject({
        url: '/assets/app-abc.css',
        headers: accept === undefined ? {} : { 'accept-encoding': accept },
      });
    const br = await get('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/css/);
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(style);
    const gz = await get('gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(style);
    const refused = await get('br;q=0, gzip; q=0.0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(style);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(style);
    // held in memory after the first answer: the same bytes again
    expect(brotliDecompressSync((await get('br')).rawPayload).toString()).toBe(style);
  });

  it('leaves API paths to the API: unknown ones answer the uniform JSON 404', async () => {
    for (const url of ['/api/v1/nope', '/api', '/health/x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
    expect((await app.inject({ url: '/health' })).json()).toEqual({ ok: true });
  });

  it('never serves files outside dist', async () => {
    const res = await app.inject({ url: '/..%2f..%2fetc%2fpasswd' });
    expect(res.body).not.toContain('root:');
  });
});
