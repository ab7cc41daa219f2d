// Analytics from the typed e-record (issue 15 item 5) against answers computed by hand, today
// (2026-11-20) and on past dates.
//
//   P  F 1988 civil servant 01.003, Kinh, Sở Nội vụ Hà Nội. Party: admitted 2025-03-01, official
//      2026-03-01 (declared once, on admission: no ledger row on the official date). Head of division
//      (TPS) since 2024. University (DH); political theory TC (2018) then CC (2024). Record complete.
//   Q  M 1975 public employee V.07.05.15, Tày, Tuyên Quang. Party official since 2001 (declared on
//      recruitment, 2020). Master (THS); political theory TC. No leadership post.
//   R  F 1996 civil servant 01.003, Kinh, Sở Nội vụ Hà Nội. Not in the Party. University. Record
//      complete but for the social-insurance number.
//   S  M 1992 civil servant 01.002, Thái, Vụ TCCB Bộ Nội vụ. Party: admitted 2026-06-01, still
//      probationary. Deputy head of division (PTPB). No degree declared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { viewerOver } from '../../../test/helpers/actors.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { COMPLETENESS_FIELDS } from './completeness.ts';
import { headcount } from './headcount.service.ts';

type Cell = { row: string | null; col: string | null; count: number | null };
const grid = (cells: Cell[]) =>
  Object.fromEntries(cells.map((c) => [c.col === null ? c.row : `${c.row}/${c.col}`, c.count]));

/** Everything the completeness list counts, filled (P's record; R's lacks the insurance number). */
const FULL_IDENTITY = {
  birthPlaceCommune: 'Phường Hoàn Kiếm',
  birthPlaceProvince: '01',
  hometownCommune: 'Xã Tân Trào',
  hometownProvince: '08',
  permanentAddress: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
  currentAddress: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
};

describe.each(ENGINES)('analytics from the typed record on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  const ids: Record<string, string> = {};
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const act = async (key: string, type: string, effectiveDate: string, payload: object) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${ids[key]}/actions`,
      payload: {
        type,
        effectiveDate,
        decision: {
          number: `${key}-${type}-${effectiveDate}`,
          date: effectiveDate,
          signerName: 'Trần Văn Ký',
          issuingBody: 'UBND',
        },
        payload,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const declare = (key: string, on: string, group: string, kind: string, data: object) =>
    act(key, 'declare', on, { group, kind, data });
  const completeRest = async (key: string, on: string) => {
    await declare(key, on, 'movements', 'pre_recruitment', { occupation: 'Sinh viên' });
    await declare(key, on, 'education', 'general_education', { level: '12/12' });
    await declare(key, on, 'employment', 'main_task', { task: 'Tham mưu công tác tổ chức cán bộ' });
    await declare(key, on, 'health', 'health_status', { status: 'good' });
  };

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
    const hire = async (
      key: string,
      unit: number,
      over: Parameters<typeof recruitBody>[1],
      category?: string,
    ) => {
      const body = recruitBody(unit, { fullName: `Người ${key}`, ...over });
      if (category) (body.payload as { category: string }).category = category;
      const res = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    };
    await hire('P', w.hanoiHome, {
      sex: 'F',
      birthDate: '1988-04-04',
      effectiveDate: '2012-09-01',
      ...FULL_IDENTITY,
      socialInsuranceNo: '0123456789',
    });
    await hire(
      'Q',
      w.tuyenquang,
      {
        sex: 'M',
        birthDate: '1975-07-07',
        effectiveDate: '2020-01-01',
        ethnicCode: '02',
        rankCode: 'V.07.05.15',
      },
      'public_employee',
    );
    await hire('R', w.hanoiHome, {
      sex: 'F',
      birthDate: '1996-01-15',
      effectiveDate: '2019-05-01',
      ...FULL_IDENTITY,
    });
    await hire('S', w.ministryDept, {
      sex: 'M',
      birthDate: '1992-02-02',
      effectiveDate: '2018-03-01',
      ethnicCode: '03',
      rankCode: '01.002',
    });
    await declare('P', '2025-03-01', 'political', 'membership', {
      organisationKind: 'DANG',
      joinedOn: '2025-03-01',
      officialOn: '2026-03-01',
    });
    await declare('P', '2024-01-01', 'employment', 'leadership', { positionCode: 'TPS' });
    await act('P', 'degree', '2012-09-01', { kind: 'education', levelCode: 'DH', year: 2010 });
    await act('P', 'degree', '2018-06-01', { kind: 'political_theory', levelCode: 'TC', year: 2018 });
    await act('P', 'degree', '2024-06-01', { kind: 'political_theory', levelCode: 'CC', year: 2024 });
    await completeRest('P', '2026-01-10');
    await declare('Q', '2020-01-01', 'political', 'membership', {
      organisationKind: 'DANG',
      joinedOn: '2000-05-01',
      officialOn: '2001-05-01',
    });
    await act('Q', 'degree', '2020-01-01', { kind: 'education', levelCode: 'THS', year: 2005 });
    await act('Q', 'degree', '2020-01-01', { kind: 'political_theory', levelCode: 'TC', year: 2010 });
    await act('R', 'degree', '2019-05-01', { kind: 'education', levelCode: 'DH', year: 2018 });
    await completeRest('R', '2026-01-10');
    await declare('S', '2026-06-01', 'political', 'membership', {
      organisationKind: 'DANG',
      joinedOn: '2026-06-01',
    });
    await declare('S', '2025-01-01', 'employment', 'leadership', { positionCode: 'PTPB' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const hc = (q: string) => get(`/api/v1/analytics/headcount?unitId=${w.nation}&${q}`);

  it('counts Party membership from the typed row: a probationary member is official from the official date', async () => {
    const today = await hc('rows=party');
    expect(today.source).toBe('cube');
    expect(grid(today.cells)).toEqual({ member: 2, probationary: 1, none: 1 });
    expect(today.labels).toEqual({
      member: 'Đảng viên chính thức',
      probationary: 'Đảng viên dự bị',
      none: 'Không phải đảng viên',
    });
    expect(today.labelsEn.probationary).toBe('Probationary Party member');
    // P was admitted on 2025-03-01: probationary until 2026-03-01, with no ledger row on that day.
    expect(grid((await hc('rows=party&asOf=2025-06-01')).cells)).toEqual({
      member: 1,
      probationary: 1,
      none: 2,
    });
    expect(grid((await hc('rows=party&asOf=2026-02-28')).cells)).toEqual({
      member: 1,
      probationary: 1,
      none: 2,
    });
    expect(grid((await hc('rows=party&asOf=2026-03-01')).cells)).toEqual({ member: 2, none: 2 });
    // Before P's admission, when only P was in service.
    expect(grid((await hc('rows=party&asOf=2018-01-01')).cells)).toEqual({ none: 1 });
  });

  it('counts ethnic minorities and ethnic groups by name', async () => {
    expect(grid((await hc('rows=minority')).cells)).toEqual({ kinh: 2, minority: 2 });
    const groups = await hc('rows=ethnicCode');
    expect(grid(groups.cells)).toEqual({ '01': 2, '02': 1, '03': 1 });
    expect(groups.labels).toEqual({ '01': 'Kinh', '02': 'Tày', '03': 'Thái' });
    expect((await hc('rows=minority')).labels).toEqual({
      kinh: 'Dân tộc Kinh',
      minority: 'Dân tộc thiểu số',
    });
  });

  it('counts sex and age band', async () => {
    const sex = await hc('rows=sex');
    expect(grid(sex.cells)).toEqual({ F: 2, M: 2 });
    expect(sex.labels).toEqual({ F: 'Nữ', M: 'Nam' });
    // Ages on 2026-11-20: P 38, Q 51, R 30, S 34.
    const age = await hc('rows=ageBand');
    expect(grid(age.cells)).toEqual({ '1': 3, '3': 1 });
    expect(age.labels).toEqual({ '1': '30–39', '3': '50–59' });
  });

  it('counts professional and political-theory levels (the highest held) by name', async () => {
    const edu = await hc('rows=educationLevel');
    expect(grid(edu.cells)).toEqual({ DH: 2, THS: 1, null: 1 });
    expect(edu.labels).toEqual({ DH: 'Đại học', THS: 'Thạc sĩ' });
    const pol = await hc('rows=politicalTheory');
    expect(grid(pol.cells)).toEqual({ CC: 1, TC: 1, null: 2 });
    expect(pol.labels).toEqual({ CC: 'Cao cấp', TC: 'Trung cấp' });
    // P held only TC before 2024-06-01.
    expect(grid((await hc('rows=politicalTheory&asOf=2024-01-01')).cells)).toEqual({ TC: 2, null: 2 });
  });

  it('counts ranks and professional titles by name, not code', async () => {
    const r = await hc('rows=rankCode');
    expect(grid(r.cells)).toEqual({ '01.003': 2, '01.002': 1, 'V.07.05.15': 1 });
    expect(r.labels).toEqual({
      '01.003': 'Chuyên viên',
      '01.002': 'Chuyên viên chính',
      'V.07.05.15': 'Giáo viên trung học phổ thông hạng III',
    });
  });

  it('counts leadership posts by the catalog name', async () => {
    const r = await hc('rows=leadership');
    expect(grid(r.cells)).toEqual({ TPS: 1, PTPB: 1, none: 2 });
    expect(r.labels).toEqual({
      TPS: 'Trưởng phòng thuộc sở và tương đương',
      PTPB: 'Phó trưởng phòng thuộc vụ, cục của bộ',
      none: 'Không giữ chức vụ lãnh đạo, quản lý',
    });
    // S's post began on 2025-01-01.
    expect(grid((await hc('rows=leadership&asOf=2024-06-01')).cells)).toEqual({ TPS: 1, none: 3 });
  });

  it('cross-tabulates two new dimensions, from the spans and from the cube', async () => {
    const pl = await hc('rows=party&cols=leadership');
    expect(pl.source).toBe('spans');
    expect(grid(pl.cells)).toEqual({
      'member/TPS': 1,
      'member/none': 1,
      'probationary/PTPB': 1,
      'none/none': 1,
    });
    const pm = await hc('rows=party&cols=minority');
    expect(pm.source).toBe('cube');
    expect(grid(pm.cells)).toEqual({
      'member/kinh': 1,
      'member/minority': 1,
      'probationary/minority': 1,
      'none/kinh': 1,
    });
    // The unit × Party table reads the rollup; the drill-down opens the probationary member.
    const byUnit = await hc('rows=unit&cols=party');
    expect(grid(byUnit.cells)).toEqual({
      [`${w.hanoi}/member`]: 1,
      [`${w.hanoi}/none`]: 1,
      [`${w.tuyenquang}/member`]: 1,
      [`${w.ministry}/probationary`]: 1,
    });
    const people = await get(`/api/v1/analytics/people?unitId=${w.nation}&party=probationary`);
    expect(people.items.map((p: { id: string }) => p.id)).toEqual([ids.S]);
  });

  it('keeps Party membership to roles that may see sensitive data', async () => {
    const viewer = viewerOver(testCtx(d), w.nation, `u${w.nation}`);
    await expect(headcount(viewer, { rows: 'party' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(headcount(viewer, { rows: 'sex', party: 'member' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await headcount(viewer, { rows: 'leadership' })).total).toBe(4);
  });

  it('reports completeness per field with the known gaps', async () => {
    const r = await get(`/api/v1/analytics/quality?unitId=${w.nation}&list=true`);
    expect(r.fields.map((f: { key: string }) => f.key)).toEqual(COMPLETENESS_FIELDS.map((f) => f.key));
    const home = r.units.find((u: { unitId: number }) => u.unitId === w.hanoiHome);
    expect(home).toMatchObject({ people: 2, complete: 1, completePercent: 50 });
    const pct = Object.fromEntries(
      home.fields.map((f: { key: string; percent: number }) => [f.key, f.percent]),
    );
    expect(pct['identity.socialInsuranceNo']).toBe(50);
    expect(Object.entries(pct).filter(([, v]) => v !== 100)).toEqual([['identity.socialInsuranceNo', 50]]);
    // Q and S were recruited with the identity a recruitment needs and nothing more: 11 fields lack.
    const tq = r.units.find((u: { unitId: number }) => u.unitId === w.tuyenquang);
    expect(tq).toMatchObject({ people: 1, complete: 0, completePercent: 0 });
    expect(
      tq.fields.filter((f: { missing: number }) => f.missing === 1).map((f: { key: string }) => f.key),
    ).toEqual([
      'identity.birthPlaceCommune',
      'identity.birthPlaceProvince',
      'identity.hometownCommune',
      'identity.hometownProvince',
      'identity.permanentAddress',
      'identity.currentAddress',
      'identity.socialInsuranceNo',
      'pre_recruitment.occupation',
      'general_education.level',
      'main_task.task',
      'health_status.status',
    ]);
    const rItem = r.items.find((i: { employeeId: string }) => i.employeeId === ids.R);
    expect(rItem.missingFields).toEqual(['Số sổ bảo hiểm xã hội']);
    // P is listed for older rule flags (no full-text birthplace), but lacks no counted field.
    const pItem = r.items.find((i: { employeeId: string }) => i.employeeId === ids.P);
    expect(pItem?.missingFields ?? []).toEqual([]);
  });

  it('downloads the fix list as XLSX: Vietnamese labels, no keys, codes or ids; scoped and audited', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/quality/fixes?unitId=${w.nation}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Thông tin còn thiếu');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[0]![0])).toMatch(
      /^Danh sách thông tin hồ sơ còn thiếu — Việt Nam — ngày 20\/11\/2026$/,
    );
    expect(rows[1]).toEqual(['Đơn vị', 'Họ và tên', 'Nhóm thông tin', 'Thông tin còn thiếu']);
    const body = rows.slice(2);
    // R: one line; Q and S: eleven each. Units by name (vi): Sở Nội vụ Hà Nội, Tỉnh Tuyên Quang, Vụ TCCB.
    expect(body).toHaveLength(23);
    expect(body[0]).toEqual([
      'Sở Nội vụ Hà Nội',
      'Người R',
      '1. Thông tin định danh',
      'Số sổ bảo hiểm xã hội',
    ]);
    expect(body.slice(1, 12).map((r) => r[0])).toEqual(Array(11).fill('Tỉnh Tuyên Quang'));
    expect(body.slice(1, 12).map((r) => r[3])).toEqual([
      'Nơi sinh: xã, phường',
      'Nơi sinh: tỉnh, thành phố',
      'Quê quán: xã, phường',
      'Quê quán: tỉnh, thành phố',
      'Nơi thường trú',
      'Nơi ở hiện nay',
      'Số sổ bảo hiểm xã hội',
      'Nghề nghiệp',
      'Trình độ',
      'Công việc chính được giao',
      'Tình trạng sức khỏe',
    ]);
    expect(body[8]).toEqual([
      'Tỉnh Tuyên Quang',
      'Người Q',
      '4. Tuyển dụng, bổ nhiệm, quy hoạch, điều động, luân chuyển, biệt phái, thôi việc, nghỉ hưu',
      'Nghề nghiệp',
    ]);
    expect(body[12]).toEqual([
      'Vụ Tổ chức cán bộ',
      'Người S',
      '1. Thông tin định danh',
      'Nơi sinh: xã, phường',
    ]);
    // No cell is a key, a code or an id.
    const keys = new Set(COMPLETENESS_FIELDS.flatMap((f) => [f.key, f.field, f.kind, f.group]));
    for (const cell of body.flat()) {
      expect(typeof cell).toBe('string');
      const s = cell as string;
      expect(keys.has(s), s).toBe(false);
      expect(s, 'no id').not.toMatch(/^\d+$|[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(s, 'no key').not.toMatch(/[a-z][A-Z]|_/);
    }
    const audited = await sql<{ details: { count: number; subjects: string[] } }>`
      SELECT details FROM audit_events WHERE action = 'analytics.quality.fixes'`.execute(d.db);
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0]!.details.subjects.sort()).toEqual([ids.Q, ids.R, ids.S].sort());
    // Scoped to the asked subtree: Hà Nội's list holds R only.
    const hn = await app.inject({ method: 'GET', url: `/api/v1/analytics/quality/fixes?unitId=${w.hanoi}` });
    const hb = new ExcelJS.Workbook();
    await hb.xlsx.load(hn.rawPayload as unknown as ArrayBuffer);
    const names = new Set<unknown>(); // rows: title, blank, header, then people
    hb.worksheets[0]!.eachRow((row, i) => i > 3 && names.add((row.values as unknown[])[2]));
    expect([...names]).toEqual(['Người R']);
  });

  it('cuts a span on the official date, which has no ledger row, and none where nothing counted changed', async () => {
    const r = await sql<{ valid_from: string; valid_to: string | null; party_status: string }>`
      SELECT valid_from, valid_to, party_status FROM analytics_spans
      WHERE employee_id = ${ids.P} AND valid_from >= '2025-01-01' ORDER BY valid_from`.execute(d.db);
    expect(r.rows.map((x) => [x.valid_from, x.party_status])).toEqual([
      ['2025-03-01', 'probationary'],
      ['2026-03-01', 'member'],
    ]);
  });

  it('keeps the Party counts of cached dates exact after a new declaration (incremental refresh)', async () => {
    await declare('R', '2026-11-01', 'political', 'membership', {
      organisationKind: 'DANG',
      joinedOn: '2026-11-01',
    });
    const r = await hc('rows=party');
    expect(r.source).toBe('cube');
    expect(grid(r.cells)).toEqual({ member: 2, probationary: 2 });
    expect(grid((await hc('rows=unit&cols=party')).cells)).toMatchObject({ [`${w.hanoi}/probationary`]: 1 });
    // The cube and the spans agree once refreshed.
    const fromSpans = await hc('rows=party&cols=leadership');
    expect(fromSpans.total).toBe(4);
    expect(grid(fromSpans.cells)['probationary/none']).toBe(1);
  });
});
