import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import type { Transfer, TransferListQuery } from '../../../api/transfers.ts';

export interface NewTransferRow {
  employee_id: string;
  action_id: number;
  from_unit_id: number;
  to_unit_id: number;
  to_working_unit_id: number;
  effective_date: string;
  decision: string;
  decided_at: Date;
  decided_by: string;
}

export async function insertTransfer(db: Queryable, row: NewTransferRow): Promise<number> {
  const r = await db.insertInto('transfers').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// `m` is the unit that manages the person now: the receiving unit, or its successor if a restructuring
// merged it away before the person was received. The receiving body is the one over `m`.
function selectTransfers(db: Queryable) {
  return db
    .selectFrom('transfers as t')
    .innerJoin('employees as e', 'e.id', 't.employee_id')
    .innerJoin('org_units as f', 'f.id', 't.from_unit_id')
    .innerJoin('org_units as u', 'u.id', 't.to_unit_id')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .select([
      't.id',
      't.employee_id',
      'e.full_name',
      't.action_id',
      't.from_unit_id',
      'f.name as from_name',
      't.to_unit_id',
      'u.name as to_name',
      't.to_working_unit_id',
      't.effective_date',
      't.decision',
      't.decided_at',
      't.decided_by',
      't.received_at',
      't.received_by',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectTransfers>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

const toTransfer = (r: Row): Transfer => ({
  id: r.id,
  employeeId: r.employee_id,
  fullName: r.full_name,
  actionId: r.action_id,
  fromUnitId: r.from_unit_id,
  fromUnitName: r.from_name,
  toUnitId: r.to_unit_id,
  toUnitName: r.to_name,
  toWorkingUnitId: r.to_working_unit_id,
  effectiveDate: r.effective_date,
  decision: r.decision as unknown as Transfer['decision'],
  status: r.received_at ? 'received' : 'awaiting_receipt',
  decidedAt: iso(r.decided_at)!,
  decidedBy: r.decided_by,
  receivedAt: iso(r.received_at),
  receivedBy: r.received_by,
});

export async function findTransfer(db: Queryable, id: number): Promise<Transfer | undefined> {
  const r = await selectTransfers(db).where('t.id', '=', id).executeTakeFirst();
  return r ? toTransfer(r) : undefined;
}

/**
 * Transfers into (receiving unit) or out of (sending unit) the actor's subtree. The sending body keeps
 * seeing the transfer it decided — not the record, which left its scope with the person.
 */
export async function listTransfers(db: Queryable, actor: Actor, q: TransferListQuery): Promise<Transfer[]> {
  let s = selectTransfers(db).where(
    inScope(q.direction === 'in' ? 'm.path' : 'f.path', actor, 'employee.transfer'),
  );
  if (q.status === 'received') s = s.where('t.received_at', 'is not', null);
  if (q.status === 'awaiting_receipt') s = s.where('t.received_at', 'is', null);
  const rows = await s
    .orderBy('t.effective_date', 'desc')
    .orderBy('t.id', 'desc')
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(toTransfer);
}

/** The transfer if the person's managing unit is in the actor's subtree (locked for the receiving step). */
export async function findIncoming(
  db: Queryable,
  id: number,
  actor: Actor,
  opts: { lock?: boolean } = {},
): Promise<{ id: number; employee_id: string; to_unit_id: number; received_at: Date | null } | undefined> {
  const q = db
    .selectFrom('transfers as t')
    .innerJoin('employees as e', 'e.id', 't.employee_id')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .select(['t.id', 't.employee_id', 't.to_unit_id', 't.received_at'])
    .where('t.id', '=', id)
    .where(inScope('m.path', actor, 'employee.transfer'));
  return (opts.lock ? q.forUpdate('t') : q).executeTakeFirst();
}

export async function hasAwaitingTransfer(db: Queryable, employeeId: string): Promise<boolean> {
  const r = await db
    .selectFrom('transfers')
    .select('id')
    .where('employee_id', '=', employeeId)
    .where('received_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

export async function markReceived(
  db: Queryable,
  id: number,
  r: { at: Date; by: string; accountId: string },
): Promise<void> {
  await db
    .updateTable('transfers')
    .set({ received_at: r.at, received_by: r.by, account_id: r.accountId })
    .where('id', '=', id)
    .execute();
}

/** The person as the receiving body issues their account: name, ID number, current managing unit. */
export async function employeeBrief(db: Queryable, id: string) {
  return db
    .selectFrom('employees as e')
    .innerJoin('org_units as u', 'u.id', 'e.managing_unit_id')
    .select(['e.id', 'e.person_id', 'e.full_name', 'e.managing_unit_id', 'u.path'])
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
}

export interface AwaitingReceipt {
  transferId: number;
  employeeId: string;
  /** The receiving unit named by the decision. */
  toUnitId: number;
  /** Where the receiving body sits now: the person's managing unit (the receiving unit or its successor). */
  toUnitPath: string;
  effectiveDate: string;
  receivedAt: Date | null;
}

/** For the deadline rules: transfers (optionally received ones too) into the given subtrees. */
export async function awaitingReceipt(
  db: Queryable,
  opts: { unitPaths?: string[] | undefined; includeReceived?: boolean | undefined },
): Promise<AwaitingReceipt[]> {
  let s = db
    .selectFrom('transfers as t')
    .innerJoin('employees as e', 'e.id', 't.employee_id')
    .innerJoin('org_units as m', 'm.id', 'e.managing_unit_id')
    .select(['t.id', 't.employee_id', 't.to_unit_id', 'm.path', 't.effective_date', 't.received_at']);
  if (!opts.includeReceived) s = s.where('t.received_at', 'is', null);
  if (opts.unitPaths !== undefined) {
    if (opts.unitPaths.length === 0) return [];
    s = s.where(sql<boolean>`m.path <@ ${opts.unitPaths}::ltree[]`);
  }
  const rows = await s.orderBy('t.effective_date').orderBy('t.id').execute();
  return rows.map((r) => ({
    transferId: r.id,
    employeeId: r.employee_id,
    toUnitId: r.to_unit_id,
    toUnitPath: r.path,
    effectiveDate: r.effective_date,
    receivedAt: r.received_at,
  }));
}
