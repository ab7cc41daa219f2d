import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { inScope } from '../access/index.ts';
import type { Actor } from '../../platform/context.ts';

export interface ManifestAction {
  id: number;
  employeeId: string;
  personId: string;
  type: string;
  effectiveDate: string;
  decisionNo: string | null;
  recordedAt: string;
  sha256: string;
}

// Each action's hash is computed by the database over its stored form (jsonb's text is canonical), so
// both engines, and a verification years later, hash the same bytes.
const ACTION_HASH = sql<string>`encode(sha256(convert_to(concat_ws('|', a.id, a.employee_id, a.seq, a.type,
  a.effective_date, a.decision_no, a.decision_date, a.signer_name, a.issuing_body, a.payload::text,
  a.target_action_id, to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.recorded_by), 'UTF8')), 'hex')`;

/** The ledger rows recorded in [from, to) for people the unit manages, in id order, with their hashes. */
export async function monthActions(
  q: Queryable,
  unitPath: string,
  from: Date,
  to: Date,
): Promise<ManifestAction[]> {
  const r = await sql<ManifestAction>`
    SELECT a.id::int AS "id", a.employee_id AS "employeeId", e.person_id AS "personId", a.type,
           a.effective_date AS "effectiveDate", a.decision_no AS "decisionNo",
           to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
           ${ACTION_HASH} AS sha256
    FROM personnel_actions a
    JOIN employees e ON e.id = a.employee_id
    JOIN org_units u ON u.id = e.managing_unit_id
    WHERE a.recorded_at >= ${from} AND a.recorded_at < ${to} AND u.path <@ ${unitPath}::ltree
    ORDER BY a.id`.execute(q);
  return r.rows;
}

/** Current hashes of the given actions (to check a signed manifest against the ledger later). */
export async function actionHashes(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: number; sha256: string }>`
    SELECT a.id::int AS id, ${ACTION_HASH} AS sha256 FROM personnel_actions a WHERE a.id = ANY(${ids}::bigint[])`.execute(
    q,
  );
  return new Map(r.rows.map((x) => [x.id, x.sha256]));
}

export async function lastCoverEnd(q: Queryable, unitId: number): Promise<Date | undefined> {
  const r = await q
    .selectFrom('monthly_approvals')
    .select('covers_to')
    .where('unit_id', '=', unitId)
    .orderBy('covers_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? new Date(r.covers_to) : undefined;
}

export interface ApprovalRow {
  id: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  month: string;
  covers_from: Date;
  covers_to: Date;
  manifest: Buffer;
  manifest_sha256: string;
  action_count: number;
  signature: Buffer;
  signer_subject: string;
  signer_serial: string;
  signed_by: string;
  signed_at: Date;
}

const base = (q: Queryable) =>
  q
    .selectFrom('monthly_approvals as m')
    .innerJoin('org_units as u', 'u.id', 'm.unit_id')
    .select([
      'm.id',
      'm.unit_id',
      'u.name as unit_name',
      sql<string>`u.path::text`.as('unit_path'),
      'm.month',
      'm.covers_from',
      'm.covers_to',
      'm.manifest',
      'm.manifest_sha256',
      'm.action_count',
      'm.signature',
      'm.signer_subject',
      'm.signer_serial',
      'm.signed_by',
      'm.signed_at',
    ]);

export async function insertApproval(
  trx: Tx,
  row: Omit<ApprovalRow, 'unit_name' | 'unit_path'>,
): Promise<void> {
  await trx.insertInto('monthly_approvals').values(row).execute();
}

export async function findApproval(q: Queryable, id: string, actor: Actor): Promise<ApprovalRow | undefined> {
  return (await base(q)
    .where('m.id', '=', id)
    .where((eb) =>
      eb.or([inScope('u.path', actor, 'month.approve'), inScope('u.path', actor, 'deadline.read')]),
    )
    .executeTakeFirst()) as ApprovalRow | undefined;
}

export async function listApprovals(
  q: Queryable,
  actor: Actor,
  f: { unitId?: number | undefined; month?: string | undefined },
): Promise<ApprovalRow[]> {
  let query = base(q).where((eb) =>
    eb.or([inScope('u.path', actor, 'month.approve'), inScope('u.path', actor, 'deadline.read')]),
  );
  if (f.unitId) query = query.where('m.unit_id', '=', f.unitId);
  if (f.month) query = query.where('m.month', '=', f.month);
  return (await query.orderBy('m.month', 'desc').orderBy('u.name').limit(500).execute()) as ApprovalRow[];
}

export async function monthTaken(q: Queryable, unitId: number, month: string): Promise<boolean> {
  const r = await q
    .selectFrom('monthly_approvals')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('month', '=', month)
    .executeTakeFirst();
  return r !== undefined;
}
