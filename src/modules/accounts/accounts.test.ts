// Accounts are issued top-down: no self-registration, admins only inside their subtree and never above
// their own rank, a person's account by their managing body; every permission change is audited.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { signIn, type SignedIn } from '../../../test/helpers/auth.ts';
import type { Database } from '../../db/connect.ts';
import { ROUTES } from '../../http/routes.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { adminCommand } from '../../cli/admin.ts';
import {
  accountRoutes,
  authRoutes,
  createNationalAdmin,
  issueAccount,
  policyViolation,
  sessionAuthenticator,
} from './index.ts';

// Until http/routes.ts lists this module's routes, tests add them (a no-op once they are listed).

const config = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, cookieSecure: false };

describe('the route list', () => {
  it('has no self-registration: the only public account route is login, creating needs account.manage', () => {
    const all = [...ROUTES, ...accountRoutes, ...authRoutes];
    const publicAccountish = all
      // The OAuth token endpoint and JWKS (data sharing) authenticate API clients, not accounts.
      .filter((r) => r.access.kind === 'public' && /account|(?<!o)auth|user|regist|sign/i.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(publicAccountish)]).toEqual(['POST /api/v1/auth/login']);
    for (const r of accountRoutes) {
      expect(r.access, `${r.method} ${r.url}`).toEqual({ kind: 'permission', permission: 'account.manage' });
    }
    for (const r of authRoutes) expect(r.url).not.toMatch(/regist|signup|accounts/);
  });

  it('has a policy: 12+ characters, 3 kinds of character, not the username', () => {
    expect(policyViolation('Short1!', 'u')).toMatch(/12/);
    expect(policyViolation('alllowercaseletters', 'u')).toMatch(/3 of/);
    expect(policyViolation('lowercase-and-digits-123', 'u')).toBeUndefined();
    expect(policyViolation('Nguyen.Van.A-2024', 'nguyen.van.a')).toMatch(/username/);
    expect(policyViolation('Mật khẩu đủ dài 2024', 'x')).toBeUndefined();
  });
});

describe.each(ENGINES)('issuing and managing accounts on %s', (engine) => {
  let d: Database;
  let w: World;
  let app: FastifyInstance;
  let admin: SignedIn;
  let hanoiPerson: string;
  let tqPerson: string;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    w = await buildWorld(ctx);
    hanoiPerson = (await createEmployee(ctx, recruitBody(w.hanoiHome, { fullName: 'Phạm Thị Hà' }))).id;
    tqPerson = (await createEmployee(ctx, recruitBody(w.tuyenquang, { fullName: 'Lò Văn Tuyên' }))).id;
    app = await testApp(d, TEST_NOW, sessionAuthenticator(config));
    admin = await signIn(app, d, {
      roles: [{ role: 'agency_admin', unitId: w.hanoi }],
      username: 'admin.hn',
    });
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const post = (url: string, payload?: object, as: SignedIn = admin) =>
    app.inject({ method: 'POST', url, headers: as.headers, ...(payload ? { payload } : {}) });
  const get = (url: string, as: SignedIn = admin) => app.inject({ method: 'GET', url, headers: as.headers });

  it('bootstraps one national admin on the root unit, with an argon2id hash and a password to change', async () => {
    const ctx = testCtx(d);
    const first = await createNationalAdmin(ctx, { username: 'root.admin', displayName: 'Quản trị' });
    expect(first.account.homeUnitId).toBe(w.nation);
    expect(first.account.roles.map((r) => [r.role, r.unitId])).toEqual([['national_admin', w.nation]]);
    expect(first.account.mustChangePassword).toBe(true);
    expect(policyViolation(first.oneTimePassword, 'root.admin')).toBeUndefined();
    await expect(
      createNationalAdmin(ctx, { username: 'root.two', displayName: 'Hai' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await createNationalAdmin(ctx, { username: 'root.two', displayName: 'Hai', force: true });
    const rows = await d.db.selectFrom('accounts').select(['username', 'password_hash']).execute();
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows.map((r) => r.password_hash).join()).not.toContain(first.oneTimePassword);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'anon.user', displayName: 'Khách', roles: [{ role: 'viewer', unitId: w.hanoi }] },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('has a command line for the first national admin that prints the one-time password once', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
    try {
      const ctx = testCtx(d);
      expect(
        await adminCommand(['create-national-admin', '--username', 'cli.root', '--name', 'CLI'], ctx),
      ).toBe(
        1, // root.admin exists already
      );
      expect(out.join()).toMatch(/--force/);
      expect(await adminCommand(['create-national-admin', '--username', 'Bad Name'], ctx)).toBe(2);
      expect(await adminCommand(['create-national-admin'], ctx)).toBe(2);
      expect(await adminCommand(['frobnicate'], ctx)).toBe(2);
      out.length = 0;
      expect(await adminCommand(['create-national-admin', '--username', 'cli.root', '--force'], ctx)).toBe(0);
      const otp = out.join('\n').match(/one-time password[^:]*: (\S+)/)?.[1];
      expect(otp && policyViolation(otp, 'cli.root')).toBeUndefined();
      expect(otp).toBeTruthy();
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });

  it('lets an agency admin issue accounts in its subtree, at or below its own rank', async () => {
    const ok = await post('/api/v1/accounts', {
      username: 'hr.hanoi',
      displayName: 'Cán bộ tổ chức Hà Nội',
      roles: [{ role: 'hr_officer', unitId: w.hanoiHome }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['cache-control']).toBe('no-store');
    const issued = ok.json();
    expect(issued.account.homeUnitId).toBe(w.hanoiHome);
    expect(issued.account.mustChangePassword).toBe(true);
    expect(policyViolation(issued.oneTimePassword, 'hr.hanoi')).toBeUndefined();
    const peer = await post('/api/v1/accounts', {
      username: 'admin.hn2',
      displayName: 'Quản trị 2',
      roles: [{ role: 'agency_admin', unitId: w.hanoiCommune }],
    });
    expect(peer.statusCode, peer.body).toBe(201);

    const outside = await post('/api/v1/accounts', {
      username: 'hr.tq',
      displayName: 'Ngoài phạm vi',
      roles: [{ role: 'hr_officer', unitId: w.tuyenquang }],
    });
    expect(outside.statusCode, outside.body).toBe(404);
    const mixed = await post('/api/v1/accounts', {
      username: 'hr.mixed',
      displayName: 'Một trong, một ngoài',
      roles: [
        { role: 'viewer', unitId: w.hanoiHome },
        { role: 'viewer', unitId: w.tuyenquang },
      ],
    });
    expect(mixed.statusCode).toBe(404);
    const above = await post('/api/v1/accounts', {
      username: 'nat.hn',
      displayName: 'Vượt quyền',
      roles: [{ role: 'national_admin', unitId: w.hanoi }],
    });
    expect(above.statusCode, above.body).toBe(403);
    expect(above.json().error.code).toBe('FORBIDDEN');
    const noneCreated = await d.db
      .selectFrom('accounts')
      .select('username')
      .where('username', 'in', ['hr.tq', 'hr.mixed', 'nat.hn'])
      .execute();
    expect(noneCreated).toEqual([]);
    const dup = await post('/api/v1/accounts', {
      username: 'hr.hanoi',
      displayName: 'Trùng',
      roles: [{ role: 'viewer', unitId: w.hanoi }],
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses account management to roles without account.manage', async () => {
    const hr = await signIn(app, d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] });
    const res = await post(
      '/api/v1/accounts',
      { username: 'sneaky', displayName: 'Tự cấp', roles: [{ role: 'viewer', unitId: w.hanoi }] },
      hr,
    );
    expect(res.statusCode).toBe(403);
    expect((await post('/api/v1/accounts/self-service', { employeeId: hanoiPerson }, hr)).statusCode).toBe(
      403,
    );
    expect((await get('/api/v1/accounts', hr)).statusCode).toBe(403);
  });

  it('lists and shows only accounts whose home unit is in scope', async () => {
    const ctx = testCtx(d);
    const tq = await issueAccount(ctx, {
      username: 'viewer.tq',
      displayName: 'Người xem Tuyên Quang',
      roles: [{ role: 'viewer', unitId: w.tuyenquang }],
    });
    const list = await get('/api/v1/accounts?limit=200');
    expect(list.statusCode, list.body).toBe(200);
    const names = list.json().items.map((a: { username: string }) => a.username);
    expect(names).toContain('hr.hanoi');
    expect(names).toContain('admin.hn');
    expect(names).not.toContain('viewer.tq');
    expect(names).not.toContain('root.admin');
    expect(JSON.stringify(list.json())).not.toMatch(/argon2|password_hash|totp/i);
    expect((await get(`/api/v1/accounts/${tq.account.id}`)).statusCode).toBe(404);
    expect((await post(`/api/v1/accounts/${tq.account.id}/disable`)).statusCode).toBe(404);
    expect((await post(`/api/v1/accounts/${tq.account.id}/reset-password`)).statusCode).toBe(404);
    const filtered = (await get(`/api/v1/accounts?q=hr.han&unitId=${w.hanoiHome}`)).json();
    expect(filtered.items.map((a: { username: string }) => a.username)).toEqual(['hr.hanoi']);
    const root = await d.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'root.admin')
      .executeTakeFirstOrThrow();
    expect((await post(`/api/v1/accounts/${root.id}/disable`)).statusCode).toBe(404);
  });

  it('issues a person’s own account by their managing body: ID number as username, no roles', async () => {
    const res = await post('/api/v1/accounts/self-service', { employeeId: hanoiPerson });
    expect(res.statusCode, res.body).toBe(201);
    const { account } = res.json();
    const person = await d.db
      .selectFrom('employees')
      .select('person_id')
      .where('id', '=', hanoiPerson)
      .executeTakeFirstOrThrow();
    expect(account.username).toBe(person.person_id);
    expect(account.username).toMatch(/^\d{12}$/);
    expect(account.roles).toEqual([]);
    expect(account.employeeId).toBe(hanoiPerson);
    expect(account.homeUnitId).toBe(w.hanoiHome);
    expect((await post('/api/v1/accounts/self-service', { employeeId: hanoiPerson })).statusCode).toBe(409);
    expect((await post('/api/v1/accounts/self-service', { employeeId: tqPerson })).statusCode).toBe(404);
  });

  it('disables, re-enables, resets, expires and changes roles, each audited; never its own account', async () => {
    const target = await signIn(app, d, { roles: [{ role: 'viewer', unitId: w.hanoiHome }] });
    const id = target.accountId;
    expect((await get('/api/v1/me', target)).statusCode).toBe(200);

    const disabled = await post(`/api/v1/accounts/${id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await get('/api/v1/me', target)).statusCode).toBe(401);
    expect((await post(`/api/v1/accounts/${id}/enable`)).json().status).toBe('active');

    const reset = await post(`/api/v1/accounts/${id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const otp = reset.json().oneTimePassword as string;
    expect(policyViolation(otp, target.username)).toBeUndefined();
    const relog = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: target.username, password: otp },
    });
    expect(relog.json().stage).toBe('password');

    const later = new Date(TEST_NOW.getTime() + 86400_000).toISOString();
    const exp = await post(`/api/v1/accounts/${id}/expire`, { expiresAt: later });
    expect(exp.json().expiresAt).toBe(later);

    const roles = await post(`/api/v1/accounts/${id}/roles`, {
      grant: [{ role: 'hr_officer', unitId: w.hanoiCommune }],
      revoke: [exp.json().roles[0].id],
    });
    expect(roles.statusCode, roles.body).toBe(200);
    expect(roles.json().roles.map((r: { role: string; unitName: string }) => [r.role, r.unitName])).toEqual([
      ['hr_officer', 'Phường Hoàn Kiếm'],
    ]);
    const badGrant = await post(`/api/v1/accounts/${id}/roles`, {
      grant: [{ role: 'hr_officer', unitId: w.tuyenquang }],
    });
    expect(badGrant.statusCode).toBe(404);

    const events = await d.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'details'])
      .where('entity', '=', 'account')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    const actions = events.filter((e) => e.actor === admin.accountId).map((e) => e.action);
    expect(actions).toEqual([
      'account.disable',
      'account.enable',
      'account.password_reset',
      'account.expire',
      'account.role_revoke',
      'account.role_grant',
    ]);
    expect(events.map((e) => e.action)).toContain('account.role_grant'); // at issue, by the system
    expect(JSON.stringify(events)).not.toContain(otp);

    const self = await post(`/api/v1/accounts/${admin.accountId}/disable`);
    expect(self.statusCode).toBe(403);
    const peer = await d.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'admin.hn2')
      .executeTakeFirstOrThrow();
    expect((await post(`/api/v1/accounts/${peer.id}/roles`, { revoke: [] })).statusCode).toBe(200);
  });
});
