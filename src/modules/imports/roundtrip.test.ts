// The XLSX layout round-trips (issue 15): 1,000 generated people, every declarable kind filled for most
// of them, typed into the layout as a person would (names in the drop-down columns, real dates), are
// imported, exported and compared cell by cell; importing the export again changes nothing. A bad name
// in a drop-down column and a broken rule between fields are reported by sheet, row and header, and
// nothing of that person is written. Both engines.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, type World } from '../../../test/helpers/fixtures.ts';
import { DECLARED } from '../../../test/helpers/full-record.ts';
import type { FastifyInstance } from 'fastify';
import type { FieldSpec } from '../../../api/record/fields.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { makePersonId } from '../../platform/person-id.ts';
import { reference } from '../catalogs/index.ts';
import { KIND_SHEETS, SHEETS, runImport } from './index.ts';
import { openRows, type Cell } from './read.ts';
import { FIRST_DATA_ROW, layoutWorkbook } from './template.ts';

const PEOPLE = 1000;
type Data = Record<string, unknown>;

/** A value as a person types it, written independently of the import's own mapping (cells.ts). */
function typed(f: FieldSpec, v: unknown): string | number | Date | null {
  if (v === undefined || v === null) return null;
  // "!text": typed as it is, whatever the column (a name that is not in the list).
  if (typeof v === 'string' && v.startsWith('!')) return v.slice(1);
  if (f.type === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (f.type === 'boolean') return v ? 'Có' : 'Không';
  if (f.type === 'enum') return f.options!.find((o) => o.value === v)!.label;
  if (f.type === 'code') return reference().names[f.catalog!].get(String(v))!;
  if (f.type === 'rank') return reference().ranks.get(String(v))!.name;
  return v as string | number;
}

interface Person {
  values: Data;
  rows: { kind: string; data: Data }[];
}

/** Person i: identity and recruitment, and (for two in three) a row of every declarable kind. */
function generate(i: number, w: World, unitCode: string): Person {
  const sex = i % 2 ? 'F' : 'M';
  const year = 1965 + (i % 25); // 18 or older on recruitment (2015)
  const birthDate = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const publicEmployee = i % 5 === 0;
  const values: Data = {
    personId: makePersonId('01', { birthDate, sex }, 300_000 + i),
    fullName: `NGUYỄN ${sex === 'F' ? 'THỊ' : 'VĂN'} HƯỜNG ${i}`,
    birthDate,
    sex,
    ethnicCode: ['01', '02', '04'][i % 3],
    religionCode: ['00', '01'][i % 2],
    birthPlaceProvince: ['01', '25', '79'][i % 3],
    hometownProvince: '01',
    hometownCommune: `Xã Phù Đổng ${i}`,
    permanentAddress: `Số ${i}, phố Huế, Hà Nội`,
    phone: `09${String(10_000_000 + i)}`,
    socialInsuranceNo: String(1_000_000_000 + i),
    category: publicEmployee ? 'public_employee' : 'civil_servant',
    managingUnitCode: unitCode,
    workingUnitCode: unitCode,
    positionTitle: 'Chuyên viên',
    rankCode: publicEmployee ? 'V.07.01.03' : '01.003',
    salaryStep: 1 + (i % 3),
    form: 'Thi tuyển',
    recruitDate: '2015-03-01',
    decisionNo: `${i}/QĐ-UBND`,
    decisionDate: '2015-02-20',
    signerName: 'Trần Văn Ký',
    signerTitle: 'Chủ tịch',
    issuingBody: 'UBND thành phố Hà Nội',
  };
  const rows: { kind: string; data: Data }[] = [];
  for (const s of KIND_SHEETS) {
    if (i % 3 === 0 && !['member', 'language', 'membership', 'health_status'].includes(s.kind)) continue;
    const data: Data = { ...DECLARED[s.kind], validFrom: '2025-06-01' };
    if (s.kind === 'member') Object.assign(data, { fullName: `Nguyễn Văn Bình ${i}`, birthYear: year - 28 });
    if (s.kind === 'concurrent_post') data.workingUnitId = w.hanoiHome;
    rows.push({ kind: s.kind, data });
  }
  rows.push({
    kind: 'member',
    data: {
      relationship: 'CON',
      fullName: `Nguyễn Minh An ${i}`,
      birthYear: 2019,
      deceased: false,
      validFrom: '2025-06-02',
    },
  });
  return { values, rows };
}

/** The layout's workbook filled with these people, as bytes. */
async function fill(people: Person[], codeOf: (id: number) => string): Promise<Buffer> {
  const { wb, sheets } = layoutWorkbook();
  const next = new Map(SHEETS.map((s) => [s.kind, FIRST_DATA_ROW]));
  const put = (kind: string, cells: (string | number | Date | null)[]) => {
    const n = next.get(kind)!;
    sheets.get(kind)!.getRow(n).values = cells;
    next.set(kind, n + 1);
  };
  for (const p of people) {
    put(
      'person',
      SHEETS[0]!.columns.map((c) =>
        c.field.type === 'unit' ? (p.values[c.key] as string) : typed(c.field, p.values[c.key]),
      ),
    );
    for (const r of p.rows) {
      const s = KIND_SHEETS.find((k) => k.kind === r.kind)!;
      put(
        r.kind,
        s.columns.map((c) =>
          c.key === 'personId'
            ? (p.values.personId as string)
            : c.field.type === 'unit'
              ? r.data[c.key] === undefined
                ? null
                : codeOf(r.data[c.key] as number)
              : typed(c.field, r.data[c.key]),
        ),
      );
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every data row of a file as "sheet|cell|cell|…" strings, per person, read by the streaming reader. */
async function cellsOf(bytes: Buffer, ids: Set<string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const norm = (v: Cell | undefined) =>
    v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  for await (const r of await openRows(Readable.from([bytes]), 'xlsx')) {
    const pid = String(r.cells.personId);
    if (!ids.has(pid)) continue;
    const line = [r.sheet.name, ...r.sheet.columns.map((c) => norm(r.cells[c.key]))].join('|');
    out.set(pid, [...(out.get(pid) ?? []), line]);
  }
  for (const v of out.values()) v.sort();
  return out;
}

describe.each(ENGINES)('the XLSX layout on %s', (engine) => {
  let d: Database;
  let w: World;
  let sys: Ctx;
  let app: FastifyInstance;
  let codeOf: (id: number) => string;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    w = await buildWorld(sys);
    app = await testApp(d);
    const units = await d.db.selectFrom('org_units').select(['id', 'code']).execute();
    codeOf = (id) => units.find((u) => Number(u.id) === id)!.code;
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it(`round-trips ${PEOPLE} people: fill, import, export, compare every cell; import again changes nothing`, async () => {
    const people = Array.from({ length: PEOPLE }, (_, i) => generate(i, w, codeOf(w.hanoiHome)));
    const t0 = Date.now();
    const bytes = await fill(people, codeOf);
    const t1 = Date.now();
    const job = await runImport(sys, { name: 'tron-bo.xlsx', open: () => Readable.from([bytes]) });
    const t2 = Date.now();
    expect(job.issues.slice(0, 5)).toEqual([]);
    const declared = people.reduce((n, p) => n + p.rows.length, 0);
    expect(job).toMatchObject({ status: 'done', created: PEOPLE, invalid: 0, rows: PEOPLE + declared });

    // What was written is the generated content (read from the record, not through the export).
    const first = await d.db
      .selectFrom('employees')
      .select(['record', 'action_count'])
      .where('person_id', '=', people[1]!.values.personId as string)
      .executeTakeFirstOrThrow();
    const rec = first.record as { groups: Record<string, { kind: string; data: Data; validFrom: string }[]> };
    expect(first.action_count).toBe(1 + people[1]!.rows.length);
    const mem = rec.groups.political!.find((r) => r.kind === 'membership')!;
    expect(mem).toMatchObject({ validFrom: '2025-06-01', data: DECLARED.membership });
    expect(rec.groups.movements!.find((r) => r.kind === 'concurrent_post')!.data.workingUnitId).toBe(
      w.hanoiHome,
    );

    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/export?unitId=${w.hanoi}` });
    const t3 = Date.now();
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const exported = res.rawPayload;
    const ids = new Set(people.map((p) => p.values.personId as string));
    const [filled, out] = [await cellsOf(bytes, ids), await cellsOf(exported, ids)];
    expect(out.size).toBe(PEOPLE);
    let cells = 0;
    for (const [pid, lines] of filled) {
      expect(out.get(pid), pid).toEqual(lines);
      cells += lines.reduce((n, l) => n + l.split('|').length - 1, 0);
    }
    const audit = await d.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'employee.export')
      .executeTakeFirstOrThrow();
    expect((audit.details as { count: number }).count).toBeGreaterThanOrEqual(PEOPLE);

    const again = await runImport(sys, { name: 'xuat.xlsx', open: () => Readable.from([exported]) });
    const t4 = Date.now();
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, invalid: 0 });
    expect(again.unchanged).toBeGreaterThanOrEqual(PEOPLE);
    console.log(
      `${engine}: ${PEOPLE} people, ${declared} declared rows, ${cells} cells compared; fill ${t1 - t0} ms, import ${t2 - t1} ms, export ${t3 - t2} ms, re-import ${t4 - t3} ms`,
    );
  }, 240_000);

  it('a bad name in a drop-down column: the report names the sheet, the row and the header', async () => {
    const p = generate(5000, w, codeOf(w.hanoiHome));
    p.rows = [
      {
        kind: 'member',
        data: { relationship: '!Bố nuôi của hàng xóm', fullName: 'Lê Văn Tâm', validFrom: '2025-06-01' },
      },
    ];
    const bytes = await fill([p], codeOf);
    const before = await d.db
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const job = await runImport(sys, { name: 'sai-ten.xlsx', open: () => Readable.from([bytes]) });
    expect(job).toMatchObject({ status: 'rejected', invalid: 1, created: 0 });
    expect(job.issues).toEqual([
      {
        sheet: 'Thành viên gia đình',
        row: 3,
        field: 'relationship',
        column: 'Quan hệ',
        value: 'Bố nuôi của hàng xóm',
        reason: '"Bố nuôi của hàng xóm" không có trong danh sách chọn của cột',
      },
    ]);
    const after = await d.db
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('a broken rule between fields on a kind’s sheet: reported in Vietnamese, nothing of that person written', async () => {
    const bad = generate(6000, w, codeOf(w.hanoiHome));
    bad.rows = [
      { kind: 'language', data: { ...DECLARED.language, validFrom: '2025-06-01' } },
      {
        kind: 'membership',
        data: {
          organisationKind: 'DANG',
          joinedOn: '2020-05-19',
          officialOn: '2020-09-01',
          validFrom: '2025-06-01',
        },
      },
    ];
    const good = generate(6001, w, codeOf(w.hanoiHome));
    good.rows = [{ kind: 'language', data: { ...DECLARED.language, validFrom: '2025-06-01' } }];
    const bytes = await fill([bad, good], codeOf);
    const strict = await runImport(sys, { name: 'quy-tac.xlsx', open: () => Readable.from([bytes]) });
    expect(strict).toMatchObject({ status: 'rejected', created: 0 });
    const rule = strict.issues.find((i) => i.field === 'officialOn')!;
    expect(rule).toMatchObject({ sheet: 'Tổ chức chính trị - xã hội', row: 3, column: 'Ngày chính thức' });
    expect(rule.reason).toMatch(/sau ngày kết nạp ít nhất 12 tháng.*quy tắc: đảng viên chính thức/);
    // Only the valid rows: the good person is written; of the bad one nothing, not even their recruitment
    // or their (valid) language row, which were read before the broken rule.
    const some = await runImport(
      sys,
      { name: 'quy-tac.xlsx', open: () => Readable.from([bytes]) },
      { validOnly: true },
    );
    expect(some).toMatchObject({ status: 'done', created: 1 });
    expect(some.issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['Hồ sơ', 3, 'Số định danh cá nhân'],
      ['Ngoại ngữ', 3, 'Số định danh cá nhân'],
      ['Tổ chức chính trị - xã hội', 3, 'Ngày chính thức'],
    ]);
    const written = await d.db
      .selectFrom('employees')
      .select(['person_id', 'action_count'])
      .where('person_id', 'in', [bad.values.personId as string, good.values.personId as string])
      .execute();
    expect(written).toEqual([{ person_id: good.values.personId, action_count: 2 }]);
  });
});
