// Restructuring as one operation: merge, split, rename and move dated on an effective date; queries for
// earlier dates see the old structure, later ones the new; bad input and failures leave nothing behind.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { createUnit, getUnit, tree } from '../org-units/index.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import type { NewRestructuring } from '../../../api/restructuring.ts';
import { restructure } from './restructuring.service.ts';
import { footprint } from './restructuring.repository.ts';
import { setFaultHook } from './faults.ts';

const decision = {
  number: '202/NQ-QH15',
  date: '2025-06-12',
  signerName: 'Trần Thanh Mẫn',
  signerTitle: 'Chủ tịch Quốc hội',
  issuingBody: 'Quốc hội',
};
const D = '2025-07-01';
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; details: { field?: string }[] } }).error;

describe.each(ENGINES)('restructuring on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let ctx: Ctx;
  let w: World;
  let n = 0;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    ctx = testCtx(d);
    w = await buildWorld(ctx);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });
  afterEach(() => setFaultHook(null));

  const post = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/org-restructurings', payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const unit = (parentId: number, name: string, validFrom = '2010-01-01', kind = 'provincial_department') =>
    createUnit(ctx, { code: `R-${++n}`, name, kind: kind as 'other', parentId, validFrom });
  const province = (name: string) => unit(w.nation, name, '1991-10-01', 'province');
  const person = async (unitId: number, workingUnitId = unitId, effectiveDate = '2015-03-01') => {
    const body = recruitBody(unitId, { effectiveDate });
    body.payload.workingUnitId = workingUnitId;
    return (await createEmployee(ctx, body)).id;
  };
  const employee = (id: string) =>
    d.db
      .selectFrom('employees')
      .select(['managing_unit_id', 'working_unit_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('merges two provinces into a new one: old structure before the date, new after, people re-homed', async () => {
    const a = await province('Tỉnh Hà Giang thử');
    const b = await province('Tỉnh Tuyên Quang thử');
    const aDept = await unit(a.id, 'Sở Nội vụ Hà Giang');
    const bDept = await unit(b.id, 'Sở Nội vụ Tuyên Quang');
    const atProvince = await person(a.id, aDept.id); // managed by the province, works in its department
    const atDept = await person(bDept.id);
    const res = await post({
      kind: 'merge',
      effectiveDate: D,
      decision,
      legalBasis: 'Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh',
      sourceIds: [a.id, b.id],
      newUnit: { code: `R-NEW-${++n}`, name: 'Tỉnh Tuyên Quang mới', kind: 'province', provinceCode: '08' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const op = res.json();
    expect(op.result.closed).toEqual([a.id, b.id]);
    expect(op.result.moved.sort()).toEqual([aDept.id, bDept.id].sort());
    expect(op.result.rehomed).toBe(1); // the department's person keeps their (moved) department
    const merged = op.result.created[0] as number;
    expect((await getUnit(d.db, a.id)).successorId).toBe(merged);
    expect((await getUnit(d.db, aDept.id)).parentId).toBe(merged);

    // The tree either side of the date.
    const before = await tree(ctx, w.nation, '2025-06-30', 1);
    const after = await tree(ctx, w.nation, D, 1);
    expect(before.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(before.map((x) => x.id)).not.toContain(merged);
    expect(after.map((x) => x.id)).toContain(merged);
    expect(after.map((x) => x.id)).not.toContain(a.id);
    const under = await tree(ctx, merged, D, 1);
    expect(under.map((x) => x.id).sort()).toEqual([merged, aDept.id, bDept.id].sort());

    // The person's record: old unit before the date, the merged province after; the ledger cites the decision.
    expect(await employee(atProvince)).toEqual({ managing_unit_id: merged, working_unit_id: aDept.id });
    expect(await employee(atDept)).toEqual({ managing_unit_id: bDept.id, working_unit_id: bDept.id });
    const old = (await get(`/api/v1/employees/${atProvince}?asOf=2025-06-30`)).json();
    expect(old.managingUnitId).toBe(a.id);
    expect(old.unitNames[String(a.id)]).toBe('Tỉnh Hà Giang thử');
    const now = (await get(`/api/v1/employees/${atProvince}?asOf=${D}`)).json();
    expect(now.managingUnitId).toBe(merged);
    expect(now.unitNames[String(merged)]).toBe('Tỉnh Tuyên Quang mới');
    const ledger = (await get(`/api/v1/employees/${atProvince}/actions`)).json() as {
      type: string;
      decisionNo: string;
      effectiveDate: string;
    }[];
    expect(ledger.at(-1)).toMatchObject({ type: 'transfer', decisionNo: decision.number, effectiveDate: D });

    // One record of the operation, one audit event for it (plus the unit and ledger events it caused).
    expect((await get(`/api/v1/org-restructurings/${op.id}`)).json().result).toEqual(op.result);
    const events = await d.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'org.restructure.merge')
      .where('entity_id', '=', String(op.id))
      .execute();
    expect(events).toHaveLength(1);
  });

  it('merges into an existing unit that takes a new name, keeping its code', async () => {
    const laoCai = await province('Tỉnh Lào Cai thử');
    const yenBai = await province('Tỉnh Yên Bái thử');
    const p = await person(laoCai.id);
    const res = await post({
      kind: 'merge',
      effectiveDate: D,
      decision,
      sourceIds: [laoCai.id],
      targetId: yenBai.id,
      name: 'Tỉnh Lào Cai mới',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().result).toMatchObject({ closed: [laoCai.id], renamed: [yenBai.id], rehomed: 1 });
    expect((await employee(p)).managing_unit_id).toBe(yenBai.id);
    const names = async (on: string) => (await tree(ctx, yenBai.id, on, 0))[0]!.name;
    expect(await names('2025-06-30')).toBe('Tỉnh Yên Bái thử');
    expect(await names(D)).toBe('Tỉnh Lào Cai mới');
  });

  it('splits a unit by an explicit assignment of its people and child units', async () => {
    const src = await unit(w.hanoi, 'Sở Lao động - Thương binh và Xã hội');
    const office = await unit(src.id, 'Văn phòng Sở');
    const p1 = await person(src.id);
    const p2 = await person(src.id);
    const p3 = await person(src.id, office.id);
    const part = (code: string, name: string, employeeIds: string[], childUnitIds: number[]) => ({
      newUnit: { code: `${code}-${++n}`, name, kind: 'provincial_department' },
      employeeIds,
      childUnitIds,
    });
    const missing = await post({
      kind: 'split',
      effectiveDate: D,
      decision,
      sourceId: src.id,
      parts: [part('SNV', 'Sở Nội vụ (mới)', [p1], [office.id]), part('SYT', 'Sở Y tế (mới)', [p2], [])],
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details[0]!.field).toBe('/parts');
    const res = await post({
      kind: 'split',
      effectiveDate: D,
      decision,
      sourceId: src.id,
      parts: [part('SNV', 'Sở Nội vụ (mới)', [p1, p3], [office.id]), part('SYT', 'Sở Y tế (mới)', [p2], [])],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [first, second] = res.json().result.created as number[];
    expect(await employee(p1)).toEqual({ managing_unit_id: first, working_unit_id: first });
    expect(await employee(p3)).toEqual({ managing_unit_id: first, working_unit_id: office.id });
    expect(await employee(p2)).toEqual({ managing_unit_id: second, working_unit_id: second });
    expect((await getUnit(d.db, src.id)).validTo).toBe(D);
    expect((await getUnit(d.db, office.id)).parentId).toBe(first);
  });

  it('renames and moves with an effective date; asOf shows the old name and place', async () => {
    const u = await unit(w.hanoi, 'Phòng Tổ chức');
    const r1 = await post({
      kind: 'rename',
      effectiveDate: '2025-01-01',
      decision,
      unitId: u.id,
      name: 'Phòng Nhân sự',
    });
    expect(r1.statusCode, r1.body).toBe(201);
    const r2 = await post({ kind: 'move', effectiveDate: D, decision, unitId: u.id, parentId: w.hanoiHome });
    expect(r2.statusCode, r2.body).toBe(201);
    const at = async (on: string) => (await tree(ctx, w.hanoi, on)).find((x) => x.id === u.id)!;
    expect(await at('2024-12-31')).toMatchObject({ name: 'Phòng Tổ chức', parentId: w.hanoi });
    expect(await at('2025-01-01')).toMatchObject({ name: 'Phòng Nhân sự', parentId: w.hanoi });
    expect(await at(D)).toMatchObject({ name: 'Phòng Nhân sự', parentId: w.hanoiHome });
    const list = (await get('/api/v1/org-restructurings?kind=rename')).json() as { id: number }[];
    expect(list.map((x) => x.id)).toContain(r1.json().id);
  });

  it('refuses bad input with the field path, future dates, and writes nothing', async () => {
    const u = await unit(w.hanoi, 'Phòng Kế hoạch');
    const before = await footprint(d.db);
    const cases: [unknown, number, string][] = [
      [{ kind: 'rename', effectiveDate: D, decision, unitId: u.id }, 400, '/name'],
      [
        {
          kind: 'rename',
          effectiveDate: D,
          decision,
          unitId: u.id,
          name: 'Tên',
          parts: [{ targetId: 1, employeeIds: [], childUnitIds: [] }],
        },
        400,
        '/parts',
      ],
      [
        { kind: 'rename', effectiveDate: '2027-01-01', decision, unitId: u.id, name: 'Tên mới' },
        400,
        '/effectiveDate',
      ],
      [{ kind: 'merge', effectiveDate: D, decision, sourceIds: [u.id] }, 400, '/targetId'],
      [{ kind: 'merge', effectiveDate: D, decision, sourceIds: [u.id], targetId: u.id }, 400, '/targetId'],
      [
        { kind: 'merge', effectiveDate: D, decision, sourceIds: [u.id, w.hanoiHome], targetId: 999999 },
        404,
        '',
      ],
      [
        {
          kind: 'merge',
          effectiveDate: D,
          decision,
          sourceIds: [w.hanoi, w.hanoiHome],
          targetId: w.tuyenquang,
        },
        400,
        '/sourceIds/1',
      ],
      [{ kind: 'move', effectiveDate: D, decision, unitId: u.id, parentId: u.id }, 400, '/parentId'],
      [
        {
          kind: 'split',
          effectiveDate: D,
          decision,
          sourceId: u.id,
          parts: [{ targetId: u.id, employeeIds: [], childUnitIds: [] }],
        },
        400,
        '/parts/0/targetId',
      ],
      [
        {
          kind: 'merge',
          effectiveDate: '1990-01-01',
          decision: { ...decision, date: '1989-12-01' },
          sourceIds: [u.id],
          targetId: w.hanoiHome,
        },
        400,
        '/sourceIds/0',
      ],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
      if (field) expect(errorOf(res).details.map((x) => x.field)).toContain(field);
    }
    expect(await footprint(d.db)).toEqual(before);
  });

  it('needs org.write over every unit touched, and over the parent of a unit it closes', async () => {
    const hanoiAdmin: Ctx = {
      ...ctx,
      actor: {
        id: 'acct-hanoi',
        kind: 'user',
        name: 'Quản trị Hà Nội',
        grants: [{ role: 'agency_admin', unitId: w.hanoi, unitPath: (await getUnit(d.db, w.hanoi)).path }],
      },
    };
    const a = await unit(w.hanoi, 'Phòng A');
    const b = await unit(w.hanoi, 'Phòng B');
    const input = (over: Partial<NewRestructuring>): NewRestructuring => ({
      kind: 'merge',
      effectiveDate: D,
      decision,
      sourceIds: [a.id],
      targetId: b.id,
      ...over,
    });
    await expect(restructure(hanoiAdmin, input({ targetId: w.tuyenquang }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      restructure(hanoiAdmin, {
        kind: 'rename',
        effectiveDate: D,
        decision,
        unitId: w.hanoi,
        name: 'Hà Nội mới',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ok = await restructure(hanoiAdmin, input({}));
    expect(ok.result.closed).toEqual([a.id]);
  });

  it('a crash part-way leaves nothing: units, history, ledger, projections, audit all unchanged', async () => {
    const a = await province('Tỉnh A thử sự cố');
    const b = await province('Tỉnh B thử sự cố');
    const dept = await unit(a.id, 'Sở A');
    const people = [await person(a.id), await person(a.id), await person(a.id)];
    const snapshot = async () => ({
      counts: await footprint(d.db),
      people: await Promise.all(people.map(employee)),
      dept: await getUnit(d.db, dept.id),
      a: await getUnit(d.db, a.id),
    });
    const before = await snapshot();
    const body = {
      kind: 'merge',
      effectiveDate: D,
      decision,
      sourceIds: [a.id],
      targetId: b.id,
    };
    for (const step of ['units', 'children', 'person', 'record', 'audit']) {
      let seen = 0;
      setFaultHook((s) => {
        // Fail at the second person, after one has been re-homed; elsewhere at the step itself.
        if (s === step && (step !== 'person' || ++seen === 2)) throw new Error(`crash at ${step}`);
      });
      const res = await post(body);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(500);
      expect(await snapshot()).toEqual(before);
    }
    setFaultHook(null);
    expect((await post(body)).statusCode).toBe(201);
    expect((await snapshot()).counts.actions).toBe(before.counts.actions! + 3);
  });

  it('a later personnel action that fails (someone recruited after the date) rolls back the whole operation', async () => {
    const a = await province('Tỉnh C thử');
    const b = await province('Tỉnh D thử');
    const early = await person(a.id);
    const late = await person(a.id, a.id, '2026-01-05'); // a transfer dated before recruitment is refused
    const before = await footprint(d.db);
    const res = await post({ kind: 'merge', effectiveDate: D, decision, sourceIds: [a.id], targetId: b.id });
    expect(res.statusCode, res.body).toBe(422);
    expect(await footprint(d.db)).toEqual(before);
    expect((await employee(early)).managing_unit_id).toBe(a.id);
    expect((await employee(late)).managing_unit_id).toBe(a.id);
    expect((await getUnit(d.db, a.id)).validTo).toBeNull();
  });
});
