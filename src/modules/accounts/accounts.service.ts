// Accounts are issued top-down (Circular 06 Art. 6, 9): the first national admin from the command line,
// everyone else by an admin over their unit; a person's self-service account by their managing body.
// Issuing, and each role granted with it, is audited in its transaction; later changes: manage.service.ts.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { inTransaction, type Queryable, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { isSystem } from '../access/index.ts';
import { getUnit } from '../org-units/index.ts';
import type {
  Account,
  AccountListQuery,
  AccountPage,
  IssueAccount,
  Issued,
  RoleInput,
} from '../../../api/accounts.ts';
import { assertManagesUnit, assertMayGrant, managesPath, managingRole } from './authority.ts';
import { hashPassword, oneTimePassword } from './password.ts';
import * as repo from './accounts.repository.ts';

export const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
/** FK columns take account ids only: system actors are recorded as null there (and by name in audit). */
export const byAccount = (ctx: Ctx): string | null => ctx.actor.accountId ?? null;

export function toAccount(a: repo.AccountRow, bindings: repo.BindingRow[], now: Date): Account {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    employeeId: a.employee_id,
    homeUnitId: a.home_unit_id,
    homeUnitName: a.home_name,
    status: a.status,
    expiresAt: iso(a.expires_at),
    mustChangePassword: a.must_change_password,
    mfaEnrolled: a.mfa_enrolled_at !== null,
    lockedUntil: a.locked_until && a.locked_until > now ? iso(a.locked_until) : null,
    createdAt: iso(a.created_at)!,
    roles: bindings
      .filter((b) => b.account_id === a.id)
      .map((b) => ({
        id: b.id,
        role: b.role,
        unitId: b.unit_id,
        unitName: b.unit_name,
        grantedAt: iso(b.granted_at)!,
      })),
  };
}

export async function loadAccount(ctx: Ctx, db: Queryable, id: string): Promise<Account> {
  const a = await repo.findAccount(db, id);
  if (!a) throw notFound('Tài khoản', id);
  return toAccount(a, await repo.activeBindings(db, [id]), ctx.now);
}

export interface NewAccount {
  username: string;
  displayName: string;
  homeUnit: { id: number; path: string };
  employeeId: string | null;
  roles: (RoleInput & { path: string })[];
  passwordHash: string;
}

export async function createAccount(ctx: Ctx, trx: Tx, a: NewAccount, action: string): Promise<string> {
  if (await repo.usernameTaken(trx, a.username)) {
    throw invalid('/username', `Tên đăng nhập ${a.username} đã được dùng`, 'CONFLICT');
  }
  if (a.employeeId && (await repo.accountOfEmployee(trx, a.employeeId))) {
    throw invalid('/employeeId', 'Người này đã có tài khoản', 'CONFLICT');
  }
  const id = randomUUID();
  await repo.insertAccount(trx, {
    id,
    username: a.username,
    display_name: a.displayName,
    employee_id: a.employeeId,
    home_unit_id: a.homeUnit.id,
    password_hash: a.passwordHash,
    must_change_password: true,
    status: 'active',
    created_by: byAccount(ctx),
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const ids = await repo.insertBindings(trx, id, a.roles, byAccount(ctx), ctx.now);
  await audit(
    ctx,
    trx,
    {
      action,
      entity: 'account',
      entityId: id,
      unitPath: a.homeUnit.path,
      role: managingRole(ctx.actor, a.homeUnit.path),
      subjectId: a.employeeId,
      details: {
        username: a.username,
        employeeId: a.employeeId,
        homeUnitId: a.homeUnit.id,
        roles: a.roles.map((r) => ({ role: r.role, unitId: r.unitId })),
      },
    },
    ...a.roles.map((r, i) => ({
      action: 'account.role_grant',
      entity: 'account',
      entityId: id,
      unitPath: r.path,
      role: managingRole(ctx.actor, r.path),
      details: { bindingId: ids[i], role: r.role, unitId: r.unitId },
    })),
  );
  return id;
}

/** The first national admin, from the command line; refused while one exists unless forced. */
export async function createNationalAdmin(
  ctx: Ctx,
  input: { username: string; displayName: string; force?: boolean },
): Promise<Issued> {
  if (!isSystem(ctx.actor)) {
    throw new AppError('FORBIDDEN', 'Chỉ tạo được từ dòng lệnh', [{ reason: 'system actors only' }]);
  }
  const otp = oneTimePassword(input.username);
  const passwordHash = await hashPassword(otp);
  const id = await inTransaction(ctx.db, async (trx) => {
    const root = await repo.rootUnit(trx);
    if (!root) throw new AppError('INVALID_STATE', 'Chưa có đơn vị gốc (cấp quốc gia)');
    if (!input.force && (await repo.nationalAdminExists(trx, ctx.now))) {
      throw new AppError('CONFLICT', 'Đã có quản trị quốc gia', [
        { reason: 'a national admin exists; use --force to add another' },
      ]);
    }
    const roles = [{ role: 'national_admin' as const, unitId: root.id, path: root.path }];
    const a = { ...input, homeUnit: root, employeeId: null, roles, passwordHash };
    return createAccount(ctx, trx, a, 'account.issue');
  });
  return { account: await loadAccount(ctx, ctx.db, id), oneTimePassword: otp };
}

/** An account with roles (and optionally linked to the person's record), issued by an admin. */
export async function issueAccount(ctx: Ctx, input: IssueAccount): Promise<Issued> {
  const otp = oneTimePassword(input.username);
  const passwordHash = await hashPassword(otp);
  const id = await inTransaction(ctx.db, async (trx) => {
    const roles: NewAccount['roles'] = [];
    for (const r of input.roles) {
      const unit = await getUnit(trx, r.unitId);
      assertMayGrant(ctx.actor, r.role, unit);
      roles.push({ ...r, path: unit.path });
    }
    let employee: repo.EmployeeRef | undefined;
    if (input.employeeId) {
      employee = await repo.findEmployee(trx, input.employeeId);
      if (!employee || !managesPath(ctx.actor, employee.managing_path)) {
        throw notFound('Hồ sơ', input.employeeId);
      }
    }
    const homeId = input.homeUnitId ?? employee?.managing_unit_id ?? input.roles[0]?.unitId;
    if (homeId === undefined) {
      throw invalid('/roles', 'Tài khoản cần ít nhất một vai trò, hoặc gắn với hồ sơ của một người');
    }
    const homeUnit = await getUnit(trx, homeId);
    assertManagesUnit(ctx.actor, homeUnit);
    const a = { ...input, homeUnit, employeeId: input.employeeId ?? null, roles, passwordHash };
    return createAccount(ctx, trx, a, 'account.issue');
  });
  return { account: await loadAccount(ctx, ctx.db, id), oneTimePassword: otp };
}

/** A person's own account (Circular 06 Art. 6): username = their 12-digit ID number, no roles. */
export async function issueSelfServiceAccount(ctx: Ctx, employeeId: string): Promise<Issued> {
  const employee = await repo.findEmployee(ctx.db, employeeId);
  if (!employee || !managesPath(ctx.actor, employee.managing_path)) throw notFound('Hồ sơ', employeeId);
  const otp = oneTimePassword(employee.person_id);
  const passwordHash = await hashPassword(otp);
  const id = await inTransaction(ctx.db, (trx) =>
    createAccount(
      ctx,
      trx,
      {
        username: employee.person_id,
        displayName: employee.full_name,
        homeUnit: { id: employee.managing_unit_id, path: employee.managing_path },
        employeeId,
        roles: [],
        passwordHash,
      },
      'account.issue_self_service',
    ),
  );
  return { account: await loadAccount(ctx, ctx.db, id), oneTimePassword: otp };
}

export async function getAccount(ctx: Ctx, id: string): Promise<Account> {
  const a = await repo.findScopedAccount(ctx.db, id, ctx.actor);
  if (!a) throw notFound('Tài khoản', id);
  return toAccount(a, await repo.activeBindings(ctx.db, [id]), ctx.now);
}

export async function listAccounts(ctx: Ctx, q: AccountListQuery): Promise<AccountPage> {
  const limit = q.limit ?? 50;
  const underPath = q.unitId === undefined ? undefined : (await getUnit(ctx.db, q.unitId)).path;
  const rows = await repo.listAccounts(ctx.db, {
    actor: ctx.actor,
    text: q.q,
    underPath,
    status: q.status,
    after: q.after,
    limit,
  });
  const bindings = await repo.activeBindings(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toAccount(r, bindings, ctx.now)),
    nextAfter: rows.length === limit ? (rows[rows.length - 1]?.username ?? null) : null,
  };
}
