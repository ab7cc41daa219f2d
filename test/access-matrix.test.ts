// The access matrix: every route of the single route list × every role × a target inside and outside
// the role's subtree × the person's own record or another's, each with its expected outcome, written
// here by hand from Circular 06 Art. 9 and the role table — independent of the code's policy table.
// Every caller signs in for real (password, first-login change, TOTP) against the session authenticator.
// A route without an entry below fails the test.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from './helpers/app.ts';
import { buildWorld, recruitBody, type World } from './helpers/fixtures.ts';
import { ROUTES } from '../src/http/routes.ts';
import type { Database } from '../src/db/connect.ts';
import { ROLES, type Role } from '../src/platform/context.ts';
import { createUnit } from '../src/modules/org-units/index.ts';
import { createEmployee } from '../src/modules/personnel-actions/index.ts';
import { issueAccount, sessionAuthenticator } from '../src/modules/accounts/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { cookiesOf, sessionHeaders, signIn } from './helpers/auth.ts';
import { testBackupSettings } from './helpers/backups.ts';
import { configureBackups } from '../src/modules/backups/index.ts';
import { restructure } from '../src/modules/restructuring/index.ts';
import { createTransfer } from '../src/modules/transfers/index.ts';
import { workflowMatrix } from './matrix/workflows.ts';
import { analyticsMatrix } from './matrix/analytics.ts';
import { extractsMatrix } from './matrix/extracts.ts';
import { federationMatrix } from './matrix/federation.ts';
import { sharingMatrix } from './matrix/sharing.ts';
import { importsMatrix } from './matrix/imports.ts';

export type Who = Role | 'self' | 'anonymous';
export type Where = 'inside' | 'outside';
export interface Req {
  method: string;
  url: string;
  payload?: object;
}
export interface Entry {
  /** The request ends or changes the session (logout, password change): sign in afresh for it. */
  fresh?: boolean;
  /** Sign-in steps answer by the state of the session; for these only admission is checked. */
  admitOnly?: boolean;
  /** Roles allowed to call it at all (others: 403). 'self' = the person's own account. */
  allow: readonly Who[] | 'everyone' | 'signed-in';
  /** How an allowed caller is answered for a target outside their subtree (default: same as inside). */
  outside?: number;
  /**
   * How a signed-in caller who is not allowed is answered (default 403). 404 where the route cannot
   * tell more than "not found" (a request or consent that is not the caller's).
   */
  denied?: number;
  /** For signed-in callers who are not a person with a record (staff accounts): their status. */
  staff?: number;
  build: (t: Targets, where: Where, n: number, me: Session | undefined) => Promise<Req>;
}
export interface Session {
  headers: Record<string, string>;
  password: string;
}
export interface Targets {
  w: World;
  tqDept: number;
  inHanoi: string;
  inTq: string;
  unitIn: number;
  unitOut: number;
  /** The database, for entries that prepare their target with services acting as real accounts. */
  d: Database;
}

const STAFF: readonly Role[] = ['national_admin', 'agency_admin', 'hr_officer', 'approver', 'viewer'];
const dec = { number: '9/QĐ', date: '2024-01-02', signerName: 'Phạm Văn Ký', issuingBody: 'UBND' };
const emp = (t: Targets, where: Where) => (where === 'inside' ? t.inHanoi : t.inTq);
const unit = (t: Targets, where: Where) => (where === 'inside' ? t.unitIn : t.unitOut);
const freshUnit = (t: Targets, w: Where, n: number) =>
  createUnit(sysCtx, {
    code: `RS-${n}`,
    name: 'Phòng sẽ sắp xếp',
    kind: 'other',
    parentId: unit(t, w),
    validFrom: '2020-01-01',
  });
const acct = async (t: Targets, w: Where, n: number) =>
  (
    await issueAccount(sysCtx, {
      username: `t-${n}`,
      displayName: 'Tài khoản đích',
      roles: [{ role: 'viewer', unitId: unit(t, w) }],
    })
  ).account.id;

/** Each backup case gets its own throw-away backup folder, removed when the case ends. */
const useTestBackups = () => {
  const settings = testBackupSettings();
  configureBackups(settings);
  onTestFinished(() => rmSync(settings.dir, { recursive: true, force: true }));
};

const MATRIX: Record<string, Entry> = {
  'GET /health': { allow: 'everyone', build: async () => ({ method: 'GET', url: '/health' }) },
  'GET /ready': { allow: 'everyone', build: async () => ({ method: 'GET', url: '/ready' }) },
  // No account can read metrics and none is needed: the caller's address or METRICS_TOKEN decides
  // (src/http/metrics.test.ts); inject's caller is loopback, so everyone here is answered.
  'GET /metrics': { allow: 'everyone', build: async () => ({ method: 'GET', url: '/metrics' }) },
  'GET /api/v1/schemas/e-record': {
    allow: 'everyone',
    build: async () => ({ method: 'GET', url: '/api/v1/schemas/e-record' }),
  },
  'POST /api/v1/auth/login': {
    allow: 'everyone',
    build: async (t, _w, n) => {
      const i = await issueAccount(sysCtx, {
        username: `login-${n}`,
        displayName: 'Đăng nhập',
        roles: [{ role: 'viewer', unitId: t.unitIn }],
      });
      return {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `login-${n}`, password: i.oneTimePassword },
      };
    },
  },
  'GET /api/v1/auth/session': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/auth/session' }),
  },
  'POST /api/v1/auth/password': {
    allow: 'signed-in',
    fresh: true,
    build: async (_t, _w, n, me) => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: me?.password ?? 'x', newPassword: `Mới-${n}-Mật-khẩu-B2` },
    }),
  },
  'POST /api/v1/auth/mfa/enroll': {
    allow: 'signed-in',
    admitOnly: true,
    fresh: true,
    build: async () => ({ method: 'POST', url: '/api/v1/auth/mfa/enroll' }),
  },
  'POST /api/v1/auth/mfa/confirm': {
    allow: 'signed-in',
    admitOnly: true,
    fresh: true,
    build: async () => ({ method: 'POST', url: '/api/v1/auth/mfa/confirm', payload: { code: '000000' } }),
  },
  'POST /api/v1/auth/mfa': {
    allow: 'signed-in',
    admitOnly: true,
    fresh: true,
    build: async () => ({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code: '000000' } }),
  },
  'POST /api/v1/auth/logout': {
    allow: 'signed-in',
    fresh: true,
    build: async () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
  },
  'POST /api/v1/auth/logout-all': {
    allow: 'signed-in',
    fresh: true,
    build: async () => ({ method: 'POST', url: '/api/v1/auth/logout-all' }),
  },
  'GET /api/v1/me': { allow: 'signed-in', build: async () => ({ method: 'GET', url: '/api/v1/me' }) },
  'GET /api/v1/accounts': {
    allow: ['national_admin', 'agency_admin'],
    build: async () => ({ method: 'GET', url: '/api/v1/accounts' }),
  },
  'POST /api/v1/accounts': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: {
        username: `m-${n}`,
        displayName: 'Ma trận',
        roles: [{ role: 'viewer', unitId: unit(t, w) }],
      },
    }),
  },
  'POST /api/v1/accounts/self-service': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w) => ({
      method: 'POST',
      url: '/api/v1/accounts/self-service',
      payload: { employeeId: (await createEmployee(sysCtx, recruitBody(unit(t, w)))).id },
    }),
  },
  'GET /api/v1/accounts/:id': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({ method: 'GET', url: `/api/v1/accounts/${await acct(t, w, n)}` }),
  },
  'POST /api/v1/accounts/:id/disable': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({ method: 'POST', url: `/api/v1/accounts/${await acct(t, w, n)}/disable` }),
  },
  'POST /api/v1/accounts/:id/enable': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({ method: 'POST', url: `/api/v1/accounts/${await acct(t, w, n)}/enable` }),
  },
  'POST /api/v1/accounts/:id/reset-password': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: `/api/v1/accounts/${await acct(t, w, n)}/reset-password`,
    }),
  },
  'POST /api/v1/accounts/:id/expire': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: `/api/v1/accounts/${await acct(t, w, n)}/expire`,
      payload: { expiresAt: null },
    }),
  },
  'POST /api/v1/accounts/:id/roles': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: `/api/v1/accounts/${await acct(t, w, n)}/roles`,
      payload: { grant: [{ role: 'viewer', unitId: unit(t, w) }] },
    }),
  },
  'GET /api/v1/catalogs': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/catalogs' }),
  },
  'GET /api/v1/catalogs/:name': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/catalogs/religions' }),
  },
  // Restructuring needs org.write over every unit touched (here: a fresh unit renamed, under its parent).
  'POST /api/v1/org-restructurings': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: '/api/v1/org-restructurings',
      payload: {
        kind: 'rename',
        effectiveDate: '2025-07-01',
        decision: dec,
        unitId: (await freshUnit(t, w, n)).id,
        name: 'Phòng sau sắp xếp',
      },
    }),
  },
  'GET /api/v1/org-restructurings': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/org-restructurings' }),
  },
  'GET /api/v1/org-restructurings/:id': {
    allow: 'signed-in',
    build: async (t, w, n) => {
      const input = {
        kind: 'rename' as const,
        effectiveDate: '2025-07-01',
        decision: dec,
        name: 'Phòng mới',
      };
      const r = await restructure(sysCtx, { ...input, unitId: (await freshUnit(t, w, n)).id });
      return { method: 'GET', url: `/api/v1/org-restructurings/${r.id}` };
    },
  },
  // The sending body transfers someone it manages to a unit outside its subtree; outside: not its person.
  'POST /api/v1/transfers': {
    allow: ['national_admin', 'agency_admin', 'hr_officer'],
    outside: 404,
    build: async (t, w) => ({
      method: 'POST',
      url: '/api/v1/transfers',
      payload: {
        employeeId: (await createEmployee(sysCtx, recruitBody(unit(t, w)))).id,
        toUnitId: unit(t, w === 'inside' ? 'outside' : 'inside'),
        effectiveDate: '2026-11-02',
        decision: dec,
      },
    }),
  },
  'GET /api/v1/transfers': {
    allow: ['national_admin', 'agency_admin', 'hr_officer'],
    build: async () => ({ method: 'GET', url: '/api/v1/transfers?direction=in' }),
  },
  // Only the receiving body receives: inside = a person transferred into the caller's subtree.
  'POST /api/v1/transfers/:id/receive': {
    allow: ['national_admin', 'agency_admin', 'hr_officer'],
    outside: 404,
    build: async (t, w) => {
      const from = unit(t, w === 'inside' ? 'outside' : 'inside');
      const employeeId = (await createEmployee(sysCtx, recruitBody(from))).id;
      const decision = dec;
      const x = await createTransfer(sysCtx, {
        employeeId,
        toUnitId: unit(t, w),
        effectiveDate: '2026-11-02',
        decision,
      });
      return { method: 'POST', url: `/api/v1/transfers/${x.id}/receive` };
    },
  },
  'GET /api/v1/org-units': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/org-units' }),
  },
  'GET /api/v1/org-units/:id': {
    allow: 'signed-in',
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/org-units/${unit(t, w)}` }),
  },
  'GET /api/v1/org-units/:id/tree': {
    allow: 'signed-in',
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/org-units/${unit(t, w)}/tree` }),
  },
  'GET /api/v1/org-units/:id/ancestors': {
    allow: 'signed-in',
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/org-units/${unit(t, w)}/ancestors` }),
  },
  'GET /api/v1/org-units/:id/quotas': {
    allow: 'signed-in',
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/org-units/${unit(t, w)}/quotas` }),
  },
  'GET /api/v1/org-units/:id/job-positions': {
    allow: 'signed-in',
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/org-units/${unit(t, w)}/job-positions` }),
  },
  'POST /api/v1/org-units': {
    allow: ['national_admin', 'agency_admin'],
    outside: 400,
    build: async (t, w, n) => ({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: {
        code: `M-${n}`,
        name: 'Phòng ma trận',
        kind: 'other',
        parentId: unit(t, w),
        validFrom: '2024-01-01',
      },
    }),
  },
  'POST /api/v1/org-units/:id/rename': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w) => ({
      method: 'POST',
      url: `/api/v1/org-units/${unit(t, w)}/rename`,
      payload: { name: 'Phòng đổi tên', validFrom: '2024-06-01' },
    }),
  },
  'POST /api/v1/org-units/:id/move': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => {
      const parent = w === 'inside' ? t.w.hanoi : t.w.tuyenquang;
      const u = await createUnit(sysCtx, {
        code: `MV-${n}`,
        name: 'Phòng sẽ chuyển',
        kind: 'other',
        parentId: parent,
        validFrom: '2020-01-01',
      });
      return {
        method: 'POST',
        url: `/api/v1/org-units/${u.id}/move`,
        payload: { parentId: w === 'inside' ? t.w.hanoiHome : t.tqDept, validFrom: '2024-01-01' },
      };
    },
  },
  'POST /api/v1/org-units/:id/close': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => {
      const u = await createUnit(sysCtx, {
        code: `CL-${n}`,
        name: 'Phòng sẽ giải thể',
        kind: 'other',
        parentId: unit(t, w),
        validFrom: '2020-01-01',
      });
      return { method: 'POST', url: `/api/v1/org-units/${u.id}/close`, payload: { validTo: '2024-01-01' } };
    },
  },
  'PUT /api/v1/org-units/:id/quotas/:year': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w) => ({
      method: 'PUT',
      url: `/api/v1/org-units/${unit(t, w)}/quotas/2026`,
      payload: {
        civilServants: 10,
        publicEmployees: 0,
        contractWorkers: 1,
        decisionNo: '1/QĐ',
        decisionDate: '2025-12-01',
      },
    }),
  },
  'POST /api/v1/org-units/:id/job-positions': {
    allow: ['national_admin', 'agency_admin'],
    outside: 404,
    build: async (t, w, n) => ({
      method: 'POST',
      url: `/api/v1/org-units/${unit(t, w)}/job-positions`,
      payload: {
        code: `VT-${n}`,
        name: 'Chuyên viên',
        kind: 'professional',
        plannedCount: 2,
        validFrom: '2024-01-01',
      },
    }),
  },
  'GET /api/v1/employees': {
    allow: STAFF,
    build: async () => ({ method: 'GET', url: '/api/v1/employees?limit=5' }),
  },
  'GET /api/v1/employees/headcount': {
    allow: STAFF,
    outside: 404,
    build: async (t, w) => ({
      method: 'GET',
      url: `/api/v1/employees/headcount?by=sex&unitId=${w === 'inside' ? t.w.hanoi : t.w.tuyenquang}`,
    }),
  },
  'POST /api/v1/employees': {
    allow: ['national_admin', 'hr_officer'],
    outside: 400,
    build: async (t, w) => ({ method: 'POST', url: '/api/v1/employees', payload: recruitBody(unit(t, w)) }),
  },
  'GET /api/v1/employees/:id': {
    allow: [...STAFF, 'self'],
    outside: 404,
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/employees/${emp(t, w)}` }),
  },
  'GET /api/v1/employees/:id/actions': {
    allow: [...STAFF, 'self'],
    outside: 404,
    build: async (t, w) => ({ method: 'GET', url: `/api/v1/employees/${emp(t, w)}/actions` }),
  },
  'POST /api/v1/employees/:id/actions': {
    allow: ['national_admin'],
    outside: 404,
    build: async (t, w) => ({
      method: 'POST',
      url: `/api/v1/employees/${emp(t, w)}/actions`,
      payload: { type: 'reward', effectiveDate: '2024-01-02', decision: dec, payload: { form: 'Giấy khen' } },
    }),
  },
  'GET /api/v1/audit/events': {
    allow: ['national_admin', 'auditor'],
    build: async () => ({ method: 'GET', url: '/api/v1/audit/events?limit=5' }),
  },
  // Verifying the whole chain is national work: an auditor of one province is refused.
  'GET /api/v1/audit/verify': {
    allow: ['national_admin'],
    build: async () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
  },
  // "Who read my record": the person's own; staff accounts have no record of their own here.
  'GET /api/v1/me/access-log': {
    allow: 'signed-in',
    staff: 404,
    build: async () => ({ method: 'GET', url: '/api/v1/me/access-log' }),
  },
  // Backups are of the whole database: national administrators only. A run takes a few seconds.
  'GET /api/v1/backups': {
    allow: ['national_admin'],
    build: async () => (useTestBackups(), { method: 'GET', url: '/api/v1/backups' }),
  },
  'POST /api/v1/backups': {
    allow: ['national_admin'],
    build: async () => (useTestBackups(), { method: 'POST', url: '/api/v1/backups' }),
  },
  'GET /api/v1/personnel-action-types': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/personnel-action-types' }),
  },
  ...workflowMatrix(),
  ...analyticsMatrix(),
  ...extractsMatrix(),
  ...federationMatrix(),
  ...sharingMatrix(),
  ...importsMatrix(),
};

let sysCtx: ReturnType<typeof testCtx>;

describe('the access matrix', () => {
  let d: Database;
  let t: Targets;
  let app: FastifyInstance;
  const sessions = new Map<Who, Session>();
  let n = 0;

  // Each role is held over Hà Nội: "inside" targets are in Hà Nội, "outside" ones in Tuyên Quang.
  // The national admin holds the national root, so for it nothing is outside.
  let selfLogin: { username: string; password: string } | undefined;
  async function signInAs(who: Who): Promise<Session | undefined> {
    if (who === 'anonymous') return undefined;
    if (who === 'self' && selfLogin) {
      // The person has one account: sign in to it again (self-service needs no TOTP).
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: selfLogin });
      const { session, csrf } = cookiesOf(res);
      return { headers: sessionHeaders(session!, csrf!), password: selfLogin.password };
    }
    const opts =
      who === 'self'
        ? { employeeId: t.inHanoi }
        : { roles: [{ role: who, unitId: who === 'national_admin' ? t.w.nation : t.w.hanoi }] };
    const s = await signIn(app, d, opts);
    if (who === 'self') selfLogin = { username: s.username, password: s.password };
    return { headers: s.headers, password: s.password };
  }
  async function sessionOf(who: Who, fresh: boolean): Promise<Session | undefined> {
    if (fresh || !sessions.has(who)) {
      const s = await signInAs(who);
      if (fresh) return s;
      if (s) sessions.set(who, s);
    }
    return sessions.get(who);
  }

  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    sysCtx = testCtx(d);
    const w = await buildWorld(sysCtx);
    const tqDept = (
      await createUnit(sysCtx, {
        code: 'T08-SNV',
        name: 'Sở Nội vụ Tuyên Quang',
        kind: 'provincial_department',
        parentId: w.tuyenquang,
        validFrom: '2000-01-01',
      })
    ).id;
    const inHanoi = (await createEmployee(sysCtx, recruitBody(w.hanoiHome))).id;
    const inTq = (await createEmployee(sysCtx, recruitBody(tqDept))).id;
    t = { w, tqDept, inHanoi, inTq, unitIn: w.hanoiHome, unitOut: tqDept, d };
    // Every sign-in of the matrix comes from one address at one instant: the rate limits (tested in
    // accounts/flood.test.ts) are lifted so that the matrix sees the access rules alone.
    const limitsOff = { loginRatePerIp: 1_000_000, loginRatePerAccount: 1_000_000 };
    app = await testApp(d, TEST_NOW, sessionAuthenticator({ ...loadConfig({}), ...limitsOff }));
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('has an entry for every route, and no entry for a route that does not exist', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const WHO: Who[] = [...ROLES, 'self', 'anonymous'];
  const cases = Object.keys(MATRIX).flatMap((route) =>
    WHO.flatMap((who) => (['inside', 'outside'] as Where[]).map((where) => [route, who, where] as const)),
  );

  function expected(e: Entry, who: Who, where: Where): number | 'ok' {
    if (e.allow === 'everyone') return 'ok';
    if (who === 'anonymous') return 401;
    if (e.allow === 'signed-in') return e.staff && who !== 'self' ? e.staff : 'ok';
    if (!e.allow.includes(who)) return e.denied ?? 403;
    if (who === 'self') return where === 'inside' ? 'ok' : 404;
    if (who === 'national_admin') return 'ok';
    return where === 'outside' && e.outside ? e.outside : 'ok';
  }

  it.each(cases)('%s as %s, target %s', async (route, who, where) => {
    const e = MATRIX[route]!;
    const me = await sessionOf(who, e.fresh === true);
    const req = await e.build(t, where, ++n, me);
    const res = await app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: me?.headers ?? {},
      ...(req.payload ? { payload: req.payload } : {}),
    });
    const want = expected(e, who, where);
    if (who === 'self' && route === 'POST /api/v1/auth/password' && res.statusCode === 200 && selfLogin) {
      selfLogin.password = (req.payload as { newPassword: string }).newPassword;
    }
    // The person's "fresh" sessions share their one account: logout-all ends the kept session too.
    if (who === 'self' && e.fresh) sessions.delete('self');
    if (want === 'ok' && e.admitOnly) {
      const code = res.statusCode >= 400 ? res.json().error.code : '';
      expect(['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_FAILED', 'SIGN_IN_INCOMPLETE'], res.body).not.toContain(
        code,
      );
    } else if (want === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
    else {
      expect(res.statusCode, res.body).toBe(want);
      expect(res.json().error.code).toBeTypeOf('string');
    }
    // Lists are filtered rather than refused: nobody but the national admin sees Tuyên Quang's people.
    if (route === 'GET /api/v1/employees' && res.statusCode === 200 && who !== 'national_admin') {
      expect(res.json().items.map((x: { id: string }) => x.id)).not.toContain(t.inTq);
    }
  });
});
