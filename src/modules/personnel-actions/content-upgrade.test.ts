// Migration 0015 on both engines: a database whose ledgers hold declarations of the old key/value shape
// is upgraded; every old value is then read in a typed field (as a person reads it) or in the row's
// notes, on the current record and on a past date, and the ledger is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { displayRow, displayValue, vnDate } from '../../../api/record/display.ts';
import { findRowKind } from '../../../api/record/spec.ts';
import type { HistoryRow } from '../../../api/employees.ts';
import { reference } from '../catalogs/index.ts';
import { createEmployee, getRecord, upgradeRecordContent } from './index.ts';
import { insertActions, nextActionIds } from './personnel-actions.repository.ts';

type Old = { group: string; kind: string; data: Record<string, string | number | boolean> };
const OLD: Old[] = [
  {
    group: 'family',
    kind: 'father',
    data: { fullName: 'Trần Văn Cha', birthYear: 1960, occupation: 'Nông dân', hobby: 'câu cá' },
  },
  {
    group: 'family',
    kind: 'spouse',
    data: { name: 'Lê Thị Vợ', born: 1991, workplace: 'Trường THCS Ba Đình' },
  },
  {
    group: 'political',
    kind: 'party_member',
    data: { organisation: 'Đảng Cộng sản Việt Nam', joinedOn: '2016-05-19' },
  },
  {
    group: 'military',
    kind: 'service',
    data: { enlisted: '2008-02-01', discharged: '2010-02-01', rank: 'Hạ sĩ' },
  },
  {
    group: 'health',
    kind: 'health_status',
    data: { status: 'Tốt', heightCm: 165, weightKg: 58, bloodType: 'A' },
  },
  { group: 'health', kind: 'general', data: { bloodType: 'B', note: 'dị ứng penicillin' } },
  { group: 'personalHistory', kind: 'work', data: { place: 'Sở Tư pháp', years: '2012-2015' } },
  {
    group: 'assets',
    kind: 'house',
    data: { description: 'Nhà 3 tầng', value: 2500000000, declaredYear: 2024 },
  },
  { group: 'identity', kind: 'address', data: { currentAddress: 'Số 5 phố Huế, Hà Nội', nickname: 'Út' } },
];
const DECLARED_ON = '2020-03-01';

/** How a person reads an old value once typed: dates as dd/mm/yyyy, codes by name, enums by label. */
function readableIn(row: HistoryRow, key: string, v: unknown): boolean {
  const look = {
    catalogName: (c: string, code: string) =>
      reference().names[c as keyof ReturnType<typeof reference>['names']]?.get(code),
    unitName: () => undefined,
  };
  const shown = displayRow(row.kind, row.data, look).map((f) => f.value);
  const spec = findRowKind(row.kind);
  const asTyped = spec?.fields.map((f) => displayValue(f, row.data[f.key], look)) ?? [];
  const texts = [String(v), typeof v === 'string' ? vnDate(v) : ''];
  const inField =
    Object.entries(row.data).some(([k, x]) => k !== 'notes' && x === v) ||
    [...shown, ...asTyped].some((s) => texts.includes(s));
  const inNotes = String(row.data.notes ?? '').includes(`${key}: ${String(v)}`);
  return inField || inNotes;
}

describe.each(ENGINES)('migration of old declarations to the typed content on %s', (engine) => {
  let d: Database;
  let id: string;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    const w = await buildWorld(ctx);
    id = (await createEmployee(ctx, recruitBody(w.hanoiHome))).id;
    // The old shapes, written to the ledger as the earlier version did (no content rules then).
    const ids = await nextActionIds(d.db, OLD.length);
    await insertActions(
      d.db,
      OLD.map((o, i) => ({
        id: ids[i]!,
        employee_id: id,
        seq: i + 2,
        type: 'declare',
        effective_date: DECLARED_ON,
        payload: JSON.stringify(o),
        recorded_at: new Date('2020-03-02T02:00:00Z'),
        recorded_by: 'acct-old',
        request_id: 'old',
      })),
    );
    await sql`UPDATE employees SET content_version = 1, action_count = ${OLD.length + 1} WHERE id = ${id}`.execute(
      d.db,
    );
  });
  afterAll(async () => d?.close());

  it('folds the record again, reports what it mapped and kept, and leaves the ledger as it was', async () => {
    const before = await sql<{ n: number; h: string }>`
      SELECT count(*)::int AS n, md5(string_agg(payload::text, '|' ORDER BY seq)) AS h
      FROM personnel_actions WHERE employee_id = ${id}`.execute(d.db);
    const report = await upgradeRecordContent(d.db, TEST_NOW);
    expect(report).toEqual({ records: 1, oldRows: 9, mapped: 4, partlyInNotes: 4, wholeInNotes: 1 });
    const after = await sql<{ n: number; h: string }>`
      SELECT count(*)::int AS n, md5(string_agg(payload::text, '|' ORDER BY seq)) AS h
      FROM personnel_actions WHERE employee_id = ${id}`.execute(d.db);
    expect(after.rows).toEqual(before.rows);
    expect((await upgradeRecordContent(d.db, TEST_NOW)).records).toBe(0);
    const v = await sql<{ v: number }>`SELECT content_version AS v FROM employees WHERE id = ${id}`.execute(
      d.db,
    );
    expect(v.rows[0]!.v).toBe(2);
  });

  it.each(['current', 'asOf'] as const)(
    'finds every old value in a typed field or in notes (%s)',
    async (when) => {
      const ctx = testCtx(d);
      const rec = await getRecord(ctx, id, when === 'asOf' ? { asOf: '2021-01-01' } : {});
      for (const o of OLD) {
        const rows = rec.groups[o.group as keyof typeof rec.groups].filter(
          (r) => r.validFrom === DECLARED_ON && r.actionType === 'declare',
        );
        for (const [key, value] of Object.entries(o.data)) {
          const found = rows.some((r) => readableIn(r, key, value));
          expect(found, `${o.group}/${o.kind}.${key} = ${String(value)} in ${JSON.stringify(rows)}`).toBe(
            true,
          );
        }
        // Every row is of a kind the content schema knows.
        for (const r of rows) expect(findRowKind(r.kind), r.kind).toBeDefined();
      }
      const father = rec.groups.family.find((r) => r.data.relationship === 'CHA');
      expect(father?.data).toMatchObject({
        fullName: 'Trần Văn Cha',
        birthYear: 1960,
        notes: 'hobby: câu cá',
      });
      expect(rec.groups.political[0]?.data).toMatchObject({
        organisationKind: 'DANG',
        joinedOn: '2016-05-19',
      });
      expect(rec.groups.military[0]?.data).toMatchObject({ enlistedOn: '2008-02-01', highestRankCode: 'HS' });
      expect(rec.identity).toMatchObject({ currentAddress: 'Số 5 phố Huế, Hà Nội' });
    },
  );

  it('stores the same record as a fold of the ledger today', async () => {
    const stored = await sql<{
      record: { groups: unknown };
    }>`SELECT record FROM employees WHERE id = ${id}`.execute(d.db);
    const folded = await getRecord(testCtx(d), id, {});
    expect(stored.rows[0]!.record.groups).toEqual(folded.groups);
  });
});
