// The access matrix: every route of the single route list × every role × a target inside and outside
// the role's subtree × the person's own record or another's, each with its expected outcome, written
// here by hand from Circular 06 Art. 9 and the role table — independent of the code's policy table.
// A route without an entry below fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from './helpers/app.ts';
import { buildWorld, recruitBody, type World } from './helpers/fixtures.ts';
import { ROUTES } from '../src/http/routes.ts';
import type { Database } from '../src/db/connect.ts';
import { ROLES, type Actor, type Role } from '../src/platform/context.ts';
import { createUnit, getUnit } from '../src/modules/org-units/index.ts';
import { createEmployee } from '../src/modules/personnel-actions/index.ts';

type Who = Role | 'self' | 'anonymous';
type Where = 'inside' | 'outside';
interface Req {
  method: string;
  url: string;
  payload?: object;
}
interface Entry {
  /** Roles allowed to call it at all (others: 403). 'self' = the person's own account. */
  allow: readonly Who[] | 'everyone' | 'signed-in';
  /** How an allowed caller is answered for a target outside their subtree (default: same as inside). */
  outside?: number;
  /** For signed-in callers who are not a person with a record (staff accounts): their status. */
  staff?: number;
  build: (t: Targets, where: Where, n: number) => Promise<Req>;
}
interface Targets {
  w: World;
  tqDept: number;
  inHanoi: string;
  inTq: string;
  unitIn: number;
  unitOut: number;
}

const STAFF: readonly Role[] = ['national_admin', 'agency_admin', 'hr_officer', 'approver', 'viewer'];
const dec = { number: '9/QĐ', date: '2024-01-02', signerName: 'Phạm Văn Ký', issuingBody: 'UBND' };
const emp = (t: Targets, where: Where) => (where === 'inside' ? t.inHanoi : t.inTq);
const unit = (t: Targets, where: Where) => (where === 'inside' ? t.unitIn : t.unitOut);

const MATRIX: Record<string, Entry> = {
  'GET /health': { allow: 'everyone', build: async () => ({ method: 'GET', url: '/health' }) },
  'GET /api/v1/catalogs': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/catalogs' }),
  },
  'GET /api/v1/catalogs/:name': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/catalogs/religions' }),
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
    allow: ['national_admin', 'hr_officer'],
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
  'GET /api/v1/personnel-action-types': {
    allow: 'signed-in',
    build: async () => ({ method: 'GET', url: '/api/v1/personnel-action-types' }),
  },
};

let sysCtx: ReturnType<typeof testCtx>;

describe('the access matrix', () => {
  let d: Database;
  let t: Targets;
  const apps = new Map<string, FastifyInstance>();
  let n = 0;

  async function appFor(who: Who, where: Where): Promise<FastifyInstance> {
    const key = `${who}:${where}`;
    if (apps.has(key)) return apps.get(key)!;
    // Each role is held over Hà Nội: "inside" targets are in Hà Nội, "outside" ones in Tuyên Quang.
    // national_admin holds the national root, so for it "outside" does not exist: it is also inside.
    let actor: Actor | undefined;
    if (who === 'self')
      actor = { id: 'acct-self', kind: 'user', name: 'Tự phục vụ', employeeId: t.inHanoi, grants: [] };
    else if (who !== 'anonymous') {
      const root = who === 'national_admin' ? t.w.nation : t.w.hanoi;
      actor = {
        id: `acct-${who}`,
        kind: 'user',
        name: who,
        employeeId: null,
        grants: [{ role: who, unitId: root, unitPath: (await getUnit(d.db, root)).path }],
      };
    }
    const app = await testApp(d, TEST_NOW, async () => (actor ? { actor, stage: 'active' } : undefined));
    apps.set(key, app);
    return app;
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
    t = { w, tqDept, inHanoi, inTq, unitIn: w.hanoiHome, unitOut: tqDept };
  });
  afterAll(async () => {
    for (const a of apps.values()) await a.close();
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
    if (!e.allow.includes(who)) return 403;
    if (who === 'self') return where === 'inside' ? 'ok' : 404;
    if (who === 'national_admin') return 'ok';
    return where === 'outside' && e.outside ? e.outside : 'ok';
  }

  it.each(cases)('%s as %s, target %s', async (route, who, where) => {
    const e = MATRIX[route]!;
    const req = await e.build(t, where, ++n);
    const app = await appFor(who, where);
    const res = await app.inject({
      method: req.method as 'GET',
      url: req.url,
      ...(req.payload ? { payload: req.payload } : {}),
    });
    const want = expected(e, who, where);
    if (want === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
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
