// Analytics against answers computed by hand on a small world, today (2026-11-20) and on 2024-06-01,
// before the 2025 merger that closed Hà Giang into Tuyên Quang.
//
// People (unit on 2024-06-01 → unit today):
//   A  F 1990  civil servant   Sở Nội vụ Hà Nội → same                (recruited 2015)
//   B  M 1965  civil servant   Hà Giang → Tuyên Quang (merger transfer 2025-07-01)
//   C  F 1985  public employee Hà Giang, resigned 2024-01-01 → gone
//   D  M 1980  public employee Tuyên Quang, Tày (minority) → same
//   E  F 1995  civil servant   (not yet recruited) → Vụ TCCB, Bộ Nội vụ (2025-01-01)
//   F  M 1970  cadre           Hà Nội → died 2026-01-15
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { viewerOver } from '../../../test/helpers/actors.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { renderPdf } from '../../platform/pdf/index.ts';
import { closeUnit, renameUnit, setQuota } from '../org-units/index.ts';
import { headcount } from './headcount.service.ts';

const dec = (number: string, date: string) => ({
  number,
  date,
  signerName: 'Trần Văn Ký',
  issuingBody: 'UBND',
});
type Cell = { row: string | null; col: string | null; count: number | null; suppressed: boolean };
const grid = (cells: Cell[]) =>
  Object.fromEntries(cells.map((c) => [c.col === null ? c.row : `${c.row}/${c.col}`, c.count]));

describe.each(ENGINES)('workforce analytics on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    w = await buildWorld(ctx);
    app = await testApp(d);
    const hire = async (
      key: string,
      unit: number,
      over: Parameters<typeof recruitBody>[1],
      category?: string,
    ) => {
      const body = recruitBody(unit, { fullName: `Người ${key}`, ...over });
      if (category) (body.payload as { category: string }).category = category;
      // Public employees hold a professional title (an A1 one, as the others' default rank).
      if (category === 'public_employee') body.payload.rankCode = 'V.07.05.15';
      const res = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    };
    const act = async (key: string, type: string, effectiveDate: string, payload: object) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/employees/${ids[key]}/actions`,
        payload: { type, effectiveDate, decision: dec(`${key}-${type}`, effectiveDate), payload },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await hire('A', w.hanoiHome, { sex: 'F', birthDate: '1990-05-17', effectiveDate: '2015-03-01' });
    await hire('B', w.hagiang, { sex: 'M', birthDate: '1965-06-10', effectiveDate: '1992-01-01' });
    await hire(
      'C',
      w.hagiang,
      { sex: 'F', birthDate: '1985-01-01', effectiveDate: '2010-01-01' },
      'public_employee',
    );
    await hire(
      'D',
      w.tuyenquang,
      { sex: 'M', birthDate: '1980-03-03', effectiveDate: '2020-01-01', ethnicCode: '02' },
      'public_employee',
    );
    await hire('E', w.ministryDept, { sex: 'F', birthDate: '1995-09-09', effectiveDate: '2025-01-01' });
    await hire('F', w.hanoi, { sex: 'M', birthDate: '1970-02-02', effectiveDate: '2010-01-01' }, 'cadre');
    await act('C', 'resign', '2024-01-01', {});
    await act('B', 'transfer', '2025-07-01', { workingUnitId: w.tuyenquang, managingUnitId: w.tuyenquang });
    await act('F', 'death', '2026-01-15', {});
    await closeUnit(ctx, w.hagiang, { validTo: '2025-07-01', successorId: w.tuyenquang });
    await renameUnit(ctx, w.hanoi, { name: 'Thủ đô Hà Nội', validFrom: '2025-09-01' });
    await setQuota(ctx, w.tuyenquang, 2026, {
      civilServants: 1,
      publicEmployees: 0,
      contractWorkers: 0,
      decisionNo: '1/QĐ',
      decisionDate: '2026-01-05',
    });
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('counts today by unit × category from the cube', async () => {
    const r = await get(`/api/v1/analytics/headcount?unitId=${w.nation}&rows=unit&cols=category`);
    expect(r.source).toBe('cube');
    expect(r.total).toBe(4);
    expect(grid(r.cells)).toEqual({
      [`${w.hanoi}/civil_servant`]: 1,
      [`${w.tuyenquang}/civil_servant`]: 1,
      [`${w.tuyenquang}/public_employee`]: 1,
      [`${w.ministry}/civil_servant`]: 1,
    });
    expect(r.labels[String(w.tuyenquang)]).toBe('Tỉnh Tuyên Quang');
    expect(r.labels[String(w.hanoi)]).toBe('Thủ đô Hà Nội');
  });

  it('counts 2024-06-01, before the merger, with the old province and the dead and resigned as they were', async () => {
    const r = await get(`/api/v1/analytics/headcount?unitId=${w.nation}&rows=unit&asOf=2024-06-01`);
    expect(grid(r.cells)).toEqual({ [w.hanoi]: 2, [w.hagiang]: 1, [w.tuyenquang]: 1 });
    // Tables of a past date name units as they were then: Hà Nội was renamed on 2025-09-01.
    expect(r.labels[String(w.hanoi)]).toBe('Thành phố Hà Nội');
    const byCat = await get(`/api/v1/analytics/headcount?unitId=${w.nation}&rows=category&asOf=2024-06-01`);
    expect(grid(byCat.cells)).toEqual({ civil_servant: 2, cadre: 1, public_employee: 1 });
  });

  it('gives the same answers from the spans as from the cube (dimensions outside the cube)', async () => {
    const r = await get(
      `/api/v1/analytics/headcount?unitId=${w.nation}&rows=rankCode&cols=sex&asOf=2024-06-01`,
    );
    expect(r.source).toBe('spans');
    expect(grid(r.cells)).toEqual({ '01.003/F': 1, '01.003/M': 2, 'V.07.05.15/M': 1 });
    const today = await get(`/api/v1/analytics/headcount?unitId=${w.tuyenquang}&rows=sex`);
    expect(grid(today.cells)).toEqual({ M: 2 });
  });

  it('suppresses cells under 5 people in publication statistics', async () => {
    const r = await get(`/api/v1/analytics/headcount?unitId=${w.nation}&rows=category&publish=true`);
    expect(r.total).toBeNull();
    expect(r.cells.every((c: Cell) => c.suppressed && c.count === null)).toBe(true);
  });

  it('drills down to the people, scoped and audited', async () => {
    const r = await get(`/api/v1/analytics/people?unitId=${w.nation}&category=public_employee`);
    expect(r.items.map((p: { id: string }) => p.id)).toEqual([ids.D]);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_events WHERE action = 'analytics.people'`.execute(d.db);
    expect(audited.rows[0]?.n).toBe(1);
  });

  it('shows ethnicity only to roles that may see sensitive data', async () => {
    const viewer = viewerOver(testCtx(d), w.nation, `u${w.nation}`);
    await expect(headcount(viewer, { rows: 'minority' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const byMinority = await get(`/api/v1/analytics/headcount?unitId=${w.nation}&rows=minority`);
    expect(grid(byMinority.cells)).toEqual({ kinh: 3, minority: 1 });
    const cat = await headcount(viewer, { rows: 'category' });
    expect(cat.total).toBe(4);
  });

  it('lists quota vs actual and the over-quota units', async () => {
    const r = await get(`/api/v1/analytics/quota?unitId=${w.nation}&year=2026`);
    expect(r.units).toEqual([
      {
        unitId: w.tuyenquang,
        unitName: 'Tỉnh Tuyên Quang',
        civilServants: { quota: 1, actual: 1 },
        publicEmployees: { quota: 0, actual: 1 },
        contractWorkers: { quota: 0, actual: 0 },
        isOverQuota: true,
      },
    ]);
    expect(r.overQuota).toEqual([w.tuyenquang]);
  });

  it('counts movements over a period, in and out of a subtree', async () => {
    const all = await get(`/api/v1/analytics/movements?unitId=${w.nation}&from=2024-01-01&to=2026-11-20`);
    expect(all.counts).toEqual([
      { type: 'death', total: 1, in: 0, out: 1 },
      { type: 'recruit', total: 1, in: 1, out: 0 },
      { type: 'resign', total: 1, in: 0, out: 1 },
      { type: 'transfer', total: 1, in: 0, out: 0 },
    ]);
    const tq = await get(
      `/api/v1/analytics/movements?unitId=${w.tuyenquang}&from=2025-01-01&to=2025-12-31&list=true`,
    );
    expect(tq.counts).toEqual([{ type: 'transfer', total: 1, in: 1, out: 0 }]);
    expect(tq.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([ids.B]);
  });

  it('forecasts retirements by the roadmap and salary steps due', async () => {
    // B, a man born 1965-06-10, reaches 61y6m (the 2026 age) on 2026-12-10.
    const r = await get(`/api/v1/analytics/forecast?unitId=${w.nation}&list=true`);
    expect(r.retiring).toEqual({ within6Months: 1, within12Months: 1, inPeriod: 1 });
    expect(r.items.find((i: { kind: string }) => i.kind === 'retirement')).toMatchObject({
      employeeId: ids.B,
      dueOn: '2026-12-10',
    });
    // A (step 1 since 2015), B (since 1992), D (since 2020) are due; E's 3 years end in 2028.
    expect(r.salaryStepsDue).toBe(3);
    expect(r.seniorityAllowanceDue).toBe(0);
  });

  it('keeps the cube exact after a new action', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${ids.A}/actions`,
      payload: {
        type: 'transfer',
        effectiveDate: '2026-11-01',
        decision: dec('A-2', '2026-11-01'),
        payload: { workingUnitId: w.hanoiCommune },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = await get(`/api/v1/analytics/headcount?unitId=${w.hanoi}&rows=unit`);
    expect(r.source).toBe('cube');
    expect(grid(r.cells)).toEqual({ [w.hanoiCommune]: 1 });
    const dash = await get(`/api/v1/analytics/dashboard?unitId=${w.nation}`);
    expect(dash).toMatchObject({ total: 4, retiringWithin12Months: 1 });
    expect(dash.quota.publicEmployees).toEqual({ quota: 0, actual: 1 });
  });

  it('scores data quality per unit', async () => {
    const r = await get(`/api/v1/analytics/quality?unitId=${w.tuyenquang}&list=true`);
    expect(r.units).toHaveLength(1);
    expect(r.units[0]).toMatchObject({ unitId: w.tuyenquang, people: 2 });
    // The fixture declares no birth place nor degree: both are flagged for both people.
    expect(r.units[0].issues).toMatchObject({ missing_birth_place: 2, missing_education: 2 });
  });

  it('downloads tables and the standard report as real XLSX, and the report as PDF', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/headcount?unitId=${w.nation}&rows=category&format=xlsx`,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null);
    expect(values).toEqual(expect.arrayContaining(['Công chức', 3, 'Viên chức', 1]));
    const rep = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/report?unitId=${w.nation}&asOf=2024-06-01&format=xlsx`,
    });
    expect(rep.statusCode, rep.body).toBe(200);
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.load(rep.rawPayload as unknown as ArrayBuffer);
    const rows = [...rb.worksheets[0]!.getSheetValues()].map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows.find((r) => r[0] === 'Tỉnh Hà Giang')?.slice(0, 2)).toEqual(['Tỉnh Hà Giang', '<5']);
    // A signed extract laid out first (pdfmake is one shared instance) must not break the report's PDF.
    await renderPdf({ content: 'Trích lục' }, { title: 'Trích lục', createdAt: new Date() });
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/report?unitId=${w.nation}&format=pdf`,
    });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
