// Who may issue and manage which accounts: account.manage over the unit (else the unit or account
// does not exist for them: 404), and never a role ranked above the actor's own there (403).
import type { Actor, Role } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { ROLE_PERMISSIONS, ROLE_RANK, isSystem, pathWithin, roleFor, scopeRoots } from '../access/index.ts';

const covers = (root: string, path: string): boolean => path === root || path.startsWith(`${root}.`);

/** The actor's highest rank among the account-managing roles it holds over this path (0: none). */
export function rankAt(actor: Actor, path: string): number {
  if (isSystem(actor)) return Number.POSITIVE_INFINITY;
  let rank = 0;
  for (const g of actor.grants) {
    if (ROLE_PERMISSIONS[g.role].includes('account.manage') && covers(g.unitPath, path)) {
      rank = Math.max(rank, ROLE_RANK[g.role]);
    }
  }
  return rank;
}

export const managesPath = (actor: Actor, path: string): boolean =>
  pathWithin(path, scopeRoots(actor, 'account.manage'));

/** The unit must lie in the actor's account-management scope: elsewhere it does not exist for them. */
export function assertManagesUnit(actor: Actor, unit: { id: number; path: string }): void {
  if (!managesPath(actor, unit.path)) throw notFound('Đơn vị', unit.id);
}

/** Throws unless the actor may grant (or revoke) this role over this unit. */
export function assertMayGrant(actor: Actor, role: Role, unit: { id: number; path: string }): void {
  assertManagesUnit(actor, unit);
  if (role === 'national_admin' && !isSystem(actor) && !actor.grants.some((g) => g.role === role)) {
    throw new AppError('FORBIDDEN', 'Chỉ quản trị quốc gia mới cấp được vai trò quản trị quốc gia', [
      { field: '/roles', reason: 'national_admin is granted by a national admin only' },
    ]);
  }
  if (ROLE_RANK[role] > rankAt(actor, unit.path)) {
    throw new AppError('FORBIDDEN', 'Không thể cấp vai trò cao hơn vai trò của chính mình', [
      { field: '/roles', reason: `role ${role} ranks above the actor's own over unit ${unit.id}` },
    ]);
  }
}

/** An account may be managed by one who outranks-or-equals every role it holds, and not by itself. */
export function assertMayManage(
  actor: Actor,
  account: { id: string; home_path: string },
  roles: Role[],
): void {
  if (actor.accountId === account.id) {
    throw new AppError('FORBIDDEN', 'Không thể tự quản trị tài khoản của chính mình', [
      { reason: 'an account cannot manage itself' },
    ]);
  }
  const top = Math.max(0, ...roles.map((r) => ROLE_RANK[r]));
  if (top > rankAt(actor, account.home_path)) {
    throw new AppError('FORBIDDEN', 'Tài khoản có vai trò cao hơn vai trò của người thao tác', [
      { reason: 'the account holds a role ranked above the actor' },
    ]);
  }
}

/** The role to record in the audit log for an account-management act over a path. */
export const managingRole = (actor: Actor, path: string): string | null =>
  isSystem(actor) ? null : (roleFor(actor, 'account.manage', path) ?? null);
