// HTTP hardening (issue 16 item 4): security headers on a portal page, an API answer and an error; HSTS
// only behind HTTPS; the portal's HTML without inline script (the CSP would block it); the listening
// address and the server's timeouts from the configuration.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { asSystem, TEST_NOW } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { fixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp, type AppDeps } from './app.ts';
import { PORTAL_DIST, registerPortal } from './portal.ts';

/** Script elements with a body: anything but `<script … src=…></script>`. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>/i;

function directives(res: LightMyRequestResponse): Map<string, string> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')] as const),
  );
}

function expectHardened(res: LightMyRequestResponse, what: string): void {
  const csp = directives(res);
  expect(csp.get('script-src'), what).toBe("'self'");
  expect(csp.get('script-src-attr'), what).toBe("'none'");
  expect(csp.get('default-src'), what).toBe("'self'");
  expect(csp.get('object-src'), what).toBe("'none'");
  expect(csp.get('frame-ancestors'), what).toBe("'none'");
  expect(csp.get('style-src'), what).toBe("'self' 'unsafe-inline'");
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
}

describe('security headers', () => {
  let d: Database;
  let dist: string;
  const apps: FastifyInstance[] = [];
  const appWith = async (extra: Partial<AppDeps> = {}) => {
    const app = await buildApp({ db: d.db, clock: fixedClock(TEST_NOW), logger: false, ...extra });
    await registerPortal(app, dist);
    await app.ready();
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    dist = mkdtempSync(join(tmpdir(), 'hoso-csp-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>hoso</title><script src="/prefetch.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await d?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('are on a portal page, an asset, an API answer and error answers; no HSTS over plain HTTP', async () => {
    const app = await appWith();
    const answers = {
      'portal page': await app.inject({ url: '/records/9b2e' }),
      asset: await app.inject({ url: '/assets/app-abc.js' }),
      'API JSON': await app.inject({ url: '/health' }),
      'API 401': await app.inject({ url: '/api/v1/me' }),
      'API 404': await app.inject({ url: '/api/v1/no-such-thing' }),
      'API 400': await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 1 } }),
    };
    expect(answers['portal page'].headers['content-type']).toMatch(/text\/html/);
    expect(answers['API JSON'].statusCode).toBe(200);
    expect(answers['API 401'].statusCode).toBe(401);
    expect(answers['API 404'].statusCode).toBe(404);
    expect(answers['API 400'].statusCode).toBe(400);
    for (const [what, res] of Object.entries(answers)) {
      expectHardened(res, what);
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
      expect(directives(res).has('upgrade-insecure-requests'), what).toBe(false);
    }
  });

  it('add HSTS and upgrade-insecure-requests only when served over HTTPS (COOKIE_SECURE=1)', async () => {
    const app = await appWith({ https: loadConfig({ COOKIE_SECURE: '1' }).cookieSecure });
    for (const url of ['/', '/health', '/api/v1/me']) {
      const res = await app.inject({ url });
      expectHardened(res, url);
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      expect(directives(res).has('upgrade-insecure-requests'), url).toBe(true);
    }
  });

  it('the portal has no inline script: neither its source page nor its build', () => {
    const source = readFileSync(join(import.meta.dirname, '../../portal/index.html'), 'utf8');
    expect(source).toMatch(/<script\b/);
    expect(source).not.toMatch(INLINE_SCRIPT);
    // The same check can fail: an inline script is caught.
    expect('<script>alert(1)</script>').toMatch(INLINE_SCRIPT);
    const built = join(PORTAL_DIST, 'index.html');
    if (existsSync(built)) expect(readFileSync(built, 'utf8')).not.toMatch(INLINE_SCRIPT);
  });
});

describe('listening address and timeouts', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the timeouts, the headers one never longer than the request one', () => {
    expect(loadConfig({}).http).toEqual({
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 20_000,
      keepAliveTimeoutMs: 72_000,
      connectionTimeoutMs: 600_000,
    });
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000' }).http).toMatchObject({
      requestTimeoutMs: 5000,
      headersTimeoutMs: 5000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });

  it("are the server's, and a large import upload over real HTTP still arrives whole", async () => {
    const d = await createTestDatabase('pglite');
    const timeouts = loadConfig({}).http;
    const app = await buildApp({
      db: d.db,
      clock: fixedClock(TEST_NOW),
      logger: false,
      authenticate: asSystem,
      timeouts,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      expect(app.server.requestTimeout).toBe(timeouts.requestTimeoutMs);
      expect(app.server.headersTimeout).toBe(timeouts.headersTimeoutMs);
      expect(app.server.keepAliveTimeout).toBe(timeouts.keepAliveTimeoutMs);
      expect(app.server.timeout).toBe(timeouts.connectionTimeoutMs);
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      // 12 MB of base64 (a 100,000-row spreadsheet's size): past the body limit and the timeouts, the
      // import's own check answers (these bytes are not a spreadsheet), not the server's 408/413.
      const res = await fetch(`http://127.0.0.1:${address.port}/api/v1/imports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fileName: 'lon.xlsx',
          content: Buffer.alloc(9_000_000, 7).toString('base64'),
        }),
      });
      const body = (await res.json()) as { error: { code: string } };
      expect([400, 415], JSON.stringify(body)).toContain(res.status);
      expect(body.error.code).toMatch(/VALIDATION_FAILED|UNSUPPORTED_MEDIA_TYPE/);
    } finally {
      await app.close();
      await d.close();
    }
  });
});
