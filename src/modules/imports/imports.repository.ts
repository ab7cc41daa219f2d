// All SQL of bulk import. Rows are written with INSERT … SELECT FROM unnest(arrays): one statement and
// one parameter per column for a whole batch, on both engines (no 65,535-parameter ceiling).
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import type { ImportsTable } from '../../db/schema.ts';
import type { UnitRef } from './validate.ts';
import { canonical } from './plan.ts';

export async function loadUnits(db: Queryable): Promise<Map<string, UnitRef[]>> {
  const r = await sql<UnitRef>`
    SELECT id, code, path::text AS path, valid_from AS "validFrom", valid_to AS "validTo"
    FROM org_units ORDER BY valid_from DESC`.execute(db);
  const map = new Map<string, UnitRef[]>();
  for (const u of r.rows) map.set(u.code, [...(map.get(u.code) ?? []), { ...u, id: Number(u.id) }]);
  return map;
}

export interface Existing {
  id: string;
  personId: string;
  managingPath: string;
  actionCount: number;
}

export async function findExisting(db: Queryable, personIds: string[]): Promise<Existing[]> {
  if (personIds.length === 0) return [];
  const r = await sql<Existing>`
    SELECT e.id, e.person_id AS "personId", mu.path::text AS "managingPath", e.action_count AS "actionCount"
    FROM employees e JOIN org_units mu ON mu.id = e.managing_unit_id
    WHERE e.person_id = ANY(${personIds}::text[])`.execute(db);
  return r.rows;
}

export interface LedgerRow {
  id: number;
  employee_id: string;
  seq: number;
  type: string;
  effective_date: string;
  decision_no: string | null;
  payload: Record<string, unknown>;
  recorded_at: Date;
}

/** Ledger rows of these people; with `recruitOnly`, only what decides their recruitment as it counts now. */
export async function ledgerOf(db: Queryable, ids: string[], recruitOnly: boolean): Promise<LedgerRow[]> {
  if (ids.length === 0) return [];
  const types = recruitOnly ? sql`AND type IN ('recruit', 'correction', 'cancellation')` : sql``;
  const r = await sql<LedgerRow>`
    SELECT id, employee_id, seq, type, effective_date, decision_no, payload, recorded_at
    FROM personnel_actions WHERE employee_id = ANY(${ids}::uuid[]) ${types}
    ORDER BY employee_id, seq`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/**
 * INSERT INTO table (cols) SELECT cols FROM jsonb_populate_recordset(NULL::table, $1): a whole batch as
 * one JSON parameter — JSON.stringify is native, jsonb columns take nested objects as they are, and no
 * batch meets the 65,535-parameter ceiling.
 */
export async function insertRows(
  db: Queryable,
  table: 'employees' | 'personnel_actions',
  columns: readonly string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(columns.join(', '));
  await sql`INSERT INTO ${sql.table(table)} (${names})
    SELECT ${names} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(
    db,
  );
}

/**
 * The kinds and data of the open rows of one group of these people's records, as "kind|canonical
 * JSON" keys, to tell a declared row already held from a new one.
 */
export async function openRowsOf(
  db: Queryable,
  ids: string[],
  group: string,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (ids.length === 0) return out;
  const r = await sql<{ id: string; rows: { kind: string; validTo: string | null; data: unknown }[] | null }>`
    SELECT id, record->'groups'->${group} AS rows FROM employees WHERE id = ANY(${ids}::uuid[])`.execute(db);
  for (const e of r.rows)
    out.set(
      e.id,
      new Set((e.rows ?? []).filter((x) => x.validTo === null).map((x) => `${x.kind}|${canonical(x.data)}`)),
    );
  return out;
}

/** UPDATE … FROM jsonb_populate_recordset: a batch of projections in one statement. */
export async function updateProjections(db: Queryable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = EMPLOYEE_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at');
  const set = sql.raw(cols.map((c) => `${c} = r.${c}`).join(', '));
  await sql`UPDATE employees AS e SET ${set}
    FROM jsonb_populate_recordset(NULL::employees, ${JSON.stringify(rows)}::jsonb) AS r
    WHERE e.id = r.id`.execute(db);
}

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

export const ACTION_COLUMNS = [
  'id',
  'employee_id',
  'seq',
  'type',
  'effective_date',
  'decision_no',
  'decision_date',
  'signer_name',
  'signer_title',
  'issuing_body',
  'legal_basis',
  'payload',
  'target_action_id',
  'note',
  'recorded_at',
  'recorded_by',
  'request_id',
] as const;

type NewJob = Pick<
  ImportsTable,
  'id' | 'actor' | 'unit_path' | 'file_name' | 'file_sha256' | 'format' | 'valid_only' | 'dry_run'
> & { started_at: Date };

export async function insertJob(db: Queryable, job: NewJob): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      ...job,
      status: 'running',
      rows_total: 0,
      rows_invalid: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      conflicts: 0,
      issues: '[]',
      issues_total: 0,
      error: null,
      finished_at: null,
      timings: '{}',
    })
    .execute();
}

export interface JobOutcome {
  status: string;
  rows_total: number;
  rows_invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  issues: unknown[];
  issues_total: number;
  error: string | null;
  finished_at: Date;
  timings: Record<string, number>;
}

export async function finishJob(db: Queryable, id: string, o: JobOutcome): Promise<void> {
  await db
    .updateTable('imports')
    .set({ ...o, issues: JSON.stringify(o.issues), timings: JSON.stringify(o.timings) })
    .where('id', '=', id)
    .execute();
}

// A job's runner holds a session-level advisory lock on (IMPORT_LOCKS, hashtext(id)) from before the
// job row is written until after its outcome is: a `running` job whose lock is free has lost its runner
// (the process died and PostgreSQL released the lock with its connection). The two-key form keeps
// these apart from the one-key locks of other modules.
const IMPORT_LOCKS = 0x696d7074; // 'impt'

export async function lockJob(db: Queryable, id: string): Promise<void> {
  await sql`SELECT pg_advisory_lock(${IMPORT_LOCKS}, hashtext(${id}))`.execute(db);
}

export async function unlockJob(db: Queryable, id: string): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${IMPORT_LOCKS}, hashtext(${id}))`.execute(db);
}

/** Whether no runner holds the job's lock; when free, the lock is held until the transaction ends. */
export async function tryLockJob(trx: Tx, id: string): Promise<boolean> {
  const r = await sql<{ got: boolean }>`
    SELECT pg_try_advisory_xact_lock(${IMPORT_LOCKS}, hashtext(${id})) AS got`.execute(trx);
  return r.rows[0]?.got === true;
}

/** The jobs still marked running (all of them, or among ids). */
export async function runningJobs(db: Queryable, ids?: string[]): Promise<string[]> {
  let q = db.selectFrom('imports').select('id').where('status', '=', 'running');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return (await q.execute()).map((r) => r.id);
}

/** How many jobs there are in each status (for /metrics); statuses without a job are absent. */
export async function countJobsByStatus(db: Queryable): Promise<{ status: string; n: number }[]> {
  return db
    .selectFrom('imports')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}

/** Marks a job failed if it is still running; whether it was. */
export async function failRunningJob(trx: Tx, id: string, error: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('imports')
    .set({ status: 'failed', error, finished_at: at })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Jobs the actor may see: their own, and those run in a subtree where they may create records. */
function visible(db: Queryable, actor: Actor) {
  return db
    .selectFrom('imports')
    .where((eb) => eb.or([eb('actor', '=', actor.id), inScope('unit_path', actor, 'employee.write')]));
}

const SUMMARY = [
  'id',
  'actor',
  'file_name',
  'file_sha256',
  'format',
  'valid_only',
  'dry_run',
  'status',
  'rows_total',
  'rows_invalid',
  'created',
  'updated',
  'unchanged',
  'conflicts',
  'issues_total',
  'error',
  'started_at',
  'finished_at',
  'timings',
] as const;

export async function listJobs(db: Queryable, actor: Actor, limit: number) {
  return visible(db, actor).select(SUMMARY).orderBy('started_at', 'desc').limit(limit).execute();
}

export async function findJob(db: Queryable, actor: Actor, id: string) {
  return visible(db, actor)
    .select([...SUMMARY, 'issues', sql<string | null>`unit_path::text`.as('unit_path')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An active, unexpired account by username with its current role grants: the CLI's `--as`. */
export async function findAccountActor(db: Queryable, username: string, now: Date) {
  const a = await db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'employee_id', 'status', 'expires_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!a || a.status !== 'active' || (a.expires_at && a.expires_at <= now)) return undefined;
  const grants = await db
    .selectFrom('role_bindings as b')
    .innerJoin('org_units as u', 'u.id', 'b.unit_id')
    .select(['b.role', 'b.unit_id', sql<string>`u.path::text`.as('unit_path')])
    .where('b.account_id', '=', a.id)
    .where('b.revoked_at', 'is', null)
    .orderBy('b.id')
    .execute();
  return { account: a, grants };
}

/** A unit by id: its path, for the export's scope. */
export async function findUnit(db: Queryable, id: number) {
  return sql<{ id: number; path: string; name: string }>`
    SELECT id, path::text AS path, name FROM org_units WHERE id = ${id}`
    .execute(db)
    .then((r) => r.rows[0]);
}

/** Official codes of every unit, by id (units are named by code in the files). */
export async function unitCodes(db: Queryable): Promise<Map<number, string>> {
  const r = await sql<{ id: number; code: string }>`SELECT id, code FROM org_units`.execute(db);
  return new Map(r.rows.map((u) => [Number(u.id), u.code]));
}

export interface ExportedPerson {
  id: string;
  record: Record<string, unknown>;
  managingPath: string;
}

/**
 * One page (keyset on id) of the records managed inside the unit's subtree that the actor may write:
 * the scope is in the SQL, as for every read of people's data.
 */
export async function exportPage(
  db: Queryable,
  actor: Actor,
  unitPath: string,
  after: string | null,
  limit: number,
): Promise<ExportedPerson[]> {
  const r = await db
    .selectFrom('employees as e')
    .innerJoin('org_units as mu', 'mu.id', 'e.managing_unit_id')
    .select(['e.id', 'e.record', sql<string>`mu.path::text`.as('managingPath')])
    .where(sql<boolean>`mu.path <@ ${unitPath}::ltree`)
    .where(inScope('mu.path', actor, 'employee.write'))
    .where(inScope('mu.path', actor, 'employee.sensitive'))
    .$if(after !== null, (q) => q.where('e.id', '>', after!))
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return r.map((x) => ({
    id: x.id,
    record: x.record as Record<string, unknown>,
    managingPath: x.managingPath,
  }));
}

export interface RecruitRow extends LedgerRow {
  decision_date: string | null;
  signer_name: string | null;
  signer_title: string | null;
  issuing_body: string | null;
  legal_basis: string | null;
}

/** The ledger rows that decide these people's recruitment, with the decision's details. */
export async function recruitRowsOf(db: Queryable, ids: string[]): Promise<RecruitRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<RecruitRow>`
    SELECT id, employee_id, seq, type, effective_date, decision_no, decision_date, signer_name,
           signer_title, issuing_body, legal_basis, payload, recorded_at
    FROM personnel_actions
    WHERE employee_id = ANY(${ids}::uuid[]) AND type IN ('recruit', 'correction', 'cancellation')
    ORDER BY employee_id, seq`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}
