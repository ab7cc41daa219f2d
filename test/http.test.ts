import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, ENGINES } from './helpers/db.ts';
import { TEST_NOW, asSystem, testApp, testCtx } from './helpers/app.ts';
import { buildWorld, recruitBody, type World } from './helpers/fixtures.ts';
import { buildApp } from '../src/http/app.ts';
import { ROUTES } from '../src/http/routes.ts';
import { fixedClock } from '../src/platform/clock.ts';
import type { Database } from '../src/db/connect.ts';

interface ErrorBody {
  error: { code: string; message: string; details: { field?: string; reason: string }[]; requestId?: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorBody['error'] {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<ErrorBody>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.details)).toBe(true);
  for (const d of body.error.details) expect(typeof d.reason).toBe('string');
  return body.error;
}

/** Nothing that looks like a stack trace or a source location may reach a client. */
function expectNoStackTrace(body: string): void {
  expect(body).not.toMatch(/stack/i);
  expect(body).not.toMatch(/\bat .*\.(ts|js|mjs|cjs):\d+/);
  expect(body).not.toMatch(/\.ts:\d+/);
  expect(body).not.toContain('node_modules');
  expect(body).not.toContain('/work/');
}

describe('the HTTP layer (pglite)', () => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('answers GET /health with 200 and status ok, and /ready with the database and migrations checked', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', time: TEST_NOW.toISOString() });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('publishes an OpenAPI 3 document with a path for every route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const spec = JSON.parse(res.body) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    expect(spec.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(spec.info.title.length).toBeGreaterThan(0);
    const expected = ROUTES.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort();
    const documented = Object.entries(spec.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(expected);
    for (const r of ROUTES) {
      const op = spec.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op?.summary, `${r.method} ${r.url}`).toBe(r.schema.summary);
      expect(op?.tags, `${r.method} ${r.url}`).toEqual(r.schema.tags);
    }
  });

  it('serves the API documentation as HTML', async () => {
    let res = await app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 5; hops++) {
      const location = String(res.headers.location);
      res = await app.inject({ method: 'GET', url: new URL(location, 'http://localhost/api/docs').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });

  it.each([
    ['GET', '/nope'],
    ['GET', '/api/v1/nothing-here'],
    ['GET', '/api/v2/catalogs'],
    ['DELETE', '/api/v1/catalogs'],
  ] as const)('answers %s %s with 404 ROUTE_NOT_FOUND', async (method, url) => {
    expectError(await app.inject({ method, url }), 404, 'ROUTE_NOT_FOUND');
  });

  it('puts an x-request-id on every response and echoes a valid one from the client', async () => {
    const responses = await Promise.all([
      app.inject({ method: 'GET', url: '/health' }),
      app.inject({ method: 'GET', url: '/api/v1/catalogs' }),
      app.inject({ method: 'GET', url: '/api/openapi.json' }),
      app.inject({ method: 'GET', url: '/api/docs' }),
      app.inject({ method: 'GET', url: '/nope' }),
      app.inject({ method: 'GET', url: '/api/v1/catalogs/NOPE!' }),
      app.inject({ method: 'POST', url: '/api/v1/employees', payload: {} }),
    ]);
    const ids = responses.map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);

    for (const given of ['abc-123', 'req_2026.11.20-XYZ', 'a'.repeat(64)]) {
      const ok = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': given } });
      expect(ok.headers['x-request-id']).toBe(given);
      const err = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': given } });
      expect(err.headers['x-request-id']).toBe(given);
      expect(err.json<ErrorBody>().error.requestId).toBe(given);
    }
  });

  it.each([
    ['spaces and symbols', 'bad id <script>'],
    ['more than 64 characters', 'a'.repeat(65)],
    ['an empty value', ''],
  ])('replaces a client x-request-id with %s by a generated one', async (_what, given) => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': given } });
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it.each([
    ['truncated JSON', '{"effectiveDate": "2020-01-01", '],
    ['a trailing comma', '{"effectiveDate": "2020-01-01",}'],
    ['single quotes', "{'effectiveDate': '2020-01-01'}"],
    ['an empty body', ''],
  ])('answers malformed JSON (%s) with 400 VALIDATION_FAILED and no stack trace', async (_what, payload) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expectNoStackTrace(res.body);
  });

  it('answers a body that fails the schema with 400 naming the fields, and no stack trace', async () => {
    const body = recruitBody(w.hanoiHome);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      payload: { ...body, payload: { ...body.payload, category: 'king' }, extra: 1 },
    });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    const fields = err.details.map((x) => x.field ?? '');
    expect(fields.some((f) => f.includes('category'))).toBe(true);
    expect(fields.some((f) => f.includes('extra'))).toBe(true);
    expectNoStackTrace(res.body);
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const small = await buildApp({
      db: d.db,
      clock: fixedClock(TEST_NOW),
      logger: false,
      bodyLimitBytes: 1024,
      authenticate: asSystem,
    });
    try {
      await small.ready();
      const body = recruitBody(w.hanoiHome);
      const big = { ...body, note: 'x'.repeat(2000) };
      const res = await small.inject({ method: 'POST', url: '/api/v1/employees', payload: big });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expectNoStackTrace(res.body);
      // the same request under the limit is not refused for its size
      const fits = await small.inject({ method: 'POST', url: '/api/v1/employees', payload: body });
      expect(fits.statusCode, fits.body).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('refuses a body over 1 MiB with 413 on the default app', async () => {
    const body = recruitBody(w.hanoiHome);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      payload: { ...body, note: 'x'.repeat(1024 * 1024 + 1) },
    });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ])('answers a POST with content-type %s with 415 UNSUPPORTED_MEDIA_TYPE', async (contentType) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      headers: { 'content-type': contentType },
      payload: JSON.stringify(recruitBody(w.hanoiHome)),
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('the route list', () => {
  it('describes every route completely', () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    for (const r of ROUTES) {
      const name = `${r.method} ${r.url}`;
      expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], name).toContain(r.method);
      expect(r.url.startsWith('/api/v1/') || ['/health', '/ready', '/metrics'].includes(r.url), name).toBe(
        true,
      );
      expect(r.url, name).not.toMatch(/\/$/);
      expect(typeof r.schema.summary, name).toBe('string');
      expect(r.schema.summary.trim().length, name).toBeGreaterThan(0);
      expect(Array.isArray(r.schema.tags), name).toBe(true);
      expect(r.schema.tags.length, name).toBeGreaterThan(0);
      for (const t of r.schema.tags) expect(t.length, name).toBeGreaterThan(0);
      const statuses = Object.keys(r.schema.response).map(Number);
      expect(
        statuses.some((s) => s >= 200 && s < 300),
        `${name} documents a 2xx response`,
      ).toBe(true);
      expect(['public', 'pending', 'session', 'permission', 'client'], name).toContain(r.access.kind);
      expect(typeof r.handler, name).toBe('function');
    }
  });

  it('has no two routes with the same method and url', () => {
    // ':id' and ':name' in the same place are the same route to the router
    const keys = ROUTES.map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':')}`);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it('declares path parameters exactly where the url has them', () => {
    for (const r of ROUTES) {
      const inUrl = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      const params = r.schema.params as { properties?: Record<string, unknown> } | undefined;
      const declared = Object.keys(params?.properties ?? {}).sort();
      expect(declared, `${r.method} ${r.url}`).toEqual(inUrl);
    }
  });
});

describe.each(ENGINES)('a database that is gone (%s)', (engine) => {
  it('answers 503 DATABASE_UNAVAILABLE fast with Retry-After, /ready 503, /health 200', async () => {
    const gone = await createTestDatabase(engine);
    const lost = await testApp(gone);
    await gone.close();
    const t0 = Date.now();
    const res = await lost.inject({ method: 'GET', url: '/api/v1/employees?q=nguyen' });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const ready = await lost.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    expect((await lost.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await lost.close();
  });
});
