// Sessions: a random token in an HttpOnly cookie, only its SHA-256 stored; an idle deadline that slides
// with use, an absolute one that does not; a new token whenever the session becomes fully signed in.
import type { Ctx, RoleGrant } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import type { AuthResult } from '../../http/auth.ts';
import type { Stage } from '../../../api/accounts.ts';
import * as repo from './accounts.repository.ts';
import * as sessions from './sessions.repository.ts';

export interface SessionPolicy {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

/** last_seen_at is written at most this often, so that reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const sessionIdOf = (token: string | undefined): string | undefined =>
  token !== undefined && TOKEN.test(token) ? sha256(token) : undefined;

const minDate = (a: Date, b: Date): Date => (a < b ? a : b);
const idleDeadline = (now: Date, p: SessionPolicy, absolute: Date): Date =>
  minDate(new Date(now.getTime() + p.sessionIdleMinutes * 60_000), absolute);

/** What a freshly authenticated account still owes: a new password first, then MFA. */
export function stageFor(
  a: { must_change_password: boolean; mfa_enrolled_at: Date | null },
  hasRoles: boolean,
): Stage {
  if (a.must_change_password) return 'password';
  if (a.mfa_enrolled_at) return 'mfa';
  return hasRoles ? 'mfa_enrol' : 'active';
}

/** A session's stage, tightened when its account gained a role without having MFA. */
export function effectiveStage(stage: Stage, mfaEnrolled: boolean, hasRoles: boolean): Stage {
  return stage === 'active' && hasRoles && !mfaEnrolled ? 'mfa_enrol' : stage;
}

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
}

export async function createSession(
  ctx: Ctx,
  trx: Tx,
  p: SessionPolicy,
  s: { accountId: string; stage: Stage; absoluteExpiresAt?: Date; userAgent?: string | null },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const id = sha256(token);
  const absolute = s.absoluteExpiresAt ?? new Date(ctx.now.getTime() + p.sessionAbsoluteHours * 3600_000);
  await sessions.insertSession(trx, {
    id,
    account_id: s.accountId,
    csrf_token: csrfToken,
    stage: s.stage,
    created_at: ctx.now,
    last_seen_at: ctx.now,
    expires_at: idleDeadline(ctx.now, p, absolute),
    absolute_expires_at: absolute,
    ip: ctx.ip ?? null,
    user_agent: s.userAgent?.slice(0, 300) ?? null,
  });
  return { id, token, csrfToken };
}

/** Against session fixation: the fully signed-in session gets a new id (and CSRF token); the old one dies. */
export async function rotateToActive(
  ctx: Ctx,
  trx: Tx,
  p: SessionPolicy,
  old: sessions.SessionRow,
): Promise<NewSession> {
  await sessions.revokeSession(trx, old.id, ctx.now);
  return createSession(ctx, trx, p, {
    accountId: old.account_id,
    stage: 'active',
    absoluteExpiresAt: old.absolute_expires_at,
    userAgent: old.user_agent,
  });
}

const live = (s: { revoked_at: Date | null; expires_at: Date; absolute_expires_at: Date }, now: Date) =>
  s.revoked_at === null && s.expires_at > now && s.absolute_expires_at > now;

const accountUsable = (a: { status: string; expires_at: Date | null }, now: Date) =>
  a.status === 'active' && (a.expires_at === null || a.expires_at > now);

export interface CurrentSession {
  session: sessions.SessionRow;
  account: repo.AccountRow;
  hasRoles: boolean;
  stage: Stage;
}

/** The caller's own live session and account (locked for update in a transaction), or 401. */
export async function currentSession(
  ctx: Ctx,
  db: Queryable,
  token: string | undefined,
  opts: { forUpdate?: boolean } = {},
): Promise<CurrentSession> {
  const id = sessionIdOf(token);
  const session = id ? await sessions.findSession(db, id, opts) : undefined;
  const account = session ? await repo.findAccount(db, session.account_id, opts) : undefined;
  if (
    !session ||
    !account ||
    !live(session, ctx.now) ||
    !accountUsable(account, ctx.now) ||
    (ctx.actor.accountId !== undefined && ctx.actor.accountId !== account.id)
  ) {
    throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập không còn hiệu lực', [
      { reason: 'no valid session' },
    ]);
  }
  const hasRoles = (await repo.activeBindings(db, [account.id])).length > 0;
  return {
    session,
    account,
    hasRoles,
    stage: effectiveStage(session.stage, account.mfa_enrolled_at !== null, hasRoles),
  };
}

/**
 * The authenticator's work: the session behind a cookie token, if live and its account usable, as an
 * actor with its current role grants. Refreshes last_seen_at (and the idle deadline) at most once a
 * minute — session bookkeeping, not a change to anyone's data, so it is not an audit event.
 */
export async function resolveSession(
  ctx: Ctx,
  p: SessionPolicy,
  token: string | undefined,
): Promise<AuthResult | undefined> {
  const id = sessionIdOf(token);
  if (!id) return undefined;
  const s = await sessions.findSessionWithAccount(ctx.db, id);
  if (
    !s ||
    !live(s, ctx.now) ||
    !accountUsable({ status: s.status, expires_at: s.account_expires_at }, ctx.now)
  ) {
    return undefined;
  }
  if (ctx.now.getTime() - s.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await sessions.touchSession(ctx.db, s.id, ctx.now, idleDeadline(ctx.now, p, s.absolute_expires_at));
  }
  const grants: RoleGrant[] = s.grants.map((b) => ({
    role: b.role,
    unitId: b.unit_id,
    unitPath: b.unit_path,
  }));
  return {
    actor: {
      id: s.account_id,
      kind: 'user',
      name: s.display_name,
      accountId: s.account_id,
      employeeId: s.employee_id,
      grants,
    },
    stage: effectiveStage(s.stage, s.mfa_enrolled_at !== null, grants.length > 0),
    csrfToken: s.csrf_token,
    sessionId: s.id,
  };
}
