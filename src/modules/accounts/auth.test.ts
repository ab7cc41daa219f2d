// Signing in: same answer for unknown users and wrong passwords, progressive lock-out, the first-login
// password change, MFA for every role (not for plain self-service), session rotation, logout, idle and
// absolute expiry, CSRF, and no password ever in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { cookiesOf, sessionHeaders, signIn, totpCode } from '../../../test/helpers/auth.ts';
import type { Database } from '../../db/connect.ts';
import type { Role } from '../../platform/context.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { issueAccount, lockMinutes, sessionAuthenticator } from './index.ts';
import { claimTotpStep } from './accounts.repository.ts';
import { buildApp } from '../../http/app.ts';

const config = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, cookieSecure: false };
const at = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

it('locks for 1 minute after 5 failures, doubling up to an hour', () => {
  expect([4, 5, 6, 7, 10, 11, 12, 40].map(lockMinutes)).toEqual([0, 1, 2, 4, 32, 60, 60, 60]);
});

describe.each(ENGINES)('signing in on %s', (engine) => {
  let d: Database;
  let w: World;
  // One app whose clock the tests move (building an app per instant made the idle-expiry test build
  // thirty of them); requests run one at a time, so each sees the instant it was sent at.
  let app: FastifyInstance | undefined;
  let minutesNow = 0;

  /** The app as of TEST_NOW + minutes. */
  async function appAt(minutes = 0): Promise<FastifyInstance> {
    minutesNow = minutes;
    app ??= await buildApp({
      db: d.db,
      clock: { now: () => at(minutesNow) },
      logger: false,
      authenticate: sessionAuthenticator(config),
    });
    return app;
  }
  const login = async (username: string, password: string, minutes = 0) =>
    (await appAt(minutes)).inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
  const me = async (headers: Record<string, string>, minutes = 0) =>
    (await appAt(minutes)).inject({ method: 'GET', url: '/api/v1/me', headers });
  const post = async (url: string, headers: Record<string, string>, payload?: object, minutes = 0) =>
    (await appAt(minutes)).inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const headersOf = (res: LightMyRequestResponse) => {
    const c = cookiesOf(res);
    return sessionHeaders(c.session!, c.csrf!);
  };
  const issue = (
    username: string,
    roles: { role: Role; unitId: number }[] = [{ role: 'viewer', unitId: w.hanoi }],
  ) => issueAccount(testCtx(d), { username, displayName: 'Người thử', roles });

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('answers an unknown user and a wrong password alike, and audits the real reason', async () => {
    const { oneTimePassword } = await issue('alike.user');
    const unknown = await login('nobody.here', oneTimePassword);
    const wrong = await login('alike.user', 'Wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.details).toEqual(unknown.json().error.details);
    expect(unknown.cookies).toEqual([]);
    const reasons = await d.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'account.login_failed')
      .execute();
    expect(reasons.map((r) => (r.details as { reason: string }).reason)).toEqual([
      'unknown_user',
      'wrong_password',
    ]);
    // People type their password into the username field: an unknown username is kept only as an HMAC.
    expect((await login('Correct-Horse-Battery-9', 'x')).statusCode).toBe(401);
    const all = await d.db.selectFrom('audit_events').select('details').execute();
    expect(JSON.stringify(all).toLowerCase()).not.toContain('correct-horse-battery-9');
  });

  it('locks out after 5 failures, progressively; the right password during a lock is refused with 423', async () => {
    const { oneTimePassword: pw } = await issue('lock.user');
    for (let i = 1; i <= 4; i++)
      expect((await login('lock.user', `Wrong-pass-${i}-xyz`)).statusCode).toBe(401);
    const fifth = await login('lock.user', 'Wrong-pass-5-xyz');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().error.details[0].reason).toContain(at(1).toISOString());
    const right = await login('lock.user', pw);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.details[0].reason).toContain(at(1).toISOString());
    expect(right.cookies).toEqual([]);
    // After the minute, one more failure locks for two.
    const sixth = await login('lock.user', 'Wrong-pass-6-xyz', 2);
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().error.details[0].reason).toContain(at(4).toISOString());
    expect((await login('lock.user', pw, 3)).statusCode).toBe(423);
    const ok = await login('lock.user', pw, 5);
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await d.db
      .selectFrom('accounts')
      .select(['failed_attempts', 'locked_until'])
      .where('username', '=', 'lock.user')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_attempts: 0, locked_until: null });
    const actions = await d.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'account.locked')
      .execute();
    expect(actions).toHaveLength(2);
  });

  it('refuses disabled and expired accounts as wrong credentials, auditing why', async () => {
    const a = await issue('gone.user');
    const b = await issue('expired.user');
    await d.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', a.account.id).execute();
    await d.db
      .updateTable('accounts')
      .set({ expires_at: at(-1) })
      .where('id', '=', b.account.id)
      .execute();
    const r1 = await login('gone.user', a.oneTimePassword);
    const r2 = await login('expired.user', b.oneTimePassword);
    expect([r1.statusCode, r1.json().error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect([r2.statusCode, r2.json().error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const ev = await d.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details'])
      .where('action', '=', 'account.login_failed')
      .where('entity_id', 'in', [a.account.id, b.account.id])
      .execute();
    expect(ev.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(['disabled', 'expired']);
  });

  it('makes a role account change its password, then enrol MFA, before anything else; then rotates the session', async () => {
    const { oneTimePassword, account } = await issue('role.user', [{ role: 'hr_officer', unitId: w.hanoi }]);
    const res = await login('role.user', oneTimePassword);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('password');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const sessionCookie = setCookie.find((c) => c.startsWith('hoso_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Strict/);
    expect(sessionCookie).toMatch(/Path=\//);
    expect(sessionCookie).not.toMatch(/Secure/);
    const csrfCookie = setCookie.find((c) => c.startsWith('hoso_csrf='))!;
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Strict/);
    expect(cookiesOf(res).csrf).toBe(res.json().csrfToken);
    const h1 = headersOf(res);

    const blocked = await me(h1);
    expect([blocked.statusCode, blocked.json().error.code]).toEqual([403, 'SIGN_IN_INCOMPLETE']);
    const list = await (await appAt()).inject({ method: 'GET', url: '/api/v1/employees', headers: h1 });
    expect([list.statusCode, list.json().error.code]).toEqual([403, 'SIGN_IN_INCOMPLETE']);
    expect((await post('/api/v1/auth/mfa/enroll', h1)).statusCode).toBe(422);
    const weak = await post('/api/v1/auth/password', h1, {
      currentPassword: oneTimePassword,
      newPassword: 'short',
    });
    expect([weak.statusCode, weak.json().error.code]).toEqual([400, 'WEAK_PASSWORD']);
    expect(weak.json().error.details[0].reason).toMatch(/12/);
    const named = await post('/api/v1/auth/password', h1, {
      currentPassword: oneTimePassword,
      newPassword: 'My-Role.User-2026',
    });
    expect(named.json().error.details[0].reason).toMatch(/username/);

    const changed = await post('/api/v1/auth/password', h1, {
      currentPassword: oneTimePassword,
      newPassword: 'Correct-Horse-42',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().stage).toBe('mfa_enrol');
    expect((await me(h1)).json().error.code).toBe('SIGN_IN_INCOMPLETE');

    const enrol = await post('/api/v1/auth/mfa/enroll', h1);
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, otpauthUri } = enrol.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/hoso:role\.user\?/);
    const stored = await d.db
      .selectFrom('accounts')
      .select(['totp_secret', 'mfa_enrolled_at'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret);
    expect(stored.mfa_enrolled_at).toBeNull();
    const bad = wrongCode(secret);
    const wrong = await post('/api/v1/auth/mfa/confirm', h1, { code: bad });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const drift = totpCode(secret, new Date(TEST_NOW.getTime() - 30_000));
    const done = await post('/api/v1/auth/mfa/confirm', h1, { code: drift });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().stage).toBe('active');
    const h2 = headersOf(done);
    expect(h2.cookie).not.toBe(h1.cookie);
    expect(done.json().csrfToken).not.toBe(h1['x-csrf-token']);
    expect((await me(h1)).statusCode).toBe(401); // the pre-MFA session id is dead
    const mine = await me(h2);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      id: account.id,
      username: 'role.user',
      employeeId: null,
      mfaEnrolled: true,
      roles: [{ role: 'hr_officer', unitId: w.hanoi, unitName: 'Thành phố Hà Nội' }],
    });

    // Next time: password, then the TOTP code; wrong codes count toward lock-out.
    const again = await login('role.user', 'Correct-Horse-42');
    expect(again.json().stage).toBe('mfa');
    const h3 = headersOf(again);
    expect((await me(h3)).statusCode).toBe(403);
    for (let i = 1; i <= 4; i++)
      expect((await post('/api/v1/auth/mfa', h3, { code: bad })).statusCode).toBe(401);
    const locked = await post('/api/v1/auth/mfa', h3, { code: bad });
    expect(locked.statusCode).toBe(423);
    expect((await post('/api/v1/auth/mfa', h3, { code: totpCode(secret) })).statusCode).toBe(423);
    const later = await post('/api/v1/auth/mfa', h3, { code: totpCode(secret, at(2)) }, 2);
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().stage).toBe('active');
  });

  it('needs no MFA for a person’s own account, and asks for it once the account gets a role', async () => {
    const person = await createEmployee(testCtx(d), recruitBody(w.hanoiHome, { fullName: 'Vũ Thị Mai' }));
    const self = await signIn(await appAt(), d, { employeeId: person.id });
    expect(self.totpSecret).toBeUndefined();
    const mine = await me(self.headers);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ employeeId: person.id, roles: [], mfaEnrolled: false });
    const rec = await (
      await appAt()
    ).inject({ method: 'GET', url: `/api/v1/employees/${person.id}`, headers: self.headers });
    expect(rec.statusCode, rec.body).toBe(200);

    await d.db
      .insertInto('role_bindings')
      .values({ account_id: self.accountId, role: 'viewer', unit_id: w.hanoi, granted_at: TEST_NOW })
      .execute();
    const tightened = await me(self.headers);
    expect([tightened.statusCode, tightened.json().error.code]).toEqual([403, 'SIGN_IN_INCOMPLETE']);
    expect((await post('/api/v1/auth/mfa/enroll', self.headers)).statusCode).toBe(200);
  });

  it('ends a stolen cookie with logout, and every session with logout-all', async () => {
    const user = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    const stolen = { ...user.headers };
    expect((await post('/api/v1/auth/logout', user.headers)).statusCode).toBe(200);
    expect((await me(stolen)).statusCode).toBe(401);

    // Each sign-in a period later: a TOTP code is good only once.
    const second = await login(user.username, user.password, 1);
    const h = headersOf(second);
    const verified = await post('/api/v1/auth/mfa', h, { code: totpCode(user.totpSecret!, at(1)) }, 1);
    const laptop = headersOf(verified);
    const third = await login(user.username, user.password, 2);
    const phone = headersOf(
      await post('/api/v1/auth/mfa', headersOf(third), { code: totpCode(user.totpSecret!, at(2)) }, 2),
    );
    expect((await me(laptop, 2)).statusCode).toBe(200);
    expect((await me(phone, 2)).statusCode).toBe(200);
    const all = await post('/api/v1/auth/logout-all', phone, undefined, 2);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().sessionsRevoked).toBe(2);
    expect((await me(laptop, 2)).statusCode).toBe(401);
    expect((await me(phone, 2)).statusCode).toBe(401);
  });

  it('accepts a TOTP code only once, and only for a later step than the last one accepted', async () => {
    const user = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    const secret = user.totpSecret!;
    const step = (k: number) => totpCode(secret, new Date(TEST_NOW.getTime() + k * 30_000));
    const failures = async () =>
      (
        await d.db
          .selectFrom('accounts')
          .select('failed_attempts')
          .where('id', '=', user.accountId)
          .executeTakeFirstOrThrow()
      ).failed_attempts;
    const mfaAgain = async (code: string, minutes = 0) => {
      const s = await login(user.username, user.password, minutes);
      expect(s.json().stage).toBe('mfa');
      const h = headersOf(s);
      return { h, res: await post('/api/v1/auth/mfa', h, { code }, minutes) };
    };
    expect((await post('/api/v1/auth/logout', user.headers)).statusCode).toBe(200);

    // The code that confirmed enrolment, again at the same clock: refused like a wrong code.
    const { h, res: replay } = await mfaAgain(step(0));
    const wrong = await post('/api/v1/auth/mfa', h, { code: wrongCode(secret) });
    expect([replay.statusCode, replay.json().error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const { requestId: _r1, ...replayError } = replay.json().error;
    const { requestId: _r2, ...wrongError } = wrong.json().error;
    expect(replayError).toEqual(wrongError);
    expect(replay.cookies).toEqual([]);
    // A still-valid code of an earlier step than the one used is refused too.
    const earlier = await post('/api/v1/auth/mfa', h, { code: step(-1) });
    expect(earlier.statusCode).toBe(401);
    expect(await failures()).toBe(3);
    expect((await me(h)).statusCode).toBe(403);

    // The next period's code (within the drift window at this clock) is accepted, once.
    const next = await post('/api/v1/auth/mfa', h, { code: step(1) });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().stage).toBe('active');
    expect(await failures()).toBe(0);
    const again = await mfaAgain(step(1));
    expect(again.res.statusCode).toBe(401);
    expect((await mfaAgain(step(0))).res.statusCode).toBe(401);

    // A minute later, that period's code works; the refusals were audited as replays.
    const later = await mfaAgain(totpCode(secret, at(1)), 1);
    expect(later.res.statusCode, later.res.body).toBe(200);
    const reasons = await d.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'account.login_failed')
      .where('entity_id', '=', user.accountId)
      .orderBy('id')
      .execute();
    expect(reasons.map((r) => (r.details as { reason: string }).reason)).toEqual([
      'replayed_totp',
      'wrong_totp',
      'replayed_totp',
      'replayed_totp',
      'replayed_totp',
    ]);
  });

  it('lets only one of two concurrent uses of the same TOTP code through', async () => {
    const user = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    const a = headersOf(await login(user.username, user.password, 1));
    const b = headersOf(await login(user.username, user.password, 1));
    const code = totpCode(user.totpSecret!, at(1));
    const results = await Promise.all([
      post('/api/v1/auth/mfa', a, { code }, 1),
      post('/api/v1/auth/mfa', b, { code }, 1),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('claims a TOTP step only when it is later than the last one claimed', async () => {
    const { account } = await issue('claim.user');
    const claim = (s: number) => claimTotpStep(d.db, account.id, s);
    expect(await claim(100)).toBe(true);
    expect(await claim(100)).toBe(false);
    expect(await claim(99)).toBe(false);
    expect(await claim(101)).toBe(true);
    const row = await d.db
      .selectFrom('accounts')
      .select('totp_last_step')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_last_step).toBe(101);
  });

  it('expires a session after 30 idle minutes, and 12 hours after sign-in however busy', async () => {
    const user = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    expect((await me(user.headers, 31)).statusCode).toBe(401);

    const busy = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    for (let m = 25; m < 12 * 60; m += 25)
      expect((await me(busy.headers, m)).statusCode, `at +${m} min`).toBe(200);
    expect((await me(busy.headers, 12 * 60 - 1)).statusCode).toBe(200);
    expect((await me(busy.headers, 12 * 60 + 1)).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated POST without the CSRF token', async () => {
    const user = await signIn(await appAt(), d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    const noToken = await post('/api/v1/auth/logout', { cookie: user.cookie });
    expect([noToken.statusCode, noToken.json().error.code]).toEqual([403, 'CSRF_FAILED']);
    const wrong = await post('/api/v1/auth/logout', { cookie: user.cookie, 'x-csrf-token': 'nope' });
    expect(wrong.statusCode).toBe(403);
    expect((await me({ cookie: user.cookie })).statusCode).toBe(200); // reads need no token
  });

  it('marks the cookies Secure when configured to', async () => {
    const { oneTimePassword } = await issue('secure.user');
    const app = await testApp(d, TEST_NOW, sessionAuthenticator({ ...config, cookieSecure: true }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'secure.user', password: oneTimePassword },
    });
    await app.close();
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(set).toHaveLength(2);
    for (const c of set) expect(c).toMatch(/; Secure/);
  });

  it('keeps passwords out of the audit log and the request log, and stores only argon2id hashes', async () => {
    const { Writable } = await import('node:stream');
    const { default: pino } = await import('pino');
    const { buildApp } = await import('../../http/app.ts');
    const { fixedClock } = await import('../../platform/clock.ts');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const app = await buildApp({
      db: d.db,
      clock: fixedClock(TEST_NOW),
      logger: pino({ level: 'trace' }, sink),
      authenticate: sessionAuthenticator(config),
    });
    await app.ready();
    const { oneTimePassword } = await issue('secret.keeper');
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'secret.keeper', password: 'Wrong-Guess-999' },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'secret.keeper', password: oneTimePassword },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: headersOf(res),
      payload: { currentPassword: oneTimePassword, newPassword: 'Brand-New-Secret-77' },
    });
    await app.close();
    const audits = await d.db.selectFrom('audit_events').select('details').execute();
    const text = JSON.stringify(audits) + lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      oneTimePassword,
      'Wrong-Guess-999',
      'Brand-New-Secret-77',
      cookiesOf(res).session!,
    ]) {
      expect(text).not.toContain(secret);
    }
    const hashes = await d.db.selectFrom('accounts').select('password_hash').execute();
    for (const h of hashes) expect(h.password_hash.startsWith('$argon2id$')).toBe(true);
  });
});

/** A six-digit code that is not valid for this secret now (nor a step either side). */
function wrongCode(secret: string): string {
  const valid = [-1, 0, 1].map((k) => totpCode(secret, new Date(TEST_NOW.getTime() + k * 30_000)));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!;
}
