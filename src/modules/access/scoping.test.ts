// Management decentralisation in the services: each role works inside its subtree (outside, a record
// is 404 and lists are filtered), sensitive data is masked for roles that may not see it, state-secret
// rows are encrypted at rest, and the person sees their own record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Actor, Role } from '../../platform/context.ts';
import { createUnit, getUnit } from '../org-units/index.ts';
import { createEmployee } from '../personnel-actions/index.ts';

const dec = { number: '5/QĐ', date: '2020-01-01', signerName: 'Lê Văn Ký', issuingBody: 'UBND' };

describe.each(ENGINES)('scoping, masking and secrets on %s', (engine) => {
  let d: Database;
  let w: World;
  let tqDept: number;
  let inHanoi: string;
  let inTq: string;
  const apps: FastifyInstance[] = [];

  async function as(actor: Partial<Actor> & { roles?: [Role, number][] }): Promise<FastifyInstance> {
    const grants = await Promise.all(
      (actor.roles ?? []).map(async ([role, unitId]) => ({
        role,
        unitId,
        unitPath: (await getUnit(d.db, unitId)).path,
      })),
    );
    const a: Actor = {
      id: actor.id ?? 'acct-1',
      kind: 'user',
      name: 'Người dùng thử',
      employeeId: actor.employeeId ?? null,
      grants,
    };
    const app = await testApp(d, TEST_NOW, async () => ({ actor: a, stage: 'active' }));
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    w = await buildWorld(ctx);
    tqDept = (
      await createUnit(ctx, {
        code: 'T08-SNV',
        name: 'Sở Nội vụ Tuyên Quang',
        kind: 'provincial_department',
        parentId: w.tuyenquang,
        validFrom: '2000-01-01',
      })
    ).id;
    inHanoi = (await createEmployee(ctx, recruitBody(w.hanoiHome, { fullName: 'Trần Thị Hà Nội' }))).id;
    inTq = (await createEmployee(ctx, recruitBody(tqDept, { fullName: 'Lò Văn Tuyên' }))).id;
    const hr = await testApp(d);
    apps.push(hr);
    const fam = await hr.inject({
      method: 'POST',
      url: `/api/v1/employees/${inHanoi}/actions`,
      payload: {
        type: 'declare',
        effectiveDate: '2020-02-01',
        payload: {
          group: 'family',
          kind: 'member',
          data: { relationship: 'CHA', fullName: 'Trần Văn Cha', birthYear: 1960 },
        },
      },
    });
    expect(fam.statusCode, fam.body).toBe(201);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await d?.close();
  });

  it('an HR officer reads and writes inside their province only', async () => {
    const app = await as({ roles: [['hr_officer', w.hanoi]] });
    expect((await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).statusCode).toBe(200);
    const outside = await app.inject({ method: 'GET', url: `/api/v1/employees/${inTq}` });
    expect(outside.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/employees/${inTq}/actions` })).statusCode).toBe(
      404,
    );
    const list = (await app.inject({ method: 'GET', url: '/api/v1/employees?limit=200' })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(inHanoi);
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(inTq);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/employees/headcount?unitId=${w.tuyenquang}&by=sex` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/employees/headcount?unitId=${w.hanoi}&by=sex` }))
        .statusCode,
    ).toBe(200);
    // Officers draft actions for an approver (requests module); the ledger route is not theirs.
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${inHanoi}/actions`,
      payload: { type: 'reward', effectiveDate: '2020-01-01', decision: dec, payload: { form: 'Giấy khen' } },
    });
    expect(write.statusCode).toBe(403);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      payload: recruitBody(tqDept),
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details[0].field).toMatch(/^\/payload\/(working|managing)UnitId$/);
  });

  it('a viewer gets sensitive data masked, in the record and in the ledger', async () => {
    const app = await as({ roles: [['viewer', w.hanoi]] });
    const rec = (await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).json();
    expect(rec.groups.family).toEqual([]);
    expect(rec.ethnicCode).toBe('');
    expect(rec.identity.ethnicCode).toBeUndefined();
    expect(rec.masked).toEqual(
      expect.arrayContaining(['family', 'political', 'assets', 'health', 'ethnicCode', 'religionCode']),
    );
    const actions = (await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}/actions` })).json();
    expect(JSON.stringify(actions)).not.toContain('Trần Văn Cha');
    const hr = await as({ roles: [['hr_officer', w.hanoi]] });
    const full = (await hr.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).json();
    expect(full.groups.family[0].data.fullName).toBe('Trần Văn Cha');
    expect(full.ethnicCode).toBe('01');
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${inHanoi}/actions`,
      payload: { type: 'reward', effectiveDate: '2020-01-01', decision: dec, payload: { form: 'Giấy khen' } },
    });
    expect(write.statusCode).toBe(403);
  });

  it('the person sees their own whole record, and nobody else’s', async () => {
    const app = await as({ id: 'acct-self', employeeId: inHanoi });
    const own = await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().groups.family).toHaveLength(1);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}/actions` })).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/employees/${inTq}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/employees' })).statusCode).toBe(403);
  });

  it('keeps state-secret rows encrypted at rest and shows them only to roles that may read secrets', async () => {
    const hr = await as({ roles: [['hr_officer', w.hanoi]] });
    const national = await as({ roles: [['national_admin', w.nation]] });
    const res = await national.inject({
      method: 'POST',
      url: `/api/v1/employees/${inHanoi}/actions`,
      payload: {
        type: 'declare',
        effectiveDate: '2021-01-01',
        payload: {
          group: 'military',
          kind: 'service',
          secret: true,
          data: { enlistedOn: '2010-02-01', branch: 'Đơn vị K99 mật' },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await sql<{
      t: string;
    }>`SELECT payload::text || record::text AS t FROM personnel_actions JOIN employees e ON e.id = employee_id WHERE employee_id = ${inHanoi}`.execute(
      d.db,
    );
    expect(stored.rows.map((r) => r.t).join('')).not.toContain('K99');
    const audits = await sql<{ t: string }>`SELECT details::text AS t FROM audit_events`.execute(d.db);
    expect(audits.rows.map((r) => r.t).join('')).not.toContain('K99');
    const hrView = (await hr.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).json();
    expect(hrView.groups.military[0].data).toEqual({ secret: true });
    expect(hrView.masked).toContain('military:secret');
    const admin = await as({ roles: [['agency_admin', w.hanoi]] });
    const adminView = (await admin.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).json();
    expect(adminView.groups.military[0].data.branch).toBe('Đơn vị K99 mật');
    const self = await as({ id: 'acct-self', employeeId: inHanoi });
    expect(
      (await self.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` })).json().groups.military[0]
        .data.branch,
    ).toBe('Đơn vị K99 mật');
  });

  it('org structure changes need org.write over the unit', async () => {
    const admin = await as({ roles: [['agency_admin', w.hanoi]] });
    const under = (parentId: number, code: string) =>
      admin.inject({
        method: 'POST',
        url: '/api/v1/org-units',
        payload: { code, name: 'Phòng thử nghiệm', kind: 'other', parentId, validFrom: '2024-01-01' },
      });
    expect((await under(w.hanoi, 'HN-TEST')).statusCode).toBe(201);
    const out = await under(w.tuyenquang, 'TQ-TEST');
    expect(out.statusCode).toBe(400);
    expect(out.json().error.code).toBe('INVALID_REFERENCE');
    const rename = await admin.inject({
      method: 'POST',
      url: `/api/v1/org-units/${tqDept}/rename`,
      payload: { name: 'Tên mới', validFrom: '2024-01-01' },
    });
    expect(rename.statusCode).toBe(404);
    const hr = await as({ roles: [['hr_officer', w.hanoi]] });
    expect(
      (
        await hr.inject({
          method: 'POST',
          url: '/api/v1/org-units',
          payload: {
            code: 'HN-X',
            name: 'Phòng X',
            kind: 'other',
            parentId: w.hanoi,
            validFrom: '2024-01-01',
          },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await hr.inject({ method: 'GET', url: `/api/v1/org-units/${w.tuyenquang}/tree` })).statusCode,
    ).toBe(200);
  });

  it('records every read of a record in the audit log, by whom', async () => {
    const app = await as({ id: 'acct-viewer-9', roles: [['viewer', w.hanoi]] });
    await app.inject({ method: 'GET', url: `/api/v1/employees/${inHanoi}` });
    const ev = await d.db
      .selectFrom('audit_events')
      .selectAll()
      .where('actor', '=', 'acct-viewer-9')
      .execute();
    expect(ev.map((e) => [e.action, e.entity_id])).toContainEqual(['employee.read', inHanoi]);
  });
});
