// Bulk import on both engines: the template round trip gives the records createEmployee gives; a file
// with bad rows is reported row by row and writes nothing (unless validOnly); a second import of the
// same file writes nothing; changed identity data becomes a correction; scope is enforced; CSV quoting
// and BOM, Vietnamese diacritics, Excel serial and text dates.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { userCtx } from '../../../test/helpers/actors.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { makePersonId } from '../../platform/person-id.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { COLUMNS, headerOf, runImport } from './index.ts';
import { openRows } from './read.ts';

type Cells = Record<string, string | number | Date>;
let serial = 500_000;

function person(over: Cells = {}): Cells {
  const birth = '1988-04-09';
  return {
    personId: makePersonId('01', { birthDate: birth, sex: 'F' }, serial++),
    fullName: 'Lê Thị Ánh Tuyết',
    birthDate: '09/04/1988',
    sex: 'Nữ',
    ethnicCode: '01',
    religionCode: '00',
    hometown: 'Xã Phù Đổng, Hà Nội',
    category: 'civil_servant',
    managingUnitCode: 'T01-SNV',
    workingUnitCode: 'T01-SNV',
    rankCode: '01.003',
    salaryStep: 2,
    recruitDate: '01/03/2015',
    decisionNo: '45/QĐ-UBND',
    decisionDate: '20/02/2015',
    signerName: 'Trần Văn Ký',
    issuingBody: 'UBND thành phố Hà Nội',
    ...over,
  };
}

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function csv(rows: Cells[]): Buffer {
  const lines = [COLUMNS.map((c) => q(headerOf(c))).join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => q(String(r[c.key] ?? ''))).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);
}
const file = (name: string, bytes: Buffer) => ({ name, open: () => Readable.from([bytes]) });

async function counts(d: Database) {
  const n = async (t: 'employees' | 'personnel_actions' | 'audit_events') =>
    Number(
      (
        await d.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    employees: await n('employees'),
    ledger: await n('personnel_actions'),
    audit: await n('audit_events'),
  };
}

/** A record with what differs between two people by construction (ids, ID number, decision) blanked. */
function comparable(rec: unknown): unknown {
  return JSON.parse(
    JSON.stringify(rec)
      .replace(/"\d+(\.\d+)?"/g, '"#"')
      .replace(/"(id|actionId|personId|decisionNo)":("[^"]*"|\d+)/g, '"$1":"#"'),
  );
}

describe.each(ENGINES)('bulk import on %s', (engine) => {
  let d: Database;
  let w: World;
  let sys: Ctx;
  let app: FastifyInstance;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    w = await buildWorld(sys);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('template round trip: 3 rows filled in the downloaded XLSX give what createEmployee gives', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/imports/template?format=xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names[0]).toBe('Hồ sơ');
    expect(names).toEqual(expect.arrayContaining(['Thành viên gia đình', 'Hướng dẫn', 'Danh sách']));
    const sheet = wb.getWorksheet('Hồ sơ')!;
    expect(sheet.getCell('A1').value).toBe('Số định danh cá nhân *');
    expect(sheet.getCell('A2').value).toBe('personId');
    expect(sheet.getRow(2).hidden).toBe(true);
    const people = [person(), person({ fullName: 'Phạm Văn Đức', sex: 'Nam' }), person({ salaryStep: 1 })];
    people[1]!.personId = makePersonId('01', { birthDate: '1988-04-09', sex: 'M' }, serial++);
    people.forEach((p, i) => {
      sheet.getRow(3 + i).values = COLUMNS.map((c) => p[c.key] ?? null);
    });
    // exceljs expands the drop-down lists to one entry per cell when it loads a file and takes seconds to
    // write them back; a spreadsheet program keeps them as ranges. The test drops them before saving.
    for (const ws of wb.worksheets)
      (ws as unknown as { dataValidations: { model: object } }).dataValidations.model = {};
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { fileName: 'mau.xlsx', content: bytes.toString('base64') },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ status: 'done', format: 'xlsx', rows: 3, created: 3, invalid: 0 });
    const stored = await d.db
      .selectFrom('employees')
      .select(['person_id', 'record'])
      .where(
        'person_id',
        'in',
        people.map((p) => String(p.personId)),
      )
      .execute();
    expect(stored).toHaveLength(3);
    const first = stored.find((s) => s.person_id === people[0]!.personId)!;
    const body = recruitBody(w.hanoiHome, {
      fullName: 'Lê Thị Ánh Tuyết',
      birthDate: '1988-04-09',
      hometown: 'Xã Phù Đổng, Hà Nội',
      effectiveDate: '2015-03-01',
      rankCode: '01.003',
      salaryStep: 2,
    });
    body.decision = { ...body.decision!, date: '2015-02-20' };
    const made = await createEmployee(sys, body);
    expect(comparable(first.record)).toEqual(comparable(made));
  });

  it('bad rows: the report names row, field and reason, and nothing is written', async () => {
    const before = await counts(d);
    const rows = [
      person(),
      person({ birthDate: '31/02/1990' }),
      person({ ethnicCode: '99' }),
      person({ managingUnitCode: 'KHONG-CO' }),
      person(),
    ];
    rows[4]!.personId = rows[0]!.personId!;
    const job = await runImport(sys, file('loi.csv', csv(rows)));
    expect(job).toMatchObject({ status: 'rejected', rows: 5, invalid: 4, created: 0 });
    expect(job.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'birthDate'],
      [4, 'ethnicCode'],
      [5, 'managingUnitCode'],
      [6, 'personId'],
    ]);
    expect(job.issues[3]!.reason).toBe('Trùng số định danh với dòng 2');
    expect(job.issues.every((i) => i.reason.length > 0)).toBe(true);
    expect(await counts(d)).toEqual(before);
    const report = await app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}/report` });
    expect(report.statusCode).toBe(200);
    // The problems quote the rows' values: reading them is audited.
    const read = await d.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', job.id)
      .where('action', '=', 'import.read')
      .execute();
    expect(read).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const errors = wb.getWorksheet('Lỗi')!;
    // The report names the sheet and the column's header, never a field key.
    expect(errors.getRow(2).values).toEqual([
      undefined,
      'Hồ sơ',
      3,
      'Ngày, tháng, năm sinh',
      '31/02/1990',
      'Ngày không hợp lệ (cần dd/mm/yyyy)',
    ]);
    expect(errors.rowCount).toBe(5);

    const valid = await runImport(sys, file('loi.csv', csv(rows)), { validOnly: true });
    expect(valid).toMatchObject({ status: 'done', created: 1, invalid: 4 });
    const after = await counts(d);
    expect(after.employees).toBe(before.employees + 1);
  });

  it('a second import of the same file writes nothing; changed identity data becomes a correction', async () => {
    const rows = [person(), person(), person()];
    const bytes = csv(rows);
    expect(await runImport(sys, file('a.csv', bytes))).toMatchObject({ status: 'done', created: 3 });
    const before = await counts(d);
    const again = await runImport(sys, file('a.csv', bytes));
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    expect(await counts(d)).toEqual(before);

    rows[1] = { ...rows[1]!, fullName: 'Lê Thị Ánh Hồng', hometown: 'Phường Hoàn Kiếm, Hà Nội' };
    const changed = await runImport(sys, file('b.csv', csv(rows)));
    expect(changed).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 2 });
    const rec = await d.db
      .selectFrom('employees')
      .select(['full_name', 'record', 'action_count'])
      .where('person_id', '=', String(rows[1]!.personId))
      .executeTakeFirstOrThrow();
    expect(rec.full_name).toBe('Lê Thị Ánh Hồng');
    expect(rec.action_count).toBe(2);
    expect(await runImport(sys, file('b.csv', csv(rows)))).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it('refuses rows outside the operator’s subtree, and changes they may not write directly', async () => {
    const officer = await userCtx(d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] });
    const tq = person({ managingUnitCode: 'T08', workingUnitCode: 'T08' });
    const elsewhere = recruitBody(w.tuyenquang);
    await createEmployee(sys, elsewhere);
    const known = person({ fullName: 'Tên Khác Hẳn' });
    known.personId = elsewhere.payload.identity.personId;
    known.birthDate = '17/05/1990';
    const before = await counts(d);
    const job = await runImport(officer, file('ngoai.csv', csv([tq, known, person()])));
    expect(job.status).toBe('rejected');
    expect(job.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'managingUnitCode'],
      [2, 'workingUnitCode'],
      [3, 'personId'],
    ]);
    expect(job.conflicts).toBe(1);
    expect(await counts(d)).toEqual(before);
    const ok = await runImport(officer, file('trong.csv', csv([person()])));
    expect(ok).toMatchObject({ status: 'done', created: 1 });
    const audit = await d.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id', 'role'])
      .where('actor', '=', officer.actor.id)
      .where('action', '=', 'employee.create')
      .execute();
    expect(audit).toEqual([
      { action: 'employee.create', subject_id: expect.any(String), role: 'hr_officer' },
    ]);
  });

  it('reads CSV with BOM, quoted commas and line breaks, diacritics; XLSX serial and text dates', async () => {
    const tricky = person({
      fullName: 'Nguyễn Thị "Út" Hường',
      permanentAddress: 'Số 1, ngõ 2, phố Huế\nQuận Hai Bà Trưng, Hà Nội',
    });
    const job = await runImport(sys, file('dau.csv', csv([tricky])), { dryRun: true });
    expect(job).toMatchObject({ status: 'checked', created: 1, invalid: 0 });
    await runImport(sys, file('dau.csv', csv([tricky])));
    const rec = await d.db
      .selectFrom('employees')
      .select(['full_name', 'record'])
      .where('person_id', '=', String(tricky.personId))
      .executeTakeFirstOrThrow();
    expect(rec.full_name).toBe('Nguyễn Thị "Út" Hường');
    expect((rec.record as { identity: { permanentAddress: string } }).identity.permanentAddress).toBe(
      'Số 1, ngõ 2, phố Huế\nQuận Hai Bà Trưng, Hà Nội',
    );

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(COLUMNS.map(headerOf));
    const serialDates = person({ birthDate: 32242, recruitDate: 42064, decisionDate: '20/02/2015' }); // 1988-04-09, 2015-03-01
    const realDates = person({ birthDate: new Date(Date.UTC(1988, 3, 9)), recruitDate: '2015-03-01' });
    for (const p of [serialDates, realDates]) ws.addRow(COLUMNS.map((c) => p[c.key] ?? null));
    const x = await runImport(sys, file('ngay.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(x).toMatchObject({ status: 'done', created: 2, invalid: 0 });
    const born = await d.db
      .selectFrom('employees')
      .select(['birth_date'])
      .where('person_id', 'in', [String(serialDates.personId), String(realDates.personId)])
      .execute();
    expect(born.map((b) => b.birth_date)).toEqual(['1988-04-09', '1988-04-09']);
  });

  it('refuses a file that is not a spreadsheet of this template, before writing anything', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { fileName: 'x.csv', content: Buffer.from('a,b\n1,2\n').toString('base64') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('header/personId');
    const zip = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { fileName: 'x.xlsx', content: Buffer.from('PK\u0003\u0004garbage').toString('base64') },
    });
    expect(zip.statusCode).toBe(415);
    const list = await app.inject({ method: 'GET', url: '/api/v1/imports' });
    expect(list.json().every((j: { fileName: string }) => j.fileName !== 'x.csv')).toBe(true);
  });
});

describe('reading XLSX', () => {
  it('keeps Vietnamese letters whole where the stream splits them between chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(COLUMNS.map(headerOf));
    const text = (i: number) => `${'Nguyễn Thị Hường Ữ'.repeat(12)} ${i}`;
    for (let i = 0; i < 800; i++) ws.addRow(COLUMNS.map((c) => (c.key === 'hometown' ? text(i) : 'Nữ')));
    for (const shared of [true, false]) {
      const bytes = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: shared }));
      const rows = await openRows(Readable.from([bytes]), 'xlsx');
      let n = 0;
      for await (const r of rows) {
        expect(r.cells.hometown).toBe(text(n));
        expect(r.cells.sex).toBe('Nữ');
        n++;
      }
      expect(n).toBe(800);
    }
  });
});
