// Signing in: password (the same answer and about the same time for a wrong username or password),
// then a new password if one is owed, then TOTP enrolment or entry; the session becomes active, with
// a new token, only at the end. Every step, success or failure, is an audit event.
import { ANONYMOUS, type Ctx } from '../../platform/context.ts';
import { AppError, rateLimited } from '../../platform/errors.ts';
import { decrypt, encrypt, hmac } from '../../platform/crypto.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { audit, type AuditWrite } from '../audit/index.ts';
import { takeEach, type Bucket } from '../rate-limit/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Me, MfaEnrolment, SignInState, Stage } from '../../../api/accounts.ts';
import { checkPasswordPolicy, hashPassword, verifyDummy, verifyPassword } from './password.ts';
import { newTotpSecret, totpMatchingSteps } from './totp.ts';
import { accountActor, accountLocked, invalidCredentials, lockedUntil, recordFailure } from './lockout.ts';
import {
  createSession,
  currentSession,
  rotateToActive,
  sessionIdOf,
  stageFor,
  type CurrentSession,
  type SessionPolicy,
} from './sessions.service.ts';
import * as repo from './accounts.repository.ts';
import * as sessions from './sessions.repository.ts';
import { toAccount } from './accounts.service.ts';

/** The new sign-in state; `token` is set when the caller must be sent a new session cookie. */
export interface StepResult {
  state: SignInState;
  token?: string;
}

const state = (a: repo.AccountRow, stage: Stage, csrfToken: string, patch: Partial<repo.AccountRow> = {}) => {
  const x = { ...a, ...patch };
  return {
    stage,
    csrfToken,
    account: {
      id: x.id,
      username: x.username,
      displayName: x.display_name,
      employeeId: x.employee_id,
      mustChangePassword: x.must_change_password,
      mfaEnrolled: x.mfa_enrolled_at !== null,
    },
  };
};

const event = (a: repo.AccountRow, action: string, details: Record<string, unknown> = {}): AuditWrite => ({
  action,
  entity: 'account',
  entityId: a.id,
  unitPath: a.home_path,
  details: { username: a.username, ...details },
});

/** A sign-in step's policy: the session's, and how many attempts a minute an IP address and an
 * account name (or sign-in session) may make (config, through the cookie policy). */
export type SignInPolicy = SessionPolicy & Pick<Config, 'loginRatePerIp' | 'loginRatePerAccount'>;

/**
 * Counts the attempt in each bucket before any password is hashed, so that a flood is refused with
 * 429 at the cost of one statement per bucket and the event loop stays free for everyone else.
 */
async function throttle(ctx: Ctx, step: string, buckets: readonly Bucket[]): Promise<void> {
  const refused = await takeEach(ctx.db, buckets, ctx.now);
  if (!refused) return;
  const { bucket, wait } = refused;
  await inTransaction(ctx.db, (trx) =>
    audit({ ...ctx, actor: ANONYMOUS }, trx, {
      action: 'account.login_throttled',
      entity: 'account',
      details: { step, limit: bucket.slice(0, bucket.indexOf(':')), retryAfter: wait },
    }),
  );
  throw rateLimited(wait, 'lần đăng nhập');
}

export async function login(
  ctx: Ctx,
  p: SignInPolicy,
  input: { username: string; password: string; userAgent?: string | undefined },
): Promise<StepResult> {
  const anon: Ctx = { ...ctx, actor: ANONYMOUS };
  const username = input.username.trim().toLowerCase();
  await throttle(ctx, 'login', [
    [`login-ip:${ctx.ip ?? 'unknown'}`, p.loginRatePerIp],
    // Keyed by a MAC of the name: the table holds no usernames (nor passwords typed into the field).
    [`login-account:${hmac(`login-username:${username}`)}`, p.loginRatePerAccount],
  ]);
  const found = await repo.findAccountByUsername(ctx.db, username);
  if (!found) {
    await verifyDummy(input.password);
    await inTransaction(ctx.db, (trx) =>
      audit(anon, trx, {
        action: 'account.login_failed',
        entity: 'account',
        // Not the text itself: people type their password into the username field.
        details: { usernameHmac: hmac(`login-username:${username}`), step: 'login', reason: 'unknown_user' },
      }),
    );
    throw invalidCredentials();
  }
  const passwordOk = await verifyPassword(found.password_hash, input.password);
  const outcome = await inTransaction(ctx.db, async (trx): Promise<StepResult | AppError> => {
    const a = (await repo.findAccount(trx, found.id, { forUpdate: true }))!;
    const refused = (reason: string) =>
      audit(
        anon,
        trx,
        event(a, 'account.login_failed', { step: 'login', reason, passwordCorrect: passwordOk }),
      );
    if (a.status === 'disabled') return refused('disabled').then(invalidCredentials);
    if (a.expires_at && a.expires_at <= ctx.now) return refused('expired').then(invalidCredentials);
    const until = lockedUntil(a, ctx.now);
    if (until) return refused('locked').then(() => accountLocked(until));
    // A password reset between the check above and this lock: the old password no longer counts.
    if (!passwordOk || a.password_hash !== found.password_hash) {
      return recordFailure(ctx, trx, a, 'wrong_password', 'login');
    }
    await repo.updateAccount(trx, a.id, { failed_attempts: 0, locked_until: null });
    const hasRoles = (await repo.activeBindings(trx, [a.id])).length > 0;
    const stage = stageFor(a, hasRoles);
    const s = await createSession(ctx, trx, p, { accountId: a.id, stage, userAgent: input.userAgent });
    await audit({ ...ctx, actor: accountActor(a) }, trx, event(a, 'account.login', { stage }));
    return { state: state(a, stage, s.csrfToken), token: s.token };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

const wrongStage = (stage: Stage, step: string): AppError =>
  new AppError('INVALID_STATE', 'Bước đăng nhập này không áp dụng lúc này', [
    { reason: `${step} is not available in stage ${stage}` },
  ]);

/** Runs a sign-in step in a transaction on the caller's locked session and account. */
async function step(
  ctx: Ctx,
  token: string | undefined,
  fn: (c: CurrentSession, trx: Tx) => Promise<StepResult | AppError>,
): Promise<StepResult> {
  const outcome = await inTransaction(ctx.db, async (trx) =>
    fn(await currentSession(ctx, trx, token, { forUpdate: true }), trx),
  );
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/** The first-login password change (stage 'password') or a voluntary one (active). */
export async function changePassword(
  ctx: Ctx,
  p: SessionPolicy,
  token: string | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<StepResult> {
  const pre = await currentSession(ctx, ctx.db, token);
  if (pre.stage !== 'password' && pre.stage !== 'active') throw wrongStage(pre.stage, 'password change');
  const until = lockedUntil(pre.account, ctx.now);
  if (until) throw accountLocked(until);
  const currentOk = await verifyPassword(pre.account.password_hash, input.currentPassword);
  if (currentOk) {
    checkPasswordPolicy(input.newPassword, pre.account.username);
    if (input.newPassword === input.currentPassword) {
      throw new AppError('WEAK_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại', [
        { field: '/newPassword', reason: 'must differ from the current password' },
      ]);
    }
  }
  const newHash = currentOk ? await hashPassword(input.newPassword) : '';
  return step(ctx, token, async (c, trx) => {
    const a = c.account;
    if (!currentOk || a.password_hash !== pre.account.password_hash) {
      return recordFailure(ctx, trx, a, 'wrong_password', 'password_change');
    }
    const patch = { must_change_password: false, password_changed_at: ctx.now };
    await repo.updateAccount(trx, a.id, {
      ...patch,
      password_hash: newHash,
      failed_attempts: 0,
      locked_until: null,
      updated_at: ctx.now,
    });
    const revoked = await sessions.revokeAccountSessions(trx, a.id, ctx.now, c.session.id);
    const next = c.stage === 'active' ? 'active' : stageFor({ ...a, ...patch }, c.hasRoles);
    const s =
      next === 'active' && c.stage !== 'active' ? await rotateToActive(ctx, trx, p, c.session) : undefined;
    if (!s) await sessions.setSessionStage(trx, c.session.id, next);
    await audit(
      ctx,
      trx,
      event(a, 'account.password_change', { stage: next, otherSessionsRevoked: revoked }),
    );
    return { state: state(a, next, s?.csrfToken ?? c.session.csrf_token, patch), token: s?.token };
  });
}

const mayEnrol = (c: CurrentSession): boolean =>
  c.stage === 'mfa_enrol' || (c.stage === 'active' && c.account.mfa_enrolled_at === null);

/** Starts TOTP enrolment: a new secret, stored encrypted and unconfirmed until a code proves it. */
export async function enrolMfa(ctx: Ctx, token: string | undefined): Promise<MfaEnrolment> {
  let out: MfaEnrolment | undefined;
  await step(ctx, token, async (c, trx) => {
    if (!mayEnrol(c)) return wrongStage(c.stage, 'MFA enrolment');
    out = newTotpSecret(c.account.username);
    // The last-used step belongs to the old secret; none of the new secret's codes has been used.
    await repo.updateAccount(trx, c.account.id, {
      totp_secret: encrypt(out.secret),
      totp_last_step: null,
      updated_at: ctx.now,
    });
    await audit(ctx, trx, event(c.account, 'account.mfa_enrol_start'));
    return { state: state(c.account, c.stage, c.session.csrf_token) };
  });
  return out!;
}

/**
 * Checks a TOTP code; success completes sign-in (new session token), failure counts toward lock-out.
 * A code is good once: only for a time step later than the last accepted one, claimed atomically.
 */
async function totpStep(
  ctx: Ctx,
  p: SignInPolicy,
  token: string | undefined,
  code: string,
  kind: 'confirm' | 'verify',
): Promise<StepResult> {
  await throttle(ctx, `mfa_${kind}`, [
    [`mfa-ip:${ctx.ip ?? 'unknown'}`, p.loginRatePerIp],
    [`mfa-session:${sessionIdOf(token) ?? 'none'}`, p.loginRatePerAccount],
  ]);
  return step(ctx, token, async (c, trx) => {
    const a = c.account;
    if (kind === 'confirm' ? !mayEnrol(c) : c.stage !== 'mfa') return wrongStage(c.stage, `MFA ${kind}`);
    if (!a.totp_secret) return wrongStage(c.stage, 'MFA confirmation before enrolment');
    const until = lockedUntil(a, ctx.now);
    if (until) return accountLocked(until);
    const steps = totpMatchingSteps(decrypt(a.totp_secret), code, ctx.now);
    if (steps.length === 0) return recordFailure(ctx, trx, a, 'wrong_totp', `mfa_${kind}`);
    const last = a.totp_last_step;
    const fresh = steps.filter((s) => last === null || s > last);
    if (fresh.length === 0 || !(await repo.claimTotpStep(trx, a.id, Math.max(...fresh)))) {
      return recordFailure(ctx, trx, a, 'replayed_totp', `mfa_${kind}`);
    }
    const patch = kind === 'confirm' ? { mfa_enrolled_at: ctx.now } : {};
    await repo.updateAccount(trx, a.id, { ...patch, failed_attempts: 0, locked_until: null });
    const s = c.session.stage === 'active' ? undefined : await rotateToActive(ctx, trx, p, c.session);
    await audit(ctx, trx, event(a, kind === 'confirm' ? 'account.mfa_enrolled' : 'account.mfa_verified'));
    return { state: state(a, 'active', s?.csrfToken ?? c.session.csrf_token, patch), token: s?.token };
  });
}

export const confirmMfa = (ctx: Ctx, p: SignInPolicy, token: string | undefined, code: string) =>
  totpStep(ctx, p, token, code, 'confirm');

export const verifyMfa = (ctx: Ctx, p: SignInPolicy, token: string | undefined, code: string) =>
  totpStep(ctx, p, token, code, 'verify');

/** Where the caller's sign-in stands (for a page reload mid-way). */
export async function signInState(ctx: Ctx, token: string | undefined): Promise<SignInState> {
  const c = await currentSession(ctx, ctx.db, token);
  return state(c.account, c.stage, c.session.csrf_token);
}

export async function logout(ctx: Ctx, token: string | undefined): Promise<void> {
  await step(ctx, token, async (c, trx) => {
    await sessions.revokeSession(trx, c.session.id, ctx.now);
    await audit(ctx, trx, event(c.account, 'account.logout'));
    return { state: state(c.account, c.stage, '') };
  });
}

export async function logoutAll(ctx: Ctx, token: string | undefined): Promise<number> {
  let n = 0;
  await step(ctx, token, async (c, trx) => {
    n = await sessions.revokeAccountSessions(trx, c.account.id, ctx.now);
    await audit(ctx, trx, event(c.account, 'account.logout_all', { sessionsRevoked: n }));
    return { state: state(c.account, c.stage, '') };
  });
  return n;
}

export async function me(ctx: Ctx): Promise<Me> {
  const id = ctx.actor.accountId;
  const a = id ? await repo.findAccount(ctx.db, id) : undefined;
  if (!a) throw new AppError('UNAUTHENTICATED', 'Cần đăng nhập bằng tài khoản', [{ reason: 'no account' }]);
  const acc = toAccount(a, await repo.activeBindings(ctx.db, [a.id]), ctx.now);
  return {
    id: acc.id,
    username: acc.username,
    displayName: acc.displayName,
    employeeId: acc.employeeId,
    homeUnitId: acc.homeUnitId,
    homeUnitName: acc.homeUnitName,
    mfaEnrolled: acc.mfaEnrolled,
    expiresAt: acc.expiresAt,
    roles: acc.roles,
  };
}
