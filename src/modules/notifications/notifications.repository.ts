import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';

export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  link?: string | undefined;
  /** Sends at most once per account and key (e.g. one reminder per overdue item). */
  dedupeKey?: string | undefined;
}

export async function insert(trx: Tx, accountIds: string[], n: NewNotification, at: Date): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      ids.map((account_id) => ({
        account_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        dedupe_key: n.dedupeKey ?? null,
        created_at: at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['account_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .execute();
}

export async function list(q: Queryable, accountId: string, unreadOnly: boolean, limit: number) {
  let query = q
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('account_id', '=', accountId);
  if (unreadOnly) query = query.where('read_at', 'is', null);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(q: Queryable, accountId: string): Promise<number> {
  const r = await q
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(
  trx: Tx,
  accountId: string,
  id: number | undefined,
  at: Date,
): Promise<number> {
  let q = trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function exists(q: Queryable, accountId: string, id: number): Promise<boolean> {
  const r = await q
    .selectFrom('notifications')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

/** The person's own active accounts (self-service). */
export async function accountsOfEmployee(q: Queryable, employeeId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('accounts')
    .select('id')
    .where('employee_id', '=', employeeId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** Active accounts holding one of `roles` over a subtree that contains `unitPath`. */
export async function staffOver(q: Queryable, unitPath: string, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const r = await sql<{ id: string }>`
    SELECT DISTINCT a.id FROM accounts a
    JOIN role_bindings b ON b.account_id = a.id AND b.revoked_at IS NULL
    JOIN org_units u ON u.id = b.unit_id
    WHERE a.status = 'active' AND b.role = ANY(${[...roles]}::text[]) AND u.path @> ${unitPath}::ltree`.execute(
    q,
  );
  return r.rows.map((x) => x.id);
}
