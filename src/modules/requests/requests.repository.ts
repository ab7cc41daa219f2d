import { sql } from 'kysely';
import type { Actor } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { inScope } from '../access/index.ts';
import type { ChangeRequestsTable } from '../../db/schema.ts';

export interface RequestRow {
  id: string;
  employee_id: string;
  full_name: string;
  managing_path: string;
  kind: 'declaration' | 'hr_action';
  action: Record<string, unknown>;
  note: string | null;
  status: ChangeRequestsTable['status'];
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  applied_action_id: number | null;
}

export interface FileMeta {
  id: number;
  request_id: string;
  name: string;
  media_type: string;
  size: number;
}

const base = (q: Queryable) =>
  q
    .selectFrom('change_requests as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .innerJoin('org_units as u', 'u.id', 'e.managing_unit_id')
    .innerJoin('accounts as s', 's.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.employee_id',
      'e.full_name',
      sql<string>`u.path::text`.as('managing_path'),
      'r.kind',
      'r.action',
      'r.note',
      'r.status',
      'r.submitted_by',
      's.display_name as submitted_by_name',
      'r.submitted_at',
      'r.decided_by',
      'r.decided_at',
      'r.reason',
      'r.applied_action_id',
    ]);

export async function insertRequest(
  trx: Tx,
  r: {
    id: string;
    employee_id: string;
    kind: ChangeRequestsTable['kind'];
    action: Record<string, unknown>;
    note: string | null;
    status: 'pending';
    submitted_by: string;
    submitted_at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('change_requests')
    .values({ ...r, action: JSON.stringify(r.action) })
    .execute();
}

export async function insertFiles(
  trx: Tx,
  files: {
    request_id: string;
    name: string;
    media_type: string;
    size: number;
    sha256: string;
    content: Buffer;
  }[],
): Promise<void> {
  if (files.length) await trx.insertInto('request_files').values(files).execute();
}

/** One request, locked for a decision when `forUpdate`. */
export async function findRequest(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<RequestRow | undefined> {
  let query = base(q).where('r.id', '=', id);
  if (forUpdate) query = query.forUpdate('r');
  return (await query.executeTakeFirst()) as RequestRow | undefined;
}

/**
 * The requests an actor may see: their own submissions; declarations about people in the subtrees
 * where they review; drafted HR actions where they approve or record actions.
 */
export async function listVisible(
  q: Queryable,
  actor: Actor,
  f: {
    status?: string | undefined;
    kind?: string | undefined;
    employeeId?: string | undefined;
    limit: number;
  },
): Promise<RequestRow[]> {
  let query = base(q).where((eb) =>
    eb.or([
      eb('r.submitted_by', '=', actor.accountId ?? '00000000-0000-0000-0000-000000000000'),
      eb.and([eb('r.kind', '=', 'declaration'), inScope('u.path', actor, 'request.review')]),
      eb.and([
        eb('r.kind', '=', 'hr_action'),
        eb.or([inScope('u.path', actor, 'action.approve'), inScope('u.path', actor, 'employee.write')]),
      ]),
    ]),
  );
  if (f.status) query = query.where('r.status', '=', f.status as RequestRow['status']);
  if (f.kind) query = query.where('r.kind', '=', f.kind as RequestRow['kind']);
  if (f.employeeId) query = query.where('r.employee_id', '=', f.employeeId);
  return (await query.orderBy('r.submitted_at', 'desc').limit(f.limit).execute()) as RequestRow[];
}

export async function listOwn(q: Queryable, employeeId: string, limit: number): Promise<RequestRow[]> {
  return (await base(q)
    .where('r.employee_id', '=', employeeId)
    .where('r.kind', '=', 'declaration')
    .orderBy('r.submitted_at', 'desc')
    .limit(limit)
    .execute()) as RequestRow[];
}

export async function filesOf(q: Queryable, ids: string[]): Promise<FileMeta[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom('request_files')
    .select(['id', 'request_id', 'name', 'media_type', 'size'])
    .where('request_id', 'in', ids)
    .orderBy('id')
    .execute();
}

export async function findFile(q: Queryable, requestId: string, fileId: number) {
  return q
    .selectFrom('request_files')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function decide(
  trx: Tx,
  id: string,
  d: {
    status: 'approved' | 'rejected' | 'withdrawn';
    by: string | null;
    at: Date;
    reason?: string | null;
    actionId?: number | null;
  },
): Promise<void> {
  await trx
    .updateTable('change_requests')
    .set({
      status: d.status,
      decided_by: d.by,
      decided_at: d.at,
      reason: d.reason ?? null,
      applied_action_id: d.actionId ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
