// COPY text lines for one generated person, appended to a batch per table.
import {
  SPAN_COLUMNS,
  MOVEMENT_COLUMNS,
  spanValues,
  movementValues,
} from '../src/modules/analytics/refresh.repository.ts';
import type { GeneratedPerson } from './analytics.people.ts';

export const EMPLOYEE_COLUMNS = [
  'id',
  'person_id',
  'full_name',
  'search_name',
  'sort_key',
  'birth_date',
  'sex',
  'ethnic_code',
  'religion_code',
  'category',
  'status',
  'managing_unit_id',
  'working_unit_id',
  'rank_code',
  'salary_group',
  'salary_step',
  'salary_coefficient',
  'position_title',
  'job_position_id',
  'record',
  'action_count',
  'created_at',
  'updated_at',
] as const;
export const COPY_TABLES: Record<string, string> = {
  employees: EMPLOYEE_COLUMNS.join(', '),
  personnel_actions:
    'id, employee_id, seq, type, effective_date, decision_no, payload, recorded_at, recorded_by',
  analytics_spans: SPAN_COLUMNS,
  analytics_movements: MOVEMENT_COLUMNS,
  analytics_refreshed: 'employee_id, projection_updated_at, action_count',
};

export interface Batch {
  tables: Record<string, string>;
  people: number;
  actions: number;
  spans: number;
  movements: number;
  latest: number;
}

const SPECIAL = /[\\\t\n\r]/;
/** COPY text format: tab-separated, \N for null, backslash escapes. */
export function line(values: unknown[]): string {
  let out = '';
  for (const [k, v] of values.entries()) {
    if (k) out += '\t';
    if (v === null || v === undefined) {
      out += '\\N';
      continue;
    }
    const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    out += SPECIAL.test(s)
      ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
      : s;
  }
  return `${out}\n`;
}

export function copyLines(b: Batch, p: GeneratedPerson): void {
  const add = (t: string, s: string) => (b.tables[t] = (b.tables[t] ?? '') + s);
  const e = p.employee;
  add(
    'employees',
    line([...EMPLOYEE_COLUMNS.slice(0, -2).map((k) => e[k as keyof typeof e]), p.updatedAt, p.updatedAt]),
  );
  for (const a of p.entries)
    add(
      'personnel_actions',
      line([
        a.id,
        p.id,
        a.seq,
        a.type,
        a.effectiveDate,
        a.decisionNo,
        a.payload,
        a.recordedAt,
        'system:bench',
      ]),
    );
  for (const s of p.spans) add('analytics_spans', line(spanValues(p.id, s)));
  for (const m of p.movements) add('analytics_movements', line(movementValues(p.id, m)));
  add('analytics_refreshed', line([p.id, p.updatedAt, p.entries.length]));
  b.people++;
  b.actions += p.entries.length;
  b.spans += p.spans.length;
  b.movements += p.movements.length;
  b.latest = Math.max(b.latest, p.updatedAt.getTime());
}
