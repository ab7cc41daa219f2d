// Progressive lock-out: five consecutive failures (wrong password, wrong or reused MFA code) lock the account
// for a minute, each further failure doubles the lock, up to an hour. Success resets the count.
import { ANONYMOUS, type Actor, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import * as repo from './accounts.repository.ts';

export const LOCK_AFTER = 5;
export const MAX_LOCK_MINUTES = 60;

/** Minutes of lock after this many consecutive failures (0: not locked). */
export function lockMinutes(failures: number): number {
  return failures < LOCK_AFTER ? 0 : Math.min(MAX_LOCK_MINUTES, 2 ** (failures - LOCK_AFTER));
}

export const invalidCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng', [
    { reason: 'invalid credentials' },
  ]);

export const wrongCode = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'Mã xác thực không đúng', [{ field: '/code', reason: 'wrong code' }]);

export const accountLocked = (until: Date): AppError =>
  new AppError('ACCOUNT_LOCKED', `Tài khoản tạm khóa đến ${until.toISOString()} do nhập sai nhiều lần`, [
    { reason: `locked until ${until.toISOString()}` },
  ]);

export const lockedUntil = (a: { locked_until: Date | null }, now: Date): Date | undefined =>
  a.locked_until && a.locked_until > now ? a.locked_until : undefined;

/** The account as the actor of its own sign-in events. */
export const accountActor = (a: repo.AccountRow): Actor => ({
  id: a.id,
  kind: 'user',
  name: a.display_name,
  accountId: a.id,
  employeeId: a.employee_id,
  grants: [],
});

/**
 * Counts a failure (in the caller's transaction, on the row it locked) and audits it; returns the
 * error to throw once that transaction has committed: locked if this failure set the lock.
 */
export async function recordFailure(
  ctx: Ctx,
  trx: Tx,
  a: repo.AccountRow,
  reason: 'wrong_password' | 'wrong_totp' | 'replayed_totp',
  step: string,
): Promise<AppError> {
  const failures = a.failed_attempts + 1;
  const minutes = lockMinutes(failures);
  const until = minutes ? new Date(ctx.now.getTime() + minutes * 60_000) : null;
  await repo.updateAccount(trx, a.id, { failed_attempts: failures, locked_until: until ?? a.locked_until });
  const actorCtx = step === 'login' ? { ...ctx, actor: ANONYMOUS } : ctx;
  const base = { entity: 'account', entityId: a.id, unitPath: a.home_path };
  await audit(
    actorCtx,
    trx,
    { ...base, action: 'account.login_failed', details: { username: a.username, step, reason, failures } },
    ...(until
      ? [{ ...base, action: 'account.locked', details: { until: until.toISOString(), failures, minutes } }]
      : []),
  );
  // A replayed code gets the answer of a wrong one; only the audit event tells them apart.
  return until ? accountLocked(until) : reason === 'wrong_password' ? invalidCredentials() : wrongCode();
}
