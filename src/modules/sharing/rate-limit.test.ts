// The data-sharing rate limit is one count per client for every process of a node: two app instances
// over the same database (as two processes behind a load balancer) are limited together, concurrent
// calls included; the sliding minute follows the request's clock; old windows are swept. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { createClient } from './index.ts';
import { retryAfter, takeRequest } from './rate-limit.ts';

const at = (seconds: number) => new Date(TEST_NOW.getTime() + seconds * 1000);

describe('retryAfter', () => {
  it('waits for the previous minute to slide out, or for this one to', () => {
    // 3 a minute, 3 calls at :00 → the 4th fits once 1/3 of them has slid out, at 1:20.
    expect(retryAfter(3, 3, 0, 0)).toBe(80);
    expect(retryAfter(3, 3, 0, 30_000)).toBe(50);
    // 3 calls in the previous minute, 1 in this one, at :10 → admitted when 3 × (60 − t)/60 ≤ 1, t = 40 s.
    expect(retryAfter(3, 1, 3, 10_000)).toBe(30);
    // 2 calls in this minute (the 3rd would reach the limit with the previous one still weighing).
    expect(retryAfter(3, 2, 5, 59_500)).toBe(1);
    // The previous minute is taken as spread evenly: one call at :00 with a limit of 1 weighs until 2:00.
    expect(retryAfter(1, 1, 0, 0)).toBe(120);
  });
});

describe.each(ENGINES)('rate limit shared across processes on %s', (engine) => {
  let d: Database;
  let sys: Ctx;
  let personId: string;
  const apps: FastifyInstance[] = [];

  const appAt = async (seconds: number) => {
    const app = await testApp(d, at(seconds));
    apps.push(app);
    return app;
  };
  const newClient = async (ratePerMinute: number) => {
    const r = await createClient(sys, {
      name: `Hệ thống ${randomUUID().slice(0, 8)}`,
      ownerBody: 'Bảo hiểm xã hội Việt Nam',
      contact: 'cntt@bhxh.gov.vn',
      authMethod: 'client_secret',
      scopes: ['employees.read'],
      fields: ['fullName'],
      purposes: ['xac_minh_nhan_than'],
      orgUnitIds: [w.hanoi],
      ratePerMinute,
    });
    return { id: r.client.id, secret: r.clientSecret ?? '' };
  };
  const tokenFrom = async (app: FastifyInstance, c: { id: string; secret: string }) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'client_credentials', client_id: c.id, client_secret: c.secret },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().access_token as string;
  };
  const call = (app: FastifyInstance, tok: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/share/employees/${personId}`,
      headers: { authorization: `Bearer ${tok}`, 'x-purpose': 'xac_minh_nhan_than' },
    });
  let w: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    w = await buildWorld(sys);
    const body = recruitBody(w.hanoiHome);
    await createEmployee(sys, body);
    personId = body.payload.identity.personId;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await d?.close();
  });

  it('limits calls spread over two app instances together, and the sliding minute decides when again', async () => {
    const [one, two] = [await appAt(0), await appAt(0)];
    const c = await newClient(3);
    const tok = await tokenFrom(one, c);
    const codes = [];
    for (const app of [one, two, one]) codes.push((await call(app, tok)).statusCode);
    expect(codes).toEqual([200, 200, 200]);
    const fourth = await call(two, tok);
    expect([fourth.statusCode, fourth.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(fourth.headers['retry-after']).toBe('80');
    expect((await call(one, tok)).statusCode).toBe(429);
    // Refused calls are not counted: the wait stays what it was.
    const [early, onTime] = [await appAt(79), await appAt(80)];
    const late = await call(early, tok);
    expect([late.statusCode, late.headers['retry-after']]).toEqual([429, '1']);
    expect((await call(onTime, tok)).statusCode).toBe(200);
    // At 1:20 the previous minute still weighs 3 × 40/60 = 2: with this one, the limit is reached.
    expect((await call(await appAt(80), tok)).statusCode).toBe(429);
  });

  it('admits exactly the limit when calls race over both instances', async () => {
    const [one, two] = [await appAt(0), await appAt(0)];
    const c = await newClient(5);
    const tok = await tokenFrom(one, c);
    const res = await Promise.all(Array.from({ length: 16 }, (_, i) => call(i % 2 ? one : two, tok)));
    const codes = res.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 200)).toHaveLength(5);
    expect(codes.filter((s) => s === 429)).toHaveLength(11);
    const rows = await d.db
      .selectFrom('rate_windows')
      .select('calls')
      .where('bucket', '=', `sharing:${c.id}`)
      .execute();
    expect(rows.map((r) => r.calls)).toEqual([5]);
  });

  it('sweeps windows older than a few minutes when a client opens a new window', async () => {
    const c = await newClient(100);
    for (const s of [0, 60, 120, 600]) expect(await takeRequest(d.db, c.id, 100, at(s))).toBe(0);
    const starts = await d.db
      .selectFrom('rate_windows')
      .select('window_start')
      .where('window_start', '<', at(600 - 180))
      .execute();
    expect(starts).toEqual([]);
    const mine = await d.db
      .selectFrom('rate_windows')
      .select('window_start')
      .where('bucket', '=', `sharing:${c.id}`)
      .execute();
    expect(mine.map((r) => r.window_start.toISOString())).toEqual([at(600).toISOString()]);
  });

  it('costs one statement per admitted call (timed)', async () => {
    const c = await newClient(100_000);
    for (let i = 0; i < 20; i++) await takeRequest(d.db, c.id, 100_000, at(700));
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) expect(await takeRequest(d.db, c.id, 100_000, at(700))).toBe(0);
    const perCall = (performance.now() - t0) / n;
    // The floor on the same connection and load: a round trip that does nothing.
    const t1 = performance.now();
    for (let i = 0; i < n; i++) await sql`SELECT 1`.execute(d.db);
    const floor = (performance.now() - t1) / n;
    console.log(
      `[rate-limit ${engine}] ${perCall.toFixed(3)} ms per admitted call, SELECT 1 ${floor.toFixed(3)} ms (${n} each)`,
    );
    expect(perCall).toBeLessThan(20);
  });
});
