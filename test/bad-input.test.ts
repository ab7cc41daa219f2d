// Walks the single route list: every route that takes input answers malformed input with a 4xx and a
// stable error code — never a 500 — so a new route cannot skip validation unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/db.ts';
import { testApp, testCtx } from './helpers/app.ts';
import { buildWorld } from './helpers/fixtures.ts';
import { ROUTES } from '../src/http/routes.ts';
import type { Database } from '../src/db/connect.ts';

const STABLE = new Set([
  'VALIDATION_FAILED',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_REFERENCE',
]);
const GARBAGE_BODIES: unknown[] = [{}, [], { unexpected: true }, 'null', 42, { effectiveDate: '2025-02-30' }];

describe('bad input on every route', () => {
  let d: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    await buildWorld(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const withParams = (url: string, value: string) => url.replace(/:(\w+)/g, value);

  it.each(ROUTES.filter((r) => r.url.includes(':')).map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s: malformed path parameters → 400',
    async (_n, r) => {
      const res = await app.inject({
        method: r.method,
        url: withParams(r.url, 'not-an-id%20x'),
        payload: r.schema.body ? {} : undefined,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(STABLE.has(res.json().error.code)).toBe(true);
    },
  );

  it.each(ROUTES.filter((r) => r.schema.body).map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s: malformed bodies → 4xx with a code, nothing written',
    async (_n, r) => {
      const before = await d.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      for (const body of GARBAGE_BODIES) {
        const res = await app.inject({
          method: r.method,
          url: withParams(r.url, '1')
            .replace('/employees/1', '/employees/00000000-0000-4000-8000-000000000000')
            .replace('/quotas/1', '/quotas/2026'),
          headers: { 'content-type': 'application/json' },
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        });
        expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(STABLE.has(res.json().error.code), res.body).toBe(true);
      }
      const after = await d.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    },
  );

  it.each(ROUTES.filter((r) => r.schema.querystring).map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s: unknown or malformed query parameters → 400',
    async (_n, r) => {
      const url = withParams(r.url, '1').replace(
        '/employees/1',
        '/employees/00000000-0000-4000-8000-000000000000',
      );
      for (const q of ['zzz=1', 'asOf=yesterday&limit=-1&unitId=abc&by=nothing&maxDepth=99&knownAt=never']) {
        const res = await app.inject({ method: r.method, url: `${url}?${q}` });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(res.json().error.details.length).toBeGreaterThan(0);
      }
    },
  );
});
