// Managing an issued account: disable, re-enable, reset the password, set an expiry, grant and revoke
// roles. Only inside the actor's subtree (else 404), never on an account ranked above the actor or on
// the actor's own (403); each change, and each role granted or revoked, is an audit event.
import type { Ctx, Role } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { getUnit } from '../org-units/index.ts';
import type { Account, ChangeRoles } from '../../../api/accounts.ts';
import { assertMayGrant, assertMayManage, managingRole } from './authority.ts';
import { hashPassword, oneTimePassword } from './password.ts';
import { byAccount, iso, loadAccount } from './accounts.service.ts';
import * as repo from './accounts.repository.ts';
import { revokeAccountSessions } from './sessions.repository.ts';

interface Change {
  action: string;
  details?: Record<string, unknown>;
  /** The unit the event concerns; the account's home unit by default. */
  unitPath?: string;
}

/** Runs a change on an account the actor may manage (404 outside scope, 403 above rank), audited. */
async function manage(
  ctx: Ctx,
  id: string,
  change: (trx: Tx, a: repo.AccountRow, roles: repo.BindingRow[]) => Promise<Change[]>,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const a = await repo.findScopedAccount(trx, id, ctx.actor, { forUpdate: true });
    if (!a) throw notFound('Tài khoản', id);
    const roles = await repo.activeBindings(trx, [id]);
    assertMayManage(
      ctx.actor,
      a,
      roles.map((r) => r.role),
    );
    const changes = await change(trx, a, roles);
    await audit(
      ctx,
      trx,
      ...changes.map((c) => ({
        action: c.action,
        entity: 'account',
        entityId: id,
        unitPath: c.unitPath ?? a.home_path,
        role: managingRole(ctx.actor, c.unitPath ?? a.home_path),
        details: { username: a.username, ...c.details },
      })),
    );
  });
}

export async function disableAccount(ctx: Ctx, id: string): Promise<Account> {
  await manage(ctx, id, async (trx) => {
    await repo.updateAccount(trx, id, { status: 'disabled', updated_at: ctx.now });
    const revoked = await revokeAccountSessions(trx, id, ctx.now);
    return [{ action: 'account.disable', details: { sessionsRevoked: revoked } }];
  });
  return loadAccount(ctx, ctx.db, id);
}

export async function enableAccount(ctx: Ctx, id: string): Promise<Account> {
  await manage(ctx, id, async (trx) => {
    await repo.updateAccount(trx, id, { status: 'active', updated_at: ctx.now });
    return [{ action: 'account.enable' }];
  });
  return loadAccount(ctx, ctx.db, id);
}

/** A new one-time password, to be changed at the next sign-in; ends every session and any lock-out. */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ oneTimePassword: string }> {
  const target = await repo.findScopedAccount(ctx.db, id, ctx.actor);
  if (!target) throw notFound('Tài khoản', id);
  const otp = oneTimePassword(target.username);
  const passwordHash = await hashPassword(otp);
  await manage(ctx, id, async (trx) => {
    await repo.updateAccount(trx, id, {
      password_hash: passwordHash,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      updated_at: ctx.now,
    });
    const revoked = await revokeAccountSessions(trx, id, ctx.now);
    return [{ action: 'account.password_reset', details: { sessionsRevoked: revoked } }];
  });
  return { oneTimePassword: otp };
}

/** Sets (or clears, with null) the date the account stops working; a past date ends its sessions now. */
export async function expireAccount(ctx: Ctx, id: string, expiresAt: string | null): Promise<Account> {
  const at = expiresAt === null ? null : new Date(expiresAt);
  await manage(ctx, id, async (trx) => {
    await repo.updateAccount(trx, id, { expires_at: at, updated_at: ctx.now });
    const revoked = at && at <= ctx.now ? await revokeAccountSessions(trx, id, ctx.now) : 0;
    return [{ action: 'account.expire', details: { expiresAt: iso(at), sessionsRevoked: revoked } }];
  });
  return loadAccount(ctx, ctx.db, id);
}

/** Grants and revokes roles; each is its own audit event, over the unit it concerns. */
export async function changeRoles(ctx: Ctx, id: string, change: ChangeRoles): Promise<Account> {
  await manage(ctx, id, async (trx, _a, current) => {
    const events: Change[] = [];
    for (const bindingId of new Set(change.revoke ?? [])) {
      const b = current.find((x) => x.id === bindingId);
      if (!b) throw invalid('/revoke', `Vai trò ${bindingId} không thuộc tài khoản này`, 'INVALID_REFERENCE');
      assertMayGrant(ctx.actor, b.role, { id: b.unit_id, path: b.unit_path });
      events.push({
        action: 'account.role_revoke',
        unitPath: b.unit_path,
        details: { bindingId, role: b.role, unitId: b.unit_id },
      });
    }
    await repo.revokeBindings(trx, [...new Set(change.revoke ?? [])], byAccount(ctx), ctx.now);
    const grants: { role: Role; unitId: number; path: string }[] = [];
    for (const g of change.grant ?? []) {
      const unit = await getUnit(trx, g.unitId);
      assertMayGrant(ctx.actor, g.role, unit);
      grants.push({ ...g, path: unit.path });
    }
    const ids = await repo.insertBindings(trx, id, grants, byAccount(ctx), ctx.now);
    grants.forEach((g, i) =>
      events.push({
        action: 'account.role_grant',
        unitPath: g.path,
        details: { bindingId: ids[i], role: g.role, unitId: g.unitId },
      }),
    );
    return events;
  });
  return loadAccount(ctx, ctx.db, id);
}
