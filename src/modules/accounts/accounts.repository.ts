// Accounts and their role bindings. Which accounts an actor may see or manage is decided here, in SQL,
// by the home unit's path (inScope with account.manage).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { AccountsTable } from '../../db/schema.ts';
import type { Actor, Role } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';

export type AccountRow = Selectable<AccountsTable> & { home_path: string; home_name: string };

export interface BindingRow {
  id: number;
  account_id: string;
  role: Role;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  granted_at: Date;
}

function accounts(db: Queryable) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('org_units as u', 'u.id', 'a.home_unit_id')
    .selectAll('a')
    .select(['u.path as home_path', 'u.name as home_name']);
}

export async function findAccount(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<AccountRow | undefined> {
  let q = accounts(db).where('a.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function findAccountByUsername(
  db: Queryable,
  username: string,
): Promise<AccountRow | undefined> {
  return accounts(db).where('a.username', '=', username).executeTakeFirst();
}

/** The account when its home unit lies in a subtree where the actor may manage accounts. */
export async function findScopedAccount(
  db: Queryable,
  id: string,
  actor: Actor,
  opts: { forUpdate?: boolean } = {},
): Promise<AccountRow | undefined> {
  let q = accounts(db)
    .where('a.id', '=', id)
    .where(inScope('u.path', actor, 'account.manage'));
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export interface AccountFilter {
  actor: Actor;
  text?: string | undefined;
  underPath?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  after?: string | undefined;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export async function listAccounts(db: Queryable, f: AccountFilter): Promise<AccountRow[]> {
  let q = accounts(db).where(inScope('u.path', f.actor, 'account.manage'));
  if (f.underPath) q = q.where(sql<boolean>`u.path <@ ${f.underPath}::ltree`);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.after) q = q.where('a.username', '>', f.after);
  if (f.text) {
    const like = `%${escapeLike(f.text.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([eb('a.username', 'like', like), eb(sql`lower(a.display_name)`, 'like', like)]),
    );
  }
  return q.orderBy('a.username').limit(f.limit).execute();
}

export async function insertAccount(db: Queryable, row: Insertable<AccountsTable>): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function updateAccount(
  db: Queryable,
  id: string,
  patch: Updateable<AccountsTable>,
): Promise<void> {
  await db.updateTable('accounts').set(patch).where('id', '=', id).execute();
}

/**
 * Records `step` as the account's last accepted TOTP step, unless a step as late or later is already
 * recorded; false then (the code was used already). Atomic: of two concurrent uses of one code, one wins.
 */
export async function claimTotpStep(db: Queryable, id: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const r = await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
  return r !== undefined;
}

export async function accountOfEmployee(db: Queryable, employeeId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('accounts')
    .select('id')
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return r?.id;
}

/** Whether an active, unexpired account holds the national_admin role. */
export async function nationalAdminExists(db: Queryable, now: Date): Promise<boolean> {
  const r = await db
    .selectFrom('role_bindings as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select('b.id')
    .where('b.role', '=', 'national_admin')
    .where('b.revoked_at', 'is', null)
    .where('a.status', '=', 'active')
    .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
    .executeTakeFirst();
  return r !== undefined;
}

export async function rootUnit(db: Queryable): Promise<{ id: number; path: string } | undefined> {
  return db
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .where('kind', '=', 'national')
    .orderBy('id')
    .executeTakeFirst();
}

export interface EmployeeRef {
  id: string;
  person_id: string;
  full_name: string;
  managing_unit_id: number;
  managing_path: string;
}

export async function findEmployee(db: Queryable, id: string): Promise<EmployeeRef | undefined> {
  return db
    .selectFrom('employees as e')
    .innerJoin('org_units as u', 'u.id', 'e.managing_unit_id')
    .select(['e.id', 'e.person_id', 'e.full_name', 'e.managing_unit_id', 'u.path as managing_path'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** The active (unrevoked) role bindings of these accounts, with their units. */
export async function activeBindings(db: Queryable, accountIds: string[]): Promise<BindingRow[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_bindings as b')
    .innerJoin('org_units as u', 'u.id', 'b.unit_id')
    .select([
      'b.id',
      'b.account_id',
      'b.role',
      'b.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'b.granted_at',
    ])
    .where('b.account_id', 'in', accountIds)
    .where('b.revoked_at', 'is', null)
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function insertBindings(
  db: Queryable,
  accountId: string,
  roles: { role: Role; unitId: number }[],
  by: string | null,
  at: Date,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .insertInto('role_bindings')
    .values(
      roles.map((r) => ({
        account_id: accountId,
        role: r.role,
        unit_id: r.unitId,
        granted_by: by,
        granted_at: at,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function revokeBindings(
  db: Queryable,
  ids: number[],
  by: string | null,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('role_bindings')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
}
