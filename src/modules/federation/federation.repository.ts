// All SQL of the federation module: nodes, owners, deliveries, the local outbox cursor and state, and
// the lookups that turn local ids into portable references (unit codes, ledger seqs) and back.
import { sql, type Selectable } from 'kysely';
import type { JobPositionsTable } from '../../db/schema.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
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

/** The node whose scope holds a unit path (the deepest such scope), or undefined: the national node. */
export async function nodeForPath(db: Queryable, path: string): Promise<string | undefined> {
  const r = await sql<{ code: string }>`
    SELECT n.code FROM federation_nodes n
      JOIN org_units u ON u.code = n.scope_code AND u.valid_to IS NULL
     WHERE ${path}::ltree <@ u.path
     ORDER BY nlevel(u.path) DESC, n.code
     LIMIT 1`.execute(db);
  return r.rows[0]?.code;
}

/** A registered node whose scope contains, or lies inside, the subtree at `path`. */
export async function overlappingNode(db: Queryable, path: string): Promise<string | undefined> {
  const r = await sql<{ code: string }>`
    SELECT n.code FROM federation_nodes n
      JOIN org_units u ON u.code = n.scope_code AND u.valid_to IS NULL
     WHERE ${path}::ltree <@ u.path OR u.path <@ ${path}::ltree
     ORDER BY n.code
     LIMIT 1`.execute(db);
  return r.rows[0]?.code;
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

const unitRows = (db: Queryable) =>
  db
    .selectFrom('org_units as u')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .leftJoin('org_units as s', 's.id', 'u.successor_id')
    .select([
      'u.id',
      sql<number>`nlevel(u.path)`.as('level'),
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
    ]);

/** Units changed since a watermark, parents first; the watermark is re-scanned with a margin. */
export async function unitsChangedSince(db: Queryable, since: Date | null) {
  let q = unitRows(db)
    .orderBy(sql`nlevel(u.path)`)
    .orderBy('u.id');
  if (since) q = q.where('u.updated_at', '>=', since);
  return q.execute();
}

/** A page of every unit, parents first: keyset (depth, id), for a node's first load of the tree. */
export async function unitsPage(db: Queryable, after: [level: number, id: number] | null, limit: number) {
  let q = unitRows(db)
    .orderBy(sql`nlevel(u.path)`)
    .orderBy('u.id')
    .limit(limit);
  if (after) q = q.where(sql<boolean>`(nlevel(u.path), u.id) > (${after[0]}::int, ${after[1]}::bigint)`);
  return q.execute();
}

/** A page of the units that have a successor (sent once every unit is there), by id. */
export async function successorsPage(db: Queryable, afterId: number, limit: number) {
  return unitRows(db)
    .where('u.successor_id', 'is not', null)
    .where('u.id', '>', afterId)
    .orderBy('u.id')
    .limit(limit)
    .execute();
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

// ---- routed actions (national → owner) ----

export type RoutedRow = Awaited<ReturnType<typeof findRouted>> & object;

export async function insertRouted(
  db: Queryable,
  row: {
    id: string;
    employee_id: string;
    node_code: string;
    action: object;
    requested_by: string;
    requested_by_name: string;
    requested_by_account: string | null;
    requested_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('federation_routed_actions')
    .values({ ...row, action: JSON.stringify(row.action) })
    .execute();
}

export async function findRouted(db: Queryable, id: string, forUpdate = false) {
  let q = db.selectFrom('federation_routed_actions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function pendingRoutedFor(db: Queryable, node: string, limit: number) {
  return db
    .selectFrom('federation_routed_actions')
    .selectAll()
    .where('node_code', '=', node)
    .where('status', '=', 'pending')
    .orderBy('requested_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function pendingRoutedCount(db: Queryable, node: string): Promise<number> {
  const r = await db
    .selectFrom('federation_routed_actions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('node_code', '=', node)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r?.n ?? 0;
}

export async function decideRouted(
  db: Queryable,
  id: string,
  d: {
    status: 'applied' | 'refused';
    seq: number | null;
    code: string | null;
    reason: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('federation_routed_actions')
    .set({ status: d.status, seq: d.seq, code: d.code, reason: d.reason, decided_at: d.at })
    .where('id', '=', id)
    .execute();
}

/** Routed actions about records managed inside the actor's subtree (employee.read), newest first. */
export async function listRouted(
  db: Queryable,
  f: { actor: Actor; employeeId?: string | undefined; status?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom('federation_routed_actions as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .selectAll('r')
    .where(inScope('m.path', f.actor, 'employee.read'))
    .orderBy('r.requested_at', 'desc')
    .limit(f.limit);
  if (f.employeeId) q = q.where('r.employee_id', '=', f.employeeId);
  if (f.status) q = q.where('r.status', '=', f.status as 'pending');
  return q.execute();
}

/** Local node: takes a routed action once; false when it was taken before (by this or another process). */
export async function claimRouted(
  db: Queryable,
  row: {
    id: string;
    employee_id: string;
    status: 'applied' | 'refused';
    code?: string;
    reason?: string;
    at: Date;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('federation_routed_received')
    .values({
      id: row.id,
      employee_id: row.employee_id,
      status: row.status,
      seq: null,
      code: row.code ?? null,
      reason: row.reason ?? null,
      received_at: row.at,
      reported_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function setReceivedSeq(db: Queryable, id: string, seq: number): Promise<void> {
  await db.updateTable('federation_routed_received').set({ seq }).where('id', '=', id).execute();
}

export async function unreportedRouted(db: Queryable, limit: number) {
  return db
    .selectFrom('federation_routed_received')
    .select(['id', 'status', 'seq', 'code', 'reason'])
    .where('reported_at', 'is', null)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

export async function markReported(db: Queryable, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('federation_routed_received')
    .set({ reported_at: at })
    .where('id', 'in', ids)
    .execute();
}

// ---- structure shared down: dated unit history, job positions, staffing quotas ----

const historyRows = (db: Queryable) =>
  db
    .selectFrom('org_unit_history as h')
    .innerJoin('org_units as u', 'u.id', 'h.unit_id')
    .leftJoin('org_units as p', 'p.id', 'h.parent_id')
    .select([
      'h.id',
      'u.code',
      'u.valid_from as unit_from',
      'h.change',
      'h.valid_from',
      'h.name',
      'h.decision',
      'h.recorded_at',
      'h.recorded_by',
      'p.code as parent_code',
      'p.valid_from as parent_from',
    ])
    .orderBy('h.id');

const jobPositionRows = (db: Queryable) =>
  db
    .selectFrom('job_positions as j')
    .innerJoin('org_units as u', 'u.id', 'j.unit_id')
    .select([
      'j.id',
      'u.code as unit_code',
      'u.valid_from as unit_from',
      'j.code',
      'j.name',
      'j.kind',
      'j.required_rank_code',
      'j.planned_count',
      'j.valid_from',
      'j.valid_to',
      'j.created_at',
    ])
    .orderBy('j.id');

const quotaRows = (db: Queryable) =>
  db
    .selectFrom('staffing_quotas as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select([
      's.unit_id',
      'u.code as unit_code',
      'u.valid_from as unit_from',
      's.year',
      's.civil_servants',
      's.public_employees',
      's.contract_workers',
      's.decision_no',
      's.decision_date',
      's.updated_at',
    ])
    .orderBy('s.unit_id')
    .orderBy('s.year');

export async function historySince(db: Queryable, since: Date | null) {
  return (since ? historyRows(db).where('h.recorded_at', '>=', since) : historyRows(db)).execute();
}
export async function historyPage(db: Queryable, afterId: number, limit: number) {
  return historyRows(db).where('h.id', '>', afterId).limit(limit).execute();
}

export async function jobPositionsSince(db: Queryable, since: Date | null) {
  return (since ? jobPositionRows(db).where('j.created_at', '>=', since) : jobPositionRows(db)).execute();
}
export async function jobPositionsPage(db: Queryable, afterId: number, limit: number) {
  return jobPositionRows(db).where('j.id', '>', afterId).limit(limit).execute();
}

export async function quotasSince(db: Queryable, since: Date | null) {
  return (since ? quotaRows(db).where('s.updated_at', '>=', since) : quotaRows(db)).execute();
}
/** Keyset (unit, year): the table's own key. */
export async function quotasPage(db: Queryable, after: [unitId: number, year: number] | null, limit: number) {
  const q = quotaRows(db).limit(limit);
  return (
    after ? q.where(sql<boolean>`(s.unit_id, s.year) > (${after[0]}::bigint, ${after[1]}::int)`) : q
  ).execute();
}

/** A history row is the same fact on every node: same unit, change, date and time it was recorded. */
export async function insertHistoryOnce(
  db: Queryable,
  row: {
    unit_id: number;
    change: 'create' | 'rename' | 'move' | 'close';
    valid_from: string;
    name: string;
    parent_id: number | null;
    decision: unknown;
    recorded_at: Date;
    recorded_by: string;
  },
): Promise<boolean> {
  const held = await db
    .selectFrom('org_unit_history')
    .select('id')
    .where('unit_id', '=', row.unit_id)
    .where('change', '=', row.change)
    .where('valid_from', '=', row.valid_from)
    .where('recorded_at', '=', row.recorded_at)
    .executeTakeFirst();
  if (held) return false;
  await db
    .insertInto('org_unit_history')
    .values({ ...row, decision: JSON.stringify(row.decision ?? null) })
    .execute();
  return true;
}

export async function upsertJobPosition(
  db: Queryable,
  row: Omit<Selectable<JobPositionsTable>, 'id'>,
): Promise<void> {
  const { unit_id: _u, code: _c, created_at: _t, ...changes } = row;
  await db
    .insertInto('job_positions')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'code']).doUpdateSet(changes))
    .execute();
}

/**
 * A newly registered node becomes the owner of the records the national node holds under its scope
 * (records another node owns stay with it); they are then shared down to it like records transferred in.
 */
export async function handOver(db: Queryable, node: string, scopePath: string, at: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH taken AS (
      INSERT INTO federation_owners (employee_id, node_code, updated_at)
      SELECT e.id, ${node}, ${at}
        FROM employees e JOIN org_units m ON m.id = e.managing_unit_id
       WHERE m.path <@ ${scopePath}::ltree
         AND NOT EXISTS (SELECT 1 FROM federation_owners o WHERE o.employee_id = e.id)
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM taken`.execute(db);
  return r.rows[0]?.n ?? 0;
}
