import type { Queryable, Tx } from '../../db/transaction.ts';
import type { ConsentsTable } from '../../db/schema.ts';

export interface ConsentRow {
  id: string;
  employee_id: string;
  subject_name: string;
  requester_id: string;
  requester_name: string;
  purpose: string;
  groups: string[];
  valid_from: string;
  valid_until: string;
  status: ConsentsTable['status'];
  requested_at: Date;
  answered_at: Date | null;
  revoked_at: Date | null;
}

const base = (q: Queryable) =>
  q
    .selectFrom('consents as c')
    .innerJoin('employees as e', 'e.id', 'c.employee_id')
    .innerJoin('accounts as a', 'a.id', 'c.requester_id')
    .select([
      'c.id',
      'c.employee_id',
      'e.full_name as subject_name',
      'c.requester_id',
      'a.display_name as requester_name',
      'c.purpose',
      'c.groups',
      'c.valid_from',
      'c.valid_until',
      'c.status',
      'c.requested_at',
      'c.answered_at',
      'c.revoked_at',
    ]);

export async function insertConsent(
  trx: Tx,
  c: Omit<ConsentRow, 'subject_name' | 'requester_name' | 'answered_at' | 'revoked_at'>,
): Promise<void> {
  await trx.insertInto('consents').values(c).execute();
}

export async function findConsent(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<ConsentRow | undefined> {
  let query = base(q).where('c.id', '=', id);
  if (forUpdate) query = query.forUpdate('c');
  return (await query.executeTakeFirst()) as ConsentRow | undefined;
}

export async function listBySubject(q: Queryable, employeeId: string): Promise<ConsentRow[]> {
  return (await base(q)
    .where('c.employee_id', '=', employeeId)
    .orderBy('c.requested_at', 'desc')
    .limit(200)
    .execute()) as ConsentRow[];
}

export async function listByRequester(q: Queryable, accountId: string): Promise<ConsentRow[]> {
  return (await base(q)
    .where('c.requester_id', '=', accountId)
    .orderBy('c.requested_at', 'desc')
    .limit(200)
    .execute()) as ConsentRow[];
}

export async function setStatus(
  trx: Tx,
  id: string,
  from: ConsentsTable['status'],
  to: ConsentsTable['status'],
  at: Date,
): Promise<void> {
  await trx
    .updateTable('consents')
    .set(to === 'revoked' ? { status: to, revoked_at: at } : { status: to, answered_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute();
}
