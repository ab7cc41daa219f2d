// Synthetic people for the analytics bench: a ledger per person (recruitment with a degree, salary
// steps, the 2025 merger transfer for provincial staff, some retirements and resignations), the stored
// projection folded by the production fold, and the analytics spans cut by the production cutter.
import { randomUUID } from 'node:crypto';
import { project, projectionRow, type LedgerEntry } from '../src/modules/employees/index.ts';
import type { ERecord } from '../api/employees.ts';
import { nameSortKey, searchKey } from '../src/platform/text.ts';
import { cutSpans, type Movement, type Span } from '../src/modules/analytics/spans.ts';
import { reference } from '../src/modules/catalogs/index.ts';
import { addMonths } from '../src/modules/analytics/rules.ts';
import { makePersonId } from '../src/platform/person-id.ts';
import { personName, rng } from '../src/demo/names.ts';
import type { ActionType } from '../api/actions.ts';
import { MERGER, type BenchWorld } from './analytics.world.ts';

export const TODAY = '2026-11-20';
const RANKS: [string, number][] = [
  ['01.003', 0.55],
  ['01.002', 0.15],
  ['01.004', 0.1],
  ['01.005', 0.2],
];

export interface GeneratedPerson {
  id: string;
  entries: LedgerEntry[];
  employee: ReturnType<typeof projectionRow>;
  spans: Span[];
  movements: Movement[];
  updatedAt: Date;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
const plusYears = (s: string, y: number) => addMonths(s, 12 * y);

const keys = new Map<string, [string, string]>();
/** projectionRow with the name keys memoised (names repeat; computing them was a third of the time). */
function employeeRow(rec: ERecord, actionCount: number): ReturnType<typeof projectionRow> {
  let k = keys.get(rec.fullName);
  if (!k) keys.set(rec.fullName, (k = [` ${searchKey(rec.fullName)} `, nameSortKey(rec.fullName)]));
  const empty = { ...rec, fullName: '' };
  return {
    ...projectionRow(empty, actionCount),
    full_name: rec.fullName,
    search_name: k[0],
    sort_key: k[1],
    record: JSON.stringify(rec),
  };
}

export class BenchPeople {
  constructor(private readonly world: BenchWorld) {}

  person(i: number): GeneratedPerson {
    const r = rng(i + 1);
    const w = this.world;
    const inProvince = r() < 0.78;
    const sex = r() < 0.52 ? 'F' : 'M';
    const birth = iso(new Date(day('1964-01-01') + Math.floor(r() * 14_600) * 86_400_000));
    let recruit = plusYears(birth, 22 + Math.floor(r() * 13));
    if (recruit > '2026-10-31') recruit = plusYears(birth, 22);
    if (recruit.endsWith('-07-01')) recruit = `${recruit.slice(0, 8)}02`;
    const pu = inProvince ? w.provinceUnits[Math.floor(r() * w.provinceUnits.length)]! : undefined;
    const mu = pu ? undefined : w.ministryUnits[Math.floor(r() * w.ministryUnits.length)]!;
    const target = pu?.unit ?? mu!;
    const first = pu && recruit < MERGER ? pu.oldUnits[Math.floor(r() * pu.oldUnits.length)]! : target;
    const x = r();
    const category = pu?.isCommune
      ? x < 0.4
        ? 'cadre'
        : x < 0.9
          ? 'civil_servant'
          : 'worker'
      : x < 0.6
        ? 'civil_servant'
        : x < 0.9
          ? 'public_employee'
          : 'worker';
    let rankCode: string | undefined;
    if (category !== 'worker') {
      let y = r();
      rankCode = RANKS.find(([, p]) => (y -= p) < 0)?.[0] ?? '01.003';
    }
    const id = randomUUID();
    const actions: { type: ActionType; date: string; payload: Record<string, unknown> }[] = [];
    const identity = {
      personId: makePersonId(
        ['01', '79', '48'][Math.floor(i / 1_000_000)] ?? '31',
        { birthDate: birth, sex },
        i,
      ),
      fullName: personName(r, sex),
      birthDate: birth,
      sex,
      ethnicCode: r() < 0.12 ? '02' : '01',
      religionCode: '00',
      ...(r() < 0.9 ? { birthPlace: 'Hà Nội', hometown: 'Hà Nội', permanentAddress: 'Hà Nội' } : {}),
    };
    actions.push({
      type: 'recruit',
      date: recruit,
      payload: {
        identity,
        category,
        managingUnitId: first.id,
        workingUnitId: first.id,
        ...(rankCode ? { rankCode, salaryStep: 1 } : {}),
      },
    });
    actions.push({
      type: 'degree',
      date: recruit,
      payload: { kind: 'education', levelCode: r() < 0.2 ? 'THS' : 'DH', year: Number(recruit.slice(0, 4)) },
    });
    const e = r();
    let exit: { type: ActionType; date: string } | undefined;
    if (e < 0.1) {
      const from = Math.max(day(recruit) + 400 * 86_400_000, day('2015-01-01'));
      const date = iso(
        new Date(from + Math.floor(r() * Math.max(1, (day('2026-11-01') - from) / 86_400_000)) * 86_400_000),
      );
      if (date > recruit && date <= '2026-11-01') exit = { type: e < 0.08 ? 'retire' : 'resign', date };
    }
    const end = exit?.date ?? TODAY;
    if (rankCode) {
      const group = reference().ranks.get(rankCode)!.salaryGroup;
      const interval = group.startsWith('A') ? 3 : 2;
      for (
        let s = 2, at = plusYears(recruit, interval);
        s <= 4 && at < end;
        s++, at = plusYears(at, interval)
      )
        actions.push({ type: 'salary_step', date: at, payload: { salaryStep: s } });
    }
    if (first !== target && MERGER < end)
      actions.push({
        type: 'transfer',
        date: MERGER,
        payload: { workingUnitId: target.id, managingUnitId: target.id },
      });
    if (exit) actions.push({ type: exit.type, date: exit.date, payload: {} });
    actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const entries: LedgerEntry[] = actions.map((a, k) => ({
      // Up to 7 actions a person: ids are unique without a shared counter, so threads can generate.
      id: i * 8 + k + 1,
      seq: k + 1,
      type: a.type,
      effectiveDate: a.date,
      decisionNo: `${i}-${k + 1}/QĐ`,
      payload: a.payload,
      recordedAt: new Date(day(a.date) + 2 * 86_400_000 + (i % 86_400) * 1000),
    }));
    const rec = project(id, entries);
    const { spans, movements } = cutSpans(id, entries);
    return {
      id,
      entries,
      employee: employeeRow(rec, entries.length),
      spans,
      movements,
      updatedAt: entries[entries.length - 1]!.recordedAt,
    };
  }
}
