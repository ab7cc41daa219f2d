import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type {
  NewRestructuring,
  Restructuring,
  RestructuringListQuery,
  RestructuringResult,
} from '../../../api/restructuring.ts';

/** A person whose managing or working unit is one of the given units (active or on leave). */
export interface Affected {
  id: string;
  managingUnitId: number;
  workingUnitId: number;
  managingPath: string;
}

/** Who must be re-homed when these units close: people at work or on leave in them. */
export async function peopleIn(db: Queryable, unitIds: number[]): Promise<Affected[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('employees as e')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .select(['e.id', 'e.managing_unit_id', 'e.working_unit_id', 'm.path'])
    .where((eb) => eb.or([eb('e.managing_unit_id', 'in', unitIds), eb('e.working_unit_id', 'in', unitIds)]))
    .where('e.status', 'in', ['active', 'on_leave'])
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    managingUnitId: r.managing_unit_id,
    workingUnitId: r.working_unit_id,
    managingPath: r.path,
  }));
}

export async function insertRestructuring(
  db: Queryable,
  r: { input: NewRestructuring; result: RestructuringResult; at: Date; by: string; requestId: string },
): Promise<number> {
  const row = await db
    .insertInto('org_restructurings')
    .values({
      kind: r.input.kind,
      effective_date: r.input.effectiveDate,
      decision: JSON.stringify(r.input.decision),
      legal_basis: r.input.legalBasis ?? null,
      note: r.input.note ?? null,
      input: JSON.stringify(r.input),
      result: JSON.stringify(r.result),
      recorded_at: r.at,
      recorded_by: r.by,
      request_id: r.requestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const COLUMNS = [
  'id',
  'kind',
  'effective_date',
  'decision',
  'legal_basis',
  'note',
  'input',
  'result',
  'recorded_at',
  'recorded_by',
] as const;

type Row = {
  id: number;
  kind: Restructuring['kind'];
  effective_date: string;
  decision: Record<string, unknown>;
  legal_basis: string | null;
  note: string | null;
  input: Record<string, unknown>;
  result: Record<string, unknown>;
  recorded_at: Date;
  recorded_by: string;
};

const toRestructuring = (r: Row): Restructuring => ({
  id: r.id,
  kind: r.kind,
  effectiveDate: r.effective_date,
  decision: r.decision as Restructuring['decision'],
  legalBasis: r.legal_basis,
  note: r.note,
  input: r.input as Restructuring['input'],
  result: r.result as Restructuring['result'],
  recordedAt: new Date(r.recorded_at).toISOString(),
  recordedBy: r.recorded_by,
});

export async function findRestructuring(db: Queryable, id: number): Promise<Restructuring | undefined> {
  const r = await db.selectFrom('org_restructurings').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toRestructuring(r) : undefined;
}

export async function listRestructurings(db: Queryable, q: RestructuringListQuery): Promise<Restructuring[]> {
  let s = db.selectFrom('org_restructurings').select(COLUMNS);
  if (q.kind) s = s.where('kind', '=', q.kind);
  if (q.from) s = s.where('effective_date', '>=', q.from);
  if (q.to) s = s.where('effective_date', '<=', q.to);
  const rows = await s
    .orderBy('effective_date', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(toRestructuring);
}

/** Row counts that a failed operation must leave unchanged (used by the crash tests and the demo). */
export async function footprint(db: Queryable): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`
    SELECT (SELECT count(*) FROM org_units)::int AS units,
           (SELECT count(*) FROM org_unit_history)::int AS history,
           (SELECT count(*) FROM personnel_actions)::int AS actions,
           (SELECT count(*) FROM audit_events)::int AS audit,
           (SELECT count(*) FROM org_restructurings)::int AS restructurings`.execute(db);
  return r.rows[0]!;
}
