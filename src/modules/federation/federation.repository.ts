// All SQL of the federation module: nodes, owners, deliveries, the local outbox cursor and state, and
// the lookups that turn local ids into portable references (unit codes, ledger seqs) and back.
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { ActionRowLike } from './portable.ts';

export interface UnitKey {
  id: number;
  code: string;
  valid_from: string;
  path: string;
}

export async function unitById(db: Queryable, id: number): Promise<UnitKey | undefined> {
  return db
    .selectFrom('org_units')
    .select(['id', 'code', 'valid_from', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function unitByCode(
  db: Queryable,
  code: string,
  validFrom: string,
): Promise<UnitKey | undefined> {
  return db
    .selectFrom('org_units')
    .select(['id', 'code', 'valid_from', 'path'])
    .where('code', '=', code)
    .where('valid_from', '=', validFrom)
    .executeTakeFirst();
}

/** The unit currently open under an official code (a node's scope root). */
export async function openUnitByCode(db: Queryable, code: string): Promise<UnitKey | undefined> {
  return db
    .selectFrom('org_units')
    .select(['id', 'code', 'valid_from', 'path'])
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

export async function jobPositionById(db: Queryable, id: number) {
  return db
    .selectFrom('job_positions')
    .select(['id', 'unit_id', 'code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function jobPositionByCode(db: Queryable, unitId: number, code: string) {
  return db
    .selectFrom('job_positions')
    .select(['id'])
    .where('unit_id', '=', unitId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function ledgerOf(db: Queryable, employeeId: string, fromSeq = 1): Promise<ActionRowLike[]> {
  return db
    .selectFrom('personnel_actions')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .execute();
}

export async function projectionOf(db: Queryable, employeeId: string) {
  return db
    .selectFrom('employees as e')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .innerJoin('org_units as w', 'w.id', 'e.working_unit_id')
    .select([
      'e.id',
      'e.person_id',
      'e.full_name',
      'e.status',
      'e.category',
      'e.rank_code',
      'e.salary_step',
      'e.action_count',
      'm.code as managing_code',
      'm.path as managing_path',
      'w.code as working_code',
    ])
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
}

/** Serialises every writer of one record (node batches, pulls) for the transaction. */
export async function lockRecord(db: Queryable, employeeId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`federation:${employeeId}`}))`.execute(db);
}

export async function allEmployeeIds(db: Queryable, limit: number, after: string | null): Promise<string[]> {
  let q = db.selectFrom('employees').select('id').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return (await q.execute()).map((r) => r.id);
}

// ---- national node ----

export async function findNode(db: Queryable, code: string) {
  return db.selectFrom('federation_nodes').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listNodes(db: Queryable) {
  return db.selectFrom('federation_nodes').selectAll().orderBy('code').execute();
}

export async function insertNode(
  db: Queryable,
  row: { code: string; scope_code: string; public_key: string; registered_at: Date; registered_by: string },
): Promise<void> {
  await db.insertInto('federation_nodes').values(row).execute();
}

export async function touchNode(
  db: Queryable,
  code: string,
  field: 'last_batch_at' | 'last_pull_at',
  at: Date,
): Promise<void> {
  await db
    .updateTable('federation_nodes')
    .set({ [field]: at })
    .where('code', '=', code)
    .execute();
}

export async function ownerOf(db: Queryable, employeeId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('federation_owners')
    .select('node_code')
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return r?.node_code;
}

export async function setOwner(db: Queryable, employeeId: string, node: string | null, at: Date) {
  if (node === null) {
    await db.deleteFrom('federation_owners').where('employee_id', '=', employeeId).execute();
    return;
  }
  await db
    .insertInto('federation_owners')
    .values({ employee_id: employeeId, node_code: node, updated_at: at })
    .onConflict((oc) => oc.column('employee_id').doUpdateSet({ node_code: node, updated_at: at }))
    .execute();
}

/** Records up to `seq`: a node holds them (GREATEST, so a late acknowledgement never moves it back). */
export async function setDelivered(db: Queryable, node: string, employeeId: string, seq: number) {
  await db
    .insertInto('federation_deliveries')
    .values({ node_code: node, employee_id: employeeId, seq })
    .onConflict((oc) =>
      oc
        .columns(['node_code', 'employee_id'])
        .doUpdateSet({ seq: sql`GREATEST(federation_deliveries.seq, ${seq})` }),
    )
    .execute();
}

/** Records a node owns and holds fewer rows of than the national node (transferred in, corrected). */
export async function undelivered(db: Queryable, node: string, limit: number) {
  return db
    .selectFrom('federation_owners as o')
    .innerJoin('employees as e', 'e.id', 'o.employee_id')
    .leftJoin('federation_deliveries as d', (j) =>
      j.onRef('d.employee_id', '=', 'o.employee_id').on('d.node_code', '=', node),
    )
    .select(['e.id', sql<number>`coalesce(d.seq, 0)`.as('have')])
    .where('o.node_code', '=', node)
    .where(sql<boolean>`e.action_count > coalesce(d.seq, 0)`)
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

export async function pendingCountFor(db: Queryable, node: string): Promise<number> {
  const r = await db
    .selectFrom('federation_owners as o')
    .innerJoin('employees as e', 'e.id', 'o.employee_id')
    .leftJoin('federation_deliveries as d', (j) =>
      j.onRef('d.employee_id', '=', 'o.employee_id').on('d.node_code', '=', node),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .where('o.node_code', '=', node)
    .where(sql<boolean>`e.action_count > coalesce(d.seq, 0)`)
    .executeTakeFirst();
  return r?.n ?? 0;
}

/** Units changed since a watermark, parents first; the watermark is re-scanned with a margin. */
export async function unitsChangedSince(db: Queryable, since: Date | null) {
  let q = db
    .selectFrom('org_units as u')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .leftJoin('org_units as s', 's.id', 'u.successor_id')
    .select([
      'u.code',
      'u.name',
      'u.kind',
      'u.province_code',
      'u.valid_from',
      'u.valid_to',
      'u.updated_at',
      'p.code as parent_code',
      'p.valid_from as parent_from',
      's.code as successor_code',
      's.valid_from as successor_from',
    ])
    .orderBy(sql`nlevel(u.path)`)
    .orderBy('u.id');
  if (since) q = q.where('u.updated_at', '>=', since);
  return q.execute();
}

// ---- local node ----

/** Records with ledger rows the national node has not acknowledged, oldest first. */
export async function pendingRecords(db: Queryable, limit: number) {
  return db
    .selectFrom('employees as e')
    .leftJoin('federation_outbox as o', 'o.employee_id', 'e.id')
    .select(['e.id', sql<number>`coalesce(o.acked_seq, 0)`.as('acked'), 'e.action_count', 'e.updated_at'])
    .where(sql<boolean>`e.action_count > coalesce(o.acked_seq, 0)`)
    .orderBy('e.updated_at')
    .limit(limit)
    .execute();
}

export async function pendingSummary(db: Queryable) {
  const r = await db
    .selectFrom('employees as e')
    .leftJoin('federation_outbox as o', 'o.employee_id', 'e.id')
    .select([
      sql<number>`count(*)::int`.as('records'),
      sql<number>`coalesce(sum(e.action_count - coalesce(o.acked_seq, 0)), 0)::int`.as('rows'),
      sql<Date | null>`min(e.updated_at)`.as('oldest'),
    ])
    .where(sql<boolean>`e.action_count > coalesce(o.acked_seq, 0)`)
    .executeTakeFirst();
  return { records: r?.records ?? 0, rows: r?.rows ?? 0, oldest: r?.oldest ?? null };
}

export async function setAcked(db: Queryable, employeeId: string, seq: number, at: Date): Promise<void> {
  await db
    .insertInto('federation_outbox')
    .values({ employee_id: employeeId, acked_seq: seq, acked_at: at })
    .onConflict((oc) =>
      oc.column('employee_id').doUpdateSet({
        acked_seq: sql`GREATEST(federation_outbox.acked_seq, ${seq})`,
        acked_at: at,
      }),
    )
    .execute();
}

export async function readState<T extends object>(db: Queryable, key: string): Promise<T | undefined> {
  const r = await db.selectFrom('federation_state').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value as T | undefined;
}

export async function writeState(db: Queryable, key: string, value: object, at: Date): Promise<void> {
  await db
    .insertInto('federation_state')
    .values({ key, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}
