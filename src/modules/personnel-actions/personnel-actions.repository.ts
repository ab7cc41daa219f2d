import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { LedgerEntry } from '../employees/index.ts';
import type { ActionType } from '../../../api/actions.ts';
import type { PersonnelActionsTable } from '../../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';

export type ActionRow = Selectable<PersonnelActionsTable>;
export type NewActionRow = Insertable<PersonnelActionsTable> & { id: number };

/** Pre-allocates ledger ids, so that a projection can cite its actions before they are written. */
export async function nextActionIds(db: Queryable, n: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('personnel_actions', 'id'))::bigint AS id
    FROM generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

export async function insertActions(db: Queryable, rows: NewActionRow[]): Promise<void> {
  if (rows.length) await db.insertInto('personnel_actions').values(rows).execute();
}

/**
 * Bulk loading (demo seeding): a block of n consecutive ids in one round trip instead of n nextval
 * calls. The table is locked EXCLUSIVE until the transaction ends, so no insert can draw an id from
 * the sequence between our nextval and setval.
 */
export async function reserveActionIds(db: Queryable, n: number): Promise<number[]> {
  if (n === 0) return [];
  await sql`LOCK TABLE personnel_actions IN EXCLUSIVE MODE`.execute(db);
  const r = await sql<{ last: number }>`
    SELECT setval(pg_get_serial_sequence('personnel_actions', 'id'),
      nextval(pg_get_serial_sequence('personnel_actions', 'id')) + ${n} - 1)::bigint AS last`.execute(db);
  const first = Number(r.rows[0]!.last) - n + 1;
  return Array.from({ length: n }, (_, i) => first + i);
}

/**
 * Bulk loading: a whole batch as one JSON parameter (jsonb_populate_recordset) rather than 17 bind
 * parameters a row; `payload` is the object itself. Same columns and constraints as insertActions.
 */
export async function insertActionBatch(
  db: Queryable,
  rows: (Omit<NewActionRow, 'payload'> & { payload: unknown })[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`INSERT INTO personnel_actions
    SELECT * FROM jsonb_populate_recordset(NULL::personnel_actions, ${JSON.stringify(rows)}::jsonb)`.execute(
    db,
  );
}

export async function listActionRows(db: Queryable, employeeId: string): Promise<ActionRow[]> {
  return db
    .selectFrom('personnel_actions')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .orderBy('seq')
    .execute();
}

export const toEntry = (r: ActionRow): LedgerEntry => ({
  id: r.id,
  seq: r.seq,
  type: r.type as ActionType,
  effectiveDate: r.effective_date,
  decisionNo: r.decision_no,
  payload: r.payload,
  recordedAt: r.recorded_at,
});

/** Names of units as they were on a date (from the dated history), for showing a past record. */
export async function unitNamesOn(db: Queryable, ids: number[], on: string): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const r = await sql<{ unit_id: number; name: string }>`
    SELECT DISTINCT ON (unit_id) unit_id, name FROM org_unit_history
    WHERE unit_id = ANY(${ids}::bigint[]) AND valid_from <= ${on}::date AND change IN ('create', 'rename')
    ORDER BY unit_id, valid_from DESC, id DESC`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [String(x.unit_id), x.name]));
}

/** The ledgers of several records at once, each in its order. */
export async function listActionRowsOf(db: Queryable, employeeIds: string[]): Promise<ActionRow[]> {
  if (employeeIds.length === 0) return [];
  return db
    .selectFrom('personnel_actions')
    .selectAll()
    .where('employee_id', 'in', employeeIds)
    .orderBy('employee_id')
    .orderBy('seq')
    .execute();
}

/** Records whose stored projection was folded before the content was typed (migration 0015). */
export async function outdatedContentIds(db: Queryable, limit: number): Promise<string[]> {
  const r = await db
    .selectFrom('employees')
    .select('id')
    .where('content_version', '<', 2)
    .orderBy('id')
    .limit(limit)
    .execute();
  return r.map((x) => x.id);
}

export async function markContentCurrent(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length)
    await db.updateTable('employees').set({ content_version: 2 }).where('id', 'in', ids).execute();
}
