// The in-app inbox. Workflows call notify…() inside their own transaction, so a notification exists
// exactly when the event it announces was committed. E-mail delivery is not built (no SMTP here).
import { requireAccount, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { ROLE_PERMISSIONS, type Permission } from '../access/index.ts';
import * as repo from './notifications.repository.ts';

export type { NewNotification } from './notifications.repository.ts';

export async function notifyAccounts(trx: Tx, ids: string[], n: repo.NewNotification, at: Date) {
  await repo.insert(trx, ids, n, at);
}

export async function notifyPerson(trx: Tx, employeeId: string, n: repo.NewNotification, at: Date) {
  await repo.insert(trx, await repo.accountsOfEmployee(trx, employeeId), n, at);
}

/** Everyone who holds `permission` over the unit (e.g. the reviewers of a request about someone there). */
export async function notifyStaff(
  trx: Tx,
  unitPath: string,
  permission: Permission,
  n: repo.NewNotification,
  at: Date,
  except?: string,
) {
  // National administrators hold every permission everywhere; announcing every event in the country to
  // them would bury their inbox, so events go to the staff of the ministries, provinces and units.
  const roles = Object.entries(ROLE_PERMISSIONS)
    .filter(([role, perms]) => role !== 'national_admin' && perms.includes(permission))
    .map(([role]) => role);
  const ids = (await repo.staffOver(trx, unitPath, roles)).filter((id) => id !== except);
  await repo.insert(trx, ids, n, at);
}

export async function inbox(ctx: Ctx, q: { unread?: boolean | undefined; limit?: number | undefined }) {
  const me = requireAccount(ctx, 'Chỉ tài khoản người dùng có hộp thư');
  const [rows, unread] = await Promise.all([
    repo.list(ctx.db, me, q.unread === true, q.limit ?? 50),
    repo.countUnread(ctx.db, me),
  ]);
  return {
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
  };
}

export async function markRead(ctx: Ctx, id: number | undefined): Promise<{ marked: number }> {
  const me = requireAccount(ctx, 'Chỉ tài khoản người dùng có hộp thư');
  return inTransaction(ctx.db, async (trx) => {
    if (id !== undefined && !(await repo.exists(trx, me, id)))
      throw new AppError('NOT_FOUND', `Thông báo ${id} không tồn tại`, [{ reason: 'not in your inbox' }]);
    return { marked: await repo.markRead(trx, me, id, ctx.now) };
  });
}
