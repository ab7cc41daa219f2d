// A person's self-service account across a transfer out of the management scope (Circular 06): the
// sending body's decision disables it (sessions end, roles over the old body are revoked); the receiving
// body re-issues the same account — same username, the person's ID number — under its own unit with a
// fresh one-time password, or issues one if the person never had an account. The caller (transfers)
// has checked its authority and passes its transaction, so the account change lands with the transfer.
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { roleFor } from '../access/index.ts';
import { byAccount, createAccount } from './accounts.service.ts';
import * as repo from './accounts.repository.ts';
import { revokeAccountSessions } from './sessions.repository.ts';

/** Disables the person's account, if any, at the sending body's decision; returns its id. */
export async function suspendForTransfer(
  ctx: Ctx,
  trx: Tx,
  employeeId: string,
  unitPath: string,
): Promise<string | null> {
  const id = await repo.accountOfEmployee(trx, employeeId);
  if (!id) return null;
  const roles = await repo.activeBindings(trx, [id]);
  await repo.revokeBindings(
    trx,
    roles.map((r) => r.id),
    byAccount(ctx),
    ctx.now,
  );
  await repo.updateAccount(trx, id, { status: 'disabled', updated_at: ctx.now });
  const revoked = await revokeAccountSessions(trx, id, ctx.now);
  await audit(ctx, trx, {
    action: 'account.disable',
    entity: 'account',
    entityId: id,
    subjectId: employeeId,
    unitPath,
    role: roleFor(ctx.actor, 'employee.transfer', unitPath) ?? null,
    details: { reason: 'transfer', sessionsRevoked: revoked, rolesRevoked: roles.map((r) => r.role) },
  });
  return id;
}

export interface Receiver {
  employeeId: string;
  personId: string;
  fullName: string;
  unit: { id: number; path: string };
  /** The argon2 hash of the one-time password, computed by the caller outside the transaction. */
  passwordHash: string;
}

/** Re-issues (or issues) the person's account under the receiving unit; returns its id. */
export async function reissueForTransfer(ctx: Ctx, trx: Tx, r: Receiver): Promise<string> {
  const id = await repo.accountOfEmployee(trx, r.employeeId);
  if (!id) {
    const a = {
      username: r.personId,
      displayName: r.fullName,
      homeUnit: r.unit,
      employeeId: r.employeeId,
      roles: [],
      passwordHash: r.passwordHash,
    };
    return createAccount(ctx, trx, a, 'account.issue_self_service');
  }
  await repo.updateAccount(trx, id, {
    home_unit_id: r.unit.id,
    password_hash: r.passwordHash,
    must_change_password: true,
    failed_attempts: 0,
    locked_until: null,
    status: 'active',
    updated_at: ctx.now,
  });
  await revokeAccountSessions(trx, id, ctx.now);
  await audit(ctx, trx, {
    action: 'account.reissue',
    entity: 'account',
    entityId: id,
    subjectId: r.employeeId,
    unitPath: r.unit.path,
    role: roleFor(ctx.actor, 'employee.transfer', r.unit.path) ?? null,
    details: { reason: 'transfer', homeUnitId: r.unit.id },
  });
  return id;
}
