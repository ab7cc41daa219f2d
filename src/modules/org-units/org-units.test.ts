import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { CreateOrgUnit, OrgUnit, TreeNode } from '../../../api/org-units.ts';

interface ErrorJson {
  error: { code: string; message: string; details: { field?: string; reason: string }[] };
}
interface JobPositionJson {
  id: number;
  unitId: number;
  code: string;
  plannedCount: number;
  filledCount: number;
  requiredRankCode: string | null;
}
interface QuotaJson {
  unitId: number;
  year: number;
  civilServants: number;
  publicEmployees: number;
  contractWorkers: number;
  decisionNo: string;
  decisionDate: string;
}

const errorOf = (res: LightMyRequestResponse) => (res.json() as ErrorJson).error;
const fieldsOf = (res: LightMyRequestResponse) => errorOf(res).details.map((x) => x.field);

describe.each(ENGINES)('org units on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });
  const put = (url: string, payload: unknown) =>
    app.inject({ method: 'PUT', url, payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url });

  let serial = 0;
  const newCode = () => `TST-${++serial}`;

  /** Creates a unit through the API (by default an 'other' unit founded 2010-01-01) and returns it. */
  async function createUnit(parentId: number, over: Partial<CreateOrgUnit> = {}): Promise<OrgUnit> {
    const res = await post('/api/v1/org-units', {
      code: newCode(),
      name: 'Phòng thử nghiệm',
      kind: 'other',
      parentId,
      validFrom: '2010-01-01',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as OrgUnit;
  }
  const unit = async (id: number) => {
    const res = await get(`/api/v1/org-units/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as OrgUnit;
  };
  const treeOf = async (id: number, query = '') => {
    const res = await get(`/api/v1/org-units/${id}/tree${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TreeNode[];
  };
  const list = async (query: string) => {
    const res = await get(`/api/v1/org-units?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as OrgUnit[];
  };
  const countUnits = async () =>
    Number(
      (
        await d.db
          .selectFrom('org_units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countHistory = async (unitId: number) =>
    Number(
      (
        await d.db
          .selectFrom('org_unit_history')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countAudit = async () =>
    Number(
      (
        await d.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditOf = (action: string, entityId: number) =>
    d.db
      .selectFrom('audit_events')
      .select(['action', 'entity', 'entity_id', 'actor', 'details'])
      .where('action', '=', action)
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute();
  const detailsOf = (row: { details: unknown }): Record<string, unknown> =>
    (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>;

  describe('creating', () => {
    it('creates a unit under a parent: 201, path below the parent, province code inherited, audited', async () => {
      const hanoi = await unit(w.hanoi);
      const res = await post('/api/v1/org-units', {
        code: newCode(),
        name: 'Sở Tư pháp Hà Nội',
        kind: 'provincial_department',
        parentId: w.hanoi,
        validFrom: '2008-08-01',
      });
      expect(res.statusCode, res.body).toBe(201);
      const u = res.json() as OrgUnit;
      expect(u).toMatchObject({
        name: 'Sở Tư pháp Hà Nội',
        kind: 'provincial_department',
        parentId: w.hanoi,
        provinceCode: '01',
        validFrom: '2008-08-01',
        validTo: null,
        successorId: null,
      });
      expect(u.path).toBe(`${hanoi.path}.u${u.id}`);
      expect(await unit(u.id)).toEqual(u);

      const audits = await auditOf('org_unit.create', u.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ entity: 'org_unit', entity_id: String(u.id) });
      expect(detailsOf(audits[0]!)).toMatchObject({ name: 'Sở Tư pháp Hà Nội', parentId: w.hanoi });
    });

    it('keeps an explicitly given province code', async () => {
      const u = await createUnit(w.ministry, { provinceCode: '79' });
      expect(u.provinceCode).toBe('79');
      const none = await createUnit(w.ministry);
      expect(none.provinceCode).toBeNull();
    });

    it('refuses a non-national unit without a parent with 400 on /parentId, and writes nothing', async () => {
      const [units, audits] = [await countUnits(), await countAudit()];
      const res = await post('/api/v1/org-units', {
        code: newCode(),
        name: 'Đơn vị mồ côi',
        kind: 'provincial_department',
        validFrom: '2010-01-01',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res)).toContain('/parentId');
      expect(await countUnits()).toBe(units);
      expect(await countAudit()).toBe(audits);
    });

    it('refuses a code already used in an overlapping period with 409 DUPLICATE_CODE, and writes nothing', async () => {
      const code = newCode();
      await createUnit(w.ministry, { code, validFrom: '2010-01-01' });
      const [units, audits] = [await countUnits(), await countAudit()];
      const res = await post('/api/v1/org-units', {
        code,
        name: 'Trùng mã',
        kind: 'other',
        parentId: w.tuyenquang,
        validFrom: '2020-01-01',
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(errorOf(res).code).toBe('DUPLICATE_CODE');
      // A code of the seeded world is taken too.
      const seeded = await post('/api/v1/org-units', {
        code: 'T01-SNV',
        name: 'Trùng mã',
        kind: 'other',
        parentId: w.hanoi,
        validFrom: '2024-01-01',
      });
      expect(seeded.statusCode, seeded.body).toBe(409);
      expect(errorOf(seeded).code).toBe('DUPLICATE_CODE');
      expect(await countUnits()).toBe(units);
      expect(await countAudit()).toBe(audits);
    });

    it('allows reusing the code of a unit closed before the new unit is founded', async () => {
      const code = newCode();
      const old = await createUnit(w.ministry, { code, validFrom: '2010-01-01' });
      const closed = await post(`/api/v1/org-units/${old.id}/close`, { validTo: '2015-01-01' });
      expect(closed.statusCode, closed.body).toBe(200);
      const overlapping = await post('/api/v1/org-units', {
        code,
        name: 'Đơn vị kế tục',
        kind: 'other',
        parentId: w.ministry,
        validFrom: '2014-12-31',
      });
      expect(overlapping.statusCode, overlapping.body).toBe(409);
      expect(errorOf(overlapping).code).toBe('DUPLICATE_CODE');
      const reuse = await post('/api/v1/org-units', {
        code,
        name: 'Đơn vị kế tục',
        kind: 'other',
        parentId: w.ministry,
        validFrom: '2015-01-01',
      });
      expect(reuse.statusCode, reuse.body).toBe(201);
      expect((reuse.json() as OrgUnit).code).toBe(code);
    });

    it.each([
      ['not yet founded', 'commune', '2020-01-01'],
      ['already closed', 'closed', '2016-01-01'],
      ['missing', 'missing', '2020-01-01'],
    ])(
      'refuses a parent that is %s at validFrom with 400 INVALID_REFERENCE, and writes nothing',
      async (_n, which, validFrom) => {
        let parentId = 999_999;
        if (which === 'commune') parentId = w.hanoiCommune; // founded 2025-07-01
        if (which === 'closed') {
          const p = await createUnit(w.ministry);
          const c = await post(`/api/v1/org-units/${p.id}/close`, { validTo: '2015-01-01' });
          expect(c.statusCode, c.body).toBe(200);
          parentId = p.id;
        }
        const [units, audits] = [await countUnits(), await countAudit()];
        const res = await post('/api/v1/org-units', {
          code: newCode(),
          name: 'Phòng mới',
          kind: 'other',
          parentId,
          validFrom,
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(errorOf(res).code).toBe('INVALID_REFERENCE');
        expect(fieldsOf(res)).toContain('/parentId');
        expect(await countUnits()).toBe(units);
        expect(await countAudit()).toBe(audits);
      },
    );

    it.each([
      ['a missing name', { name: undefined }, 'body/name'],
      ['an unknown kind', { kind: 'ministry_of_magic' }, 'body/kind'],
      ['an extra property', { colour: 'red' }, 'body/colour'],
      ['an impossible date', { validFrom: '2025-13-40' }, 'body/validFrom'],
      ['a malformed code', { code: 'mã có dấu' }, 'body/code'],
      ['a one-letter name', { name: 'X' }, 'body/name'],
    ])('refuses a body with %s with 400 VALIDATION_FAILED naming the field', async (_n, over, field) => {
      const units = await countUnits();
      const body: Record<string, unknown> = {
        code: newCode(),
        name: 'Phòng hợp lệ',
        kind: 'other',
        parentId: w.ministry,
        validFrom: '2020-01-01',
        ...over,
      };
      if (body.name === undefined) delete body.name;
      const res = await post('/api/v1/org-units', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
      expect(await countUnits()).toBe(units);
    });
  });

  describe('reading', () => {
    it('answers one unit, 404 NOT_FOUND for a missing id, 400 for a malformed id', async () => {
      const u = await unit(w.hanoiHome);
      expect(u).toMatchObject({
        id: w.hanoiHome,
        code: 'T01-SNV',
        name: 'Sở Nội vụ Hà Nội',
        parentId: w.hanoi,
        provinceCode: '01',
      });
      const missing = await get('/api/v1/org-units/999999');
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).code).toBe('NOT_FOUND');
      const bad = await get('/api/v1/org-units/abc');
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(bad).some((f) => f?.startsWith('params'))).toBe(true);
    });

    it('lists by parent and by kind', async () => {
      const children = await list(`parentId=${w.hanoi}`);
      expect(children.map((u) => u.id)).toEqual(expect.arrayContaining([w.hanoiHome, w.hanoiCommune]));
      expect(children.every((u) => u.parentId === w.hanoi)).toBe(true);
      expect(children.map((u) => u.id)).not.toContain(w.ministryDept);

      const provinces = await list('kind=province');
      expect(provinces.map((u) => u.id).sort((a, b) => a - b)).toEqual(
        [w.hanoi, w.hagiang, w.tuyenquang].sort((a, b) => a - b),
      );
      expect((await get('/api/v1/org-units?kind=kingdom')).statusCode).toBe(400);
    });

    it('searches without diacritics', async () => {
      for (const q of ['so noi vu', 'Sở Nội vụ', 'SO NOI VU HA NOI']) {
        const found = await list(`q=${encodeURIComponent(q)}`);
        expect(
          found.map((u) => u.name),
          q,
        ).toContain('Sở Nội vụ Hà Nội');
        expect(found.map((u) => u.name)).not.toContain('Bộ Nội vụ');
      }
      const byCode = await list(`q=${encodeURIComponent('bnv-tccb')}`);
      expect(byCode.map((u) => u.id)).toEqual([w.ministryDept]);
      expect(await list(`q=${encodeURIComponent('không có đơn vị này')}`)).toEqual([]);
    });

    it('hides closed units unless includeClosed=true', async () => {
      const parent = await createUnit(w.ministry, { name: 'Cục Lưu trữ' });
      const open = await createUnit(parent.id, { name: 'Phòng còn hoạt động' });
      const gone = await createUnit(parent.id, { name: 'Phòng đã giải thể' });
      const c = await post(`/api/v1/org-units/${gone.id}/close`, { validTo: '2020-01-01' });
      expect(c.statusCode, c.body).toBe(200);

      expect((await list(`parentId=${parent.id}`)).map((u) => u.id)).toEqual([open.id]);
      const all = await list(`parentId=${parent.id}&includeClosed=true`);
      expect(all.map((u) => u.id).sort((a, b) => a - b)).toEqual([open.id, gone.id].sort((a, b) => a - b));
      expect(all.find((u) => u.id === gone.id)?.validTo).toBe('2020-01-01');
      expect((await list(`q=${encodeURIComponent('phong da giai the')}`)).map((u) => u.id)).not.toContain(
        gone.id,
      );
    });

    it('answers the ancestors from the root down to the unit', async () => {
      const child = await createUnit(w.hanoiHome, { name: 'Phòng Công chức' });
      const grandchild = await createUnit(child.id, { name: 'Tổ Hồ sơ' });
      const res = await get(`/api/v1/org-units/${grandchild.id}/ancestors`);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as OrgUnit[]).map((u) => u.id)).toEqual([
        w.nation,
        w.hanoi,
        w.hanoiHome,
        child.id,
        grandchild.id,
      ]);
      expect((await get('/api/v1/org-units/999999/ancestors')).statusCode).toBe(404);
    });
  });

  describe('tree', () => {
    const SIBLINGS = ['Phòng Bảo vệ', 'Phòng An ninh', 'Phòng Ăn uống', 'Phòng Đào tạo', 'Phòng Dân vận'];

    it('lists the subtree depth-first with depths, siblings in Vietnamese order', async () => {
      const root = await createUnit(w.tuyenquang, { name: 'Công an tỉnh' });
      const ids = new Map<string, number>();
      for (const name of SIBLINGS) ids.set(name, (await createUnit(root.id, { name })).id);
      const leaf = await createUnit(ids.get('Phòng Bảo vệ')!, { name: 'Đội Bảo vệ mục tiêu' });

      const viOrder = [...SIBLINGS].sort(new Intl.Collator('vi').compare);
      // The Vietnamese alphabet: a < ă < b < d < đ (plain code-point order would put Ă and Đ last).
      expect(viOrder).toEqual([
        'Phòng An ninh',
        'Phòng Ăn uống',
        'Phòng Bảo vệ',
        'Phòng Dân vận',
        'Phòng Đào tạo',
      ]);
      expect(viOrder).not.toEqual([...SIBLINGS].sort());

      const nodes = await treeOf(root.id);
      expect(nodes.map((n) => [n.name, n.depth])).toEqual([
        ['Công an tỉnh', 0],
        ['Phòng An ninh', 1],
        ['Phòng Ăn uống', 1],
        ['Phòng Bảo vệ', 1],
        ['Đội Bảo vệ mục tiêu', 2],
        ['Phòng Dân vận', 1],
        ['Phòng Đào tạo', 1],
      ]);
      expect(nodes.filter((n) => n.depth === 1).map((n) => n.name)).toEqual(viOrder);
      expect(nodes[0]).toMatchObject({ id: root.id, parentId: w.tuyenquang });
      expect(nodes.find((n) => n.id === leaf.id)?.parentId).toBe(ids.get('Phòng Bảo vệ'));
    });

    it('limits the depth with maxDepth', async () => {
      const root = await createUnit(w.tuyenquang, { name: 'Sở Y tế' });
      const a = await createUnit(root.id, { name: 'Phòng Nghiệp vụ' });
      const b = await createUnit(a.id, { name: 'Tổ Dược' });
      await createUnit(b.id, { name: 'Nhóm Kiểm nghiệm' });

      expect((await treeOf(root.id)).map((n) => n.depth)).toEqual([0, 1, 2, 3]);
      expect((await treeOf(root.id, '?maxDepth=1')).map((n) => n.id)).toEqual([root.id, a.id]);
      expect((await treeOf(root.id, '?maxDepth=2')).map((n) => n.id)).toEqual([root.id, a.id, b.id]);
      expect((await treeOf(root.id, '?maxDepth=0')).map((n) => n.id)).toEqual([root.id]);
      expect((await get(`/api/v1/org-units/${root.id}/tree?maxDepth=21`)).statusCode).toBe(400);
    });

    it('answers 404 for a unit not open on asOf', async () => {
      const res = await get(`/api/v1/org-units/${w.hanoiCommune}/tree?asOf=2020-01-01`);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect((await get('/api/v1/org-units/999999/tree')).statusCode).toBe(404);
    });
  });

  describe('renaming', () => {
    it('renames from a date: the current name changes, past dates keep the old name, audited', async () => {
      const parent = await createUnit(w.hagiang, { name: 'Sở Văn hóa' });
      const u = await createUnit(parent.id, { name: 'Phòng Văn hóa cũ' });
      const res = await post(`/api/v1/org-units/${u.id}/rename`, {
        name: 'Phòng Văn hóa và Thể thao',
        validFrom: '2024-03-01',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as OrgUnit).name).toBe('Phòng Văn hóa và Thể thao');
      expect((await unit(u.id)).name).toBe('Phòng Văn hóa và Thể thao');

      const nameOn = async (asOf: string) =>
        (await treeOf(parent.id, `?asOf=${asOf}`)).find((n) => n.id === u.id)?.name;
      expect(await nameOn('2024-02-29')).toBe('Phòng Văn hóa cũ');
      expect(await nameOn('2024-03-01')).toBe('Phòng Văn hóa và Thể thao');
      expect(await nameOn('2025-01-01')).toBe('Phòng Văn hóa và Thể thao');
      expect((await treeOf(parent.id)).find((n) => n.id === u.id)?.name).toBe('Phòng Văn hóa và Thể thao');

      // Search follows the new name.
      expect((await list(`q=${encodeURIComponent('van hoa va the thao')}`)).map((x) => x.id)).toContain(u.id);

      const audits = await auditOf('org_unit.rename', u.id);
      expect(audits).toHaveLength(1);
      expect(detailsOf(audits[0]!)).toMatchObject({
        from: 'Phòng Văn hóa cũ',
        name: 'Phòng Văn hóa và Thể thao',
        validFrom: '2024-03-01',
      });
    });

    it('refuses a rename dated before the unit was founded, and writes nothing', async () => {
      const u = await createUnit(w.hagiang, { name: 'Phòng Một', validFrom: '2010-01-01' });
      const [history, audits] = [await countHistory(u.id), await countAudit()];
      const res = await post(`/api/v1/org-units/${u.id}/rename`, {
        name: 'Phòng Hai',
        validFrom: '2009-01-01',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res)).toContain('/validFrom');
      expect((await unit(u.id)).name).toBe('Phòng Một');
      expect(await countHistory(u.id)).toBe(history);
      expect(await countAudit()).toBe(audits);
      expect(
        (await post('/api/v1/org-units/999999/rename', { name: 'Ai', validFrom: '2020-01-01' })).statusCode,
      ).toBe(404);
    });
  });

  describe('moving', () => {
    it('moves a unit with its whole subtree, keeps the past under the old parent, audited', async () => {
      const root = await createUnit(w.tuyenquang, { name: 'Ủy ban nhân dân' });
      const from = await createUnit(root.id, { name: 'Sở Cũ' });
      const to = await createUnit(root.id, { name: 'Sở Mới' });
      const child = await createUnit(from.id, { name: 'Phòng Di chuyển' });
      const grandchild = await createUnit(child.id, { name: 'Tổ Đi theo' });

      const res = await post(`/api/v1/org-units/${child.id}/move`, {
        parentId: to.id,
        validFrom: '2022-01-01',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: child.id, parentId: to.id, path: `${to.path}.u${child.id}` });

      expect(await unit(child.id)).toMatchObject({ parentId: to.id, path: `${to.path}.u${child.id}` });
      expect(await unit(grandchild.id)).toMatchObject({
        parentId: child.id,
        path: `${to.path}.u${child.id}.u${grandchild.id}`,
      });
      const anc = await get(`/api/v1/org-units/${grandchild.id}/ancestors`);
      expect((anc.json() as OrgUnit[]).map((u) => u.id)).toEqual([
        w.nation,
        w.tuyenquang,
        root.id,
        to.id,
        child.id,
        grandchild.id,
      ]);

      // Today: under the new parent.
      expect((await treeOf(from.id)).map((n) => n.id)).toEqual([from.id]);
      expect((await treeOf(to.id)).map((n) => [n.id, n.depth])).toEqual([
        [to.id, 0],
        [child.id, 1],
        [grandchild.id, 2],
      ]);
      // Before the move date: under the old one.
      expect((await treeOf(from.id, '?asOf=2021-12-31')).map((n) => [n.id, n.depth])).toEqual([
        [from.id, 0],
        [child.id, 1],
        [grandchild.id, 2],
      ]);
      expect((await treeOf(to.id, '?asOf=2021-12-31')).map((n) => n.id)).toEqual([to.id]);
      expect((await treeOf(to.id, '?asOf=2022-01-01')).map((n) => n.id)).toEqual([
        to.id,
        child.id,
        grandchild.id,
      ]);

      const audits = await auditOf('org_unit.move', child.id);
      expect(audits).toHaveLength(1);
      expect(detailsOf(audits[0]!)).toMatchObject({ fromParentId: from.id, parentId: to.id });
    });

    // Dated changes may be recorded out of date order (a decision entered late): each one changes only
    // what it decides, so the name and the parent on any date come from the latest decision of each.
    it('a backdated rename recorded after a move keeps the parent of its time', async () => {
      const root = await createUnit(w.tuyenquang, { name: 'Khối Sở' });
      const a = await createUnit(root.id, { name: 'Sở Gốc' });
      const b = await createUnit(root.id, { name: 'Sở Đích' });
      const u = await createUnit(a.id, { name: 'Phòng Tên cũ' });
      const moved = await post(`/api/v1/org-units/${u.id}/move`, { parentId: b.id, validFrom: '2024-01-01' });
      expect(moved.statusCode, moved.body).toBe(200);
      const renamed = await post(`/api/v1/org-units/${u.id}/rename`, {
        name: 'Phòng Tên mới',
        validFrom: '2020-01-01',
      });
      expect(renamed.statusCode, renamed.body).toBe(200);

      const on = async (asOf: string) => (await treeOf(root.id, `?asOf=${asOf}`)).find((n) => n.id === u.id);
      expect(await on('2019-06-01')).toMatchObject({ name: 'Phòng Tên cũ', parentId: a.id });
      expect(await on('2022-06-01')).toMatchObject({ name: 'Phòng Tên mới', parentId: a.id });
      expect(await on('2024-06-01')).toMatchObject({ name: 'Phòng Tên mới', parentId: b.id });
      // Today the tree and the unit itself agree on the name.
      expect((await treeOf(root.id)).find((n) => n.id === u.id)?.name).toBe((await unit(u.id)).name);
    });

    it('a backdated move recorded after a rename keeps the name of its time', async () => {
      const root = await createUnit(w.tuyenquang, { name: 'Khối Ban' });
      const a = await createUnit(root.id, { name: 'Ban Gốc' });
      const b = await createUnit(root.id, { name: 'Ban Đích' });
      const u = await createUnit(a.id, { name: 'Phòng Tên cũ' });
      const renamed = await post(`/api/v1/org-units/${u.id}/rename`, {
        name: 'Phòng Tên mới',
        validFrom: '2024-01-01',
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const moved = await post(`/api/v1/org-units/${u.id}/move`, { parentId: b.id, validFrom: '2020-01-01' });
      expect(moved.statusCode, moved.body).toBe(200);

      const on = async (asOf: string) => (await treeOf(root.id, `?asOf=${asOf}`)).find((n) => n.id === u.id);
      expect(await on('2019-06-01')).toMatchObject({ name: 'Phòng Tên cũ', parentId: a.id });
      expect(await on('2022-06-01')).toMatchObject({ name: 'Phòng Tên cũ', parentId: b.id });
      expect(await on('2024-06-01')).toMatchObject({ name: 'Phòng Tên mới', parentId: b.id });
    });

    it('refuses to move a unit into its own subtree, and writes nothing', async () => {
      const a = await createUnit(w.tuyenquang, { name: 'Ban Tổ chức' });
      const b = await createUnit(a.id, { name: 'Phòng Cán bộ' });
      const c = await createUnit(b.id, { name: 'Tổ Chính sách' });
      const [history, audits] = [await countHistory(a.id), await countAudit()];
      for (const target of [a.id, b.id, c.id]) {
        const res = await post(`/api/v1/org-units/${a.id}/move`, {
          parentId: target,
          validFrom: '2022-01-01',
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(fieldsOf(res)).toContain('/parentId');
      }
      expect((await unit(a.id)).path).toBe(a.path);
      expect((await unit(c.id)).path).toBe(c.path);
      expect(await countHistory(a.id)).toBe(history);
      expect(await countAudit()).toBe(audits);
    });

    it('refuses to move under a parent not open on the move date, and the root', async () => {
      const u = await createUnit(w.hanoi, { name: 'Phòng Lưu động' });
      const early = await post(`/api/v1/org-units/${u.id}/move`, {
        parentId: w.hanoiCommune,
        validFrom: '2020-01-01',
      });
      expect(early.statusCode, early.body).toBe(400);
      expect(errorOf(early).code).toBe('INVALID_REFERENCE');
      expect((await unit(u.id)).parentId).toBe(w.hanoi);
      const root = await post(`/api/v1/org-units/${w.nation}/move`, {
        parentId: w.hanoi,
        validFrom: '2020-01-01',
      });
      expect(root.statusCode, root.body).toBe(400);
    });
  });

  describe('closing', () => {
    it('refuses while open children remain or people still work there, then closes, audited', async () => {
      const parent = await createUnit(w.hagiang, { name: 'Sở Giải thể' });
      const child = await createUnit(parent.id, { name: 'Phòng Con' });
      const staffed = await createUnit(parent.id, { name: 'Phòng Có người' });
      const hired = await post('/api/v1/employees', recruitBody(staffed.id));
      expect(hired.statusCode, hired.body).toBe(201);

      const withChildren = await post(`/api/v1/org-units/${parent.id}/close`, { validTo: '2023-01-01' });
      expect(withChildren.statusCode, withChildren.body).toBe(422);
      expect(errorOf(withChildren).code).toBe('INVALID_STATE');

      const withPeople = await post(`/api/v1/org-units/${staffed.id}/close`, { validTo: '2023-01-01' });
      expect(withPeople.statusCode, withPeople.body).toBe(422);
      expect(errorOf(withPeople).code).toBe('INVALID_STATE');
      expect((await unit(staffed.id)).validTo).toBeNull();

      const res = await post(`/api/v1/org-units/${child.id}/close`, {
        validTo: '2023-01-01',
        successorId: staffed.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: child.id, validTo: '2023-01-01', successorId: staffed.id });
      expect(await unit(child.id)).toMatchObject({ validTo: '2023-01-01', successorId: staffed.id });

      const idsOn = async (query: string) => (await treeOf(parent.id, query)).map((n) => n.id);
      expect(await idsOn('?asOf=2022-12-31')).toContain(child.id);
      expect(await idsOn('?asOf=2023-01-01')).not.toContain(child.id);
      expect(await idsOn('')).toEqual([parent.id, staffed.id]);

      const audits = await auditOf('org_unit.close', child.id);
      expect(audits).toHaveLength(1);
      expect(detailsOf(audits[0]!)).toMatchObject({ validTo: '2023-01-01', successorId: staffed.id });

      const again = await post(`/api/v1/org-units/${child.id}/close`, { validTo: '2024-01-01' });
      expect(again.statusCode, again.body).toBe(422);
      expect(errorOf(again).code).toBe('INVALID_STATE');
      expect((await unit(child.id)).validTo).toBe('2023-01-01');
      expect(await auditOf('org_unit.close', child.id)).toHaveLength(1);
    });

    it('refuses a closing date on or before the founding date, and a successor not open then', async () => {
      const u = await createUnit(w.hagiang, { name: 'Phòng Tạm', validFrom: '2010-01-01' });
      const early = await post(`/api/v1/org-units/${u.id}/close`, { validTo: '2010-01-01' });
      expect(early.statusCode, early.body).toBe(400);
      expect(fieldsOf(early)).toContain('/validTo');
      const badSuccessor = await post(`/api/v1/org-units/${u.id}/close`, {
        validTo: '2020-01-01',
        successorId: w.hanoiCommune, // founded 2025-07-01
      });
      expect(badSuccessor.statusCode, badSuccessor.body).toBe(400);
      expect(errorOf(badSuccessor).code).toBe('INVALID_REFERENCE');
      expect(fieldsOf(badSuccessor)).toContain('/successorId');
      expect((await unit(u.id)).validTo).toBeNull();
      expect(await auditOf('org_unit.close', u.id)).toHaveLength(0);
    });
  });

  describe('staffing quotas', () => {
    const quota = (n: number) => ({
      civilServants: n,
      publicEmployees: n + 1,
      contractWorkers: n + 2,
      decisionNo: `${n}/QĐ-UBND`,
      decisionDate: '2025-12-15',
    });

    it('sets a quota per year, upserts the same year, and audits each write', async () => {
      const u = await createUnit(w.tuyenquang, { name: 'Sở Tài chính' });
      const first = await put(`/api/v1/org-units/${u.id}/quotas/2026`, quota(10));
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ unitId: u.id, year: 2026, ...quota(10) });
      const listed = async () => {
        const res = await get(`/api/v1/org-units/${u.id}/quotas`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as QuotaJson[];
      };
      expect(await listed()).toEqual([{ unitId: u.id, year: 2026, ...quota(10) }]);

      const second = await put(`/api/v1/org-units/${u.id}/quotas/2026`, quota(20));
      expect(second.statusCode, second.body).toBe(200);
      expect(await listed()).toEqual([{ unitId: u.id, year: 2026, ...quota(20) }]);

      expect((await put(`/api/v1/org-units/${u.id}/quotas/2025`, quota(5))).statusCode).toBe(200);
      expect((await listed()).map((q) => [q.year, q.civilServants])).toEqual([
        [2025, 5],
        [2026, 20],
      ]);

      const audits = await auditOf('org_unit.quota', u.id);
      expect(audits.map((a) => detailsOf(a).year)).toEqual([2026, 2026, 2025]);
    });

    it.each([
      ['a negative number', '2026', { civilServants: -1 }, 'body/civilServants'],
      ['a year before 1945', '1800', {}, 'params/year'],
      ['a missing decision number', '2026', { decisionNo: undefined }, 'body/decisionNo'],
    ])('refuses %s with 400, and writes nothing', async (_n, year, over, field) => {
      const u = await createUnit(w.tuyenquang, { name: 'Sở Xây dựng' });
      const audits = await countAudit();
      const body: Record<string, unknown> = { ...quota(3), ...over };
      if (body.decisionNo === undefined) delete body.decisionNo;
      const res = await put(`/api/v1/org-units/${u.id}/quotas/${year}`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
      expect((await get(`/api/v1/org-units/${u.id}/quotas`)).json()).toEqual([]);
      expect(await countAudit()).toBe(audits);
    });

    it('answers 404 for the quotas of a missing unit', async () => {
      expect((await put('/api/v1/org-units/999999/quotas/2026', quota(1))).statusCode).toBe(404);
      expect((await get('/api/v1/org-units/999999/quotas')).statusCode).toBe(404);
    });
  });

  describe('job positions', () => {
    const position = (over: Record<string, unknown> = {}) => ({
      code: 'CV-TCCB',
      name: 'Chuyên viên tổ chức cán bộ',
      kind: 'professional',
      requiredRankCode: '01.003',
      plannedCount: 3,
      validFrom: '2015-01-01',
      ...over,
    });

    it('adds a job position and counts the active employees recruited into it', async () => {
      const u = await createUnit(w.tuyenquang, { name: 'Sở Nội vụ Tuyên Quang' });
      const res = await post(`/api/v1/org-units/${u.id}/job-positions`, position());
      expect(res.statusCode, res.body).toBe(201);
      const jp = res.json() as JobPositionJson;
      expect(jp).toMatchObject({ unitId: u.id, code: 'CV-TCCB', plannedCount: 3, filledCount: 0 });
      const other = await post(
        `/api/v1/org-units/${u.id}/job-positions`,
        position({ code: 'KT-01', plannedCount: 1 }),
      );
      expect(other.statusCode, other.body).toBe(201);

      for (let i = 0; i < 2; i++) {
        const body = recruitBody(u.id);
        const hired = await post('/api/v1/employees', {
          ...body,
          payload: { ...body.payload, jobPositionId: jp.id },
        });
        expect(hired.statusCode, hired.body).toBe(201);
      }
      // Someone in the same unit without a job position does not fill it.
      expect((await post('/api/v1/employees', recruitBody(u.id))).statusCode).toBe(201);

      const listed = await get(`/api/v1/org-units/${u.id}/job-positions`);
      expect(listed.statusCode, listed.body).toBe(200);
      expect(
        (listed.json() as JobPositionJson[]).map((x) => [x.code, x.plannedCount, x.filledCount]),
      ).toEqual([
        ['CV-TCCB', 3, 2],
        ['KT-01', 1, 0],
      ]);

      const audits = await auditOf('job_position.create', u.id);
      expect(audits.map((a) => detailsOf(a).code)).toEqual(['CV-TCCB', 'KT-01']);
      expect(detailsOf(audits[0]!).id).toBe(jp.id);
    });

    it('refuses an unknown required rank with 400 naming /requiredRankCode, and writes nothing', async () => {
      const u = await createUnit(w.tuyenquang, { name: 'Sở Công thương' });
      const audits = await countAudit();
      const res = await post(
        `/api/v1/org-units/${u.id}/job-positions`,
        position({ requiredRankCode: '99.999' }),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res)).toContain('/requiredRankCode');
      expect((await get(`/api/v1/org-units/${u.id}/job-positions`)).json()).toEqual([]);
      expect(await countAudit()).toBe(audits);
    });

    it('refuses a job position of a unit not open on its validFrom', async () => {
      const res = await post(
        `/api/v1/org-units/${w.hanoiCommune}/job-positions`,
        position({ validFrom: '2020-01-01' }),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).code).toBe('INVALID_REFERENCE');
    });

    it('refuses a recruitment into a job position of another unit with 400 on /payload/jobPositionId', async () => {
      const owner = await createUnit(w.tuyenquang, { name: 'Sở Nông nghiệp' });
      const elsewhere = await createUnit(w.tuyenquang, { name: 'Sở Giao thông' });
      const jp = (
        await post(`/api/v1/org-units/${owner.id}/job-positions`, position())
      ).json() as JobPositionJson;
      const before = await d.db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const body = recruitBody(elsewhere.id);
      const res = await post('/api/v1/employees', {
        ...body,
        payload: { ...body.payload, jobPositionId: jp.id },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res)).toContain('/payload/jobPositionId');
      const after = await d.db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const listed = (await get(`/api/v1/org-units/${owner.id}/job-positions`)).json() as JobPositionJson[];
      expect(listed[0]?.filledCount).toBe(0);
    });
  });

  it('refuses renames and moves dated in the future (restructuring applies those on their day)', async () => {
    const rename = await post(`/api/v1/org-units/${w.hanoiHome}/rename`, {
      name: 'Sở Nội vụ mới',
      validFrom: '2027-01-01',
    });
    expect(rename.statusCode, rename.body).toBe(400);
    expect(rename.json().error.details[0].field).toBe('/validFrom');
    const move = await post(`/api/v1/org-units/${w.hanoiHome}/move`, {
      parentId: w.tuyenquang,
      validFrom: '2027-01-01',
    });
    expect(move.statusCode, move.body).toBe(400);
    expect((await get(`/api/v1/org-units/${w.hanoiHome}`)).json()).toMatchObject({
      name: 'Sở Nội vụ Hà Nội',
      parentId: w.hanoi,
    });
  });
});
