// Sessions: rows keyed by the SHA-256 of the cookie's token, so a database leak yields no usable cookie.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Role } from '../../platform/context.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { SessionsTable } from '../../db/schema.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Queryable, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  let q = db.selectFrom('sessions').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A session with what the authenticator needs of its account. */
export async function findSessionWithAccount(db: Queryable, id: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.id',
      's.account_id',
      's.csrf_token',
      's.stage',
      's.last_seen_at',
      's.expires_at',
      's.absolute_expires_at',
      's.revoked_at',
      'a.display_name',
      'a.employee_id',
      'a.status',
      'a.expires_at as account_expires_at',
      'a.mfa_enrolled_at',
      // The account's live role bindings in the same round trip: every request resolves its session.
      sql<unknown>`(SELECT coalesce(json_agg(json_build_object('role', b.role, 'unit_id', b.unit_id,
          'unit_path', u.path::text) ORDER BY b.id), '[]'::json)
        FROM role_bindings b JOIN org_units u ON u.id = b.unit_id
        WHERE b.account_id = s.account_id AND b.revoked_at IS NULL)`.as('grants'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as {
    role: Role;
    unit_id: number;
    unit_path: string;
  }[];
  return { ...row, grants };
}

/** Marks activity: a sliding idle deadline, never past the absolute one. */
export async function touchSession(db: Queryable, id: string, at: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at, expires_at: expiresAt })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function setSessionStage(db: Queryable, id: string, stage: SessionRow['stage']): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', id).execute();
}

export async function revokeSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session of the account (but the one kept, if any); returns how many. */
export async function revokeAccountSessions(
  db: Queryable,
  accountId: string,
  at: Date,
  keep?: string,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '<>', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
