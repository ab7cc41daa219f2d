// Sign-in under a flood: attempts are counted per IP address and per account name in the database —
// two app instances over one database share the counts — and refused with 429 and Retry-After before
// any password is hashed; MFA steps are limited per IP and per sign-in session; lock-out stays as it
// is; password hashing beyond its queue answers 503 SERVER_BUSY at once. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, type World } from '../../../test/helpers/fixtures.ts';
import { cookiesOf, sessionHeaders } from '../../../test/helpers/auth.ts';
import type { Database } from '../../db/connect.ts';
import { buildApp } from '../../http/app.ts';
import { issueAccount, sessionAuthenticator } from './index.ts';
import { verifyPassword, hashPassword } from './password.ts';

const config = {
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  cookieSecure: false,
  loginRatePerIp: 6,
  loginRatePerAccount: 3,
};

describe.each(ENGINES)('sign-in rate limits on %s', (engine) => {
  let d: Database;
  let w: World;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let seconds = 0;
  const clock = { now: () => new Date(TEST_NOW.getTime() + seconds * 1000) };

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    const build = () =>
      buildApp({ db: d.db, clock, logger: false, authenticate: sessionAuthenticator(config) });
    [one, two] = [await build(), await build()];
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await d?.close();
  });

  const login = (app: FastifyInstance, username: string, password: string, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('refuses the 4th attempt a minute on one account, from either instance, with Retry-After', async () => {
    const { oneTimePassword } = await issueAccount(testCtx(d), {
      username: 'flood.target',
      displayName: 'Người bị dò',
      roles: [{ role: 'viewer', unitId: w.hanoi }],
    });
    seconds = 0;
    const codes = [];
    for (const app of [one, two, one])
      codes.push((await login(app, 'flood.target', 'Wrong-Guess-123!', '10.1.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401]);
    // Even the right password waits: the limit is counted before the password is checked.
    const refused = await login(two, 'flood.target', oneTimePassword, '10.1.0.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Only the admitted attempts counted toward lock-out.
    const a = await d.db
      .selectFrom('accounts')
      .select('failed_attempts')
      .where('username', '=', 'flood.target')
      .executeTakeFirstOrThrow();
    expect(a.failed_attempts).toBe(3);
    // The sliding minute lets the person in once the earlier attempts have slid out.
    seconds = 121;
    expect((await login(one, 'flood.target', oneTimePassword, '10.1.0.3')).statusCode).toBe(200);
    const throttled = await d.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'account.login_throttled')
      .execute();
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(throttled)).not.toContain('flood.target');
  });

  it('refuses an address after 6 attempts a minute, whatever the names, and not another address', async () => {
    seconds = 600;
    const codes: number[] = [];
    for (let i = 0; i < 8; i++)
      codes.push((await login(i % 2 ? one : two, `nobody.${i}`, 'Wrong-Guess-123!', '10.2.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect((await login(one, 'nobody.x', 'Wrong-Guess-123!', '10.2.0.2')).statusCode).toBe(401);
  });

  it('admits exactly the limit when attempts race over both instances', async () => {
    seconds = 1200;
    const res = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        login(i % 2 ? one : two, `racer.${i}`, 'Wrong-Guess-123!', '10.3.0.1'),
      ),
    );
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(6);
    expect(codes.filter((c) => c === 429)).toHaveLength(6);
  });

  it('limits MFA attempts per sign-in session', async () => {
    seconds = 1800;
    const { oneTimePassword } = await issueAccount(testCtx(d), {
      username: 'mfa.guesser',
      displayName: 'Người đoán mã',
      roles: [{ role: 'viewer', unitId: w.hanoi }],
    });
    const first = await login(one, 'mfa.guesser', oneTimePassword, '10.4.0.1');
    expect(first.statusCode).toBe(200);
    let c = cookiesOf(first);
    const changed = await one.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: sessionHeaders(c.session!, c.csrf!),
      payload: { currentPassword: oneTimePassword, newPassword: 'Mật-khẩu-Mới-2026' },
      remoteAddress: '10.4.0.1',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    c = { ...c, ...Object.fromEntries(Object.entries(cookiesOf(changed)).filter(([, v]) => v)) };
    const enrol = await one.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enroll',
      headers: sessionHeaders(c.session!, c.csrf!),
      remoteAddress: '10.4.0.1',
    });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await (i % 2 ? one : two).inject({
        method: 'POST',
        url: '/api/v1/auth/mfa/confirm',
        headers: sessionHeaders(c.session!, c.csrf!),
        payload: { code: '000000' },
        remoteAddress: '10.4.0.1',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 3).every((s) => s === 401 || s === 422)).toBe(true);
    expect(codes[3]).toBe(429);
  });
});

describe('password hashing under a flood', () => {
  it('runs a bounded number at once and refuses beyond its queue with SERVER_BUSY', async () => {
    const stored = await hashPassword('Một-mật-khẩu-dài-2026');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        verifyPassword(stored, i === 0 ? 'Một-mật-khẩu-dài-2026' : 'sai'),
      ),
    );
    const busy = results.filter((r) => r.status === 'rejected');
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'SERVER_BUSY', retryAfter: 1 });
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    // Once the queue has drained, hashing works again.
    expect(await verifyPassword(stored, 'Một-mật-khẩu-dài-2026')).toBe(true);
  });
});
