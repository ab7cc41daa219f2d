// Change requests: nothing reaches the ledger until the managing body has checked it.
// - A person declares or updates their personal groups (self-service); the managing body's reviewer
//   approves (the declaration is applied as a ledger action) or rejects with a reason.
// - An officer drafts an HR action (maker); an approver applies it (checker).
// Nobody decides their own request or a request about their own record. Approval applies the action
// in the same transaction as the decision, so a failed action leaves the request pending and the
// record untouched.
import { randomUUID } from 'node:crypto';
import { requireAccount, type Ctx } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { holds, roleFor, type Permission } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { checkDeclaration, getScopedRecord } from '../employees/index.ts';
import { appendAction, validateAction } from '../personnel-actions/index.ts';
import { notifyAccounts, notifyStaff } from '../notifications/index.ts';
import type { NewAction } from '../../../api/personnel-actions.ts';
import type { ChangeRequest, NewDeclaration, NewDraft } from '../../../api/workflows.ts';
import { decodeFiles, type Evidence } from './evidence.ts';
import * as repo from './requests.repository.ts';
import { requestView } from './reads.service.ts';

const REVIEW: Record<repo.RequestRow['kind'], Permission> = {
  declaration: 'request.review',
  hr_action: 'action.approve',
};

interface Submission {
  employeeId: string;
  kind: repo.RequestRow['kind'];
  action: NewAction;
  note: string | undefined;
  files: Evidence[];
  /** Permission that lets the submitter see the record (own record for self-service). */
  permission: Permission;
  allowSelf: boolean;
}

async function submit(ctx: Ctx, s: Submission): Promise<ChangeRequest> {
  const by = requireAccount(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const scoped = await getScopedRecord(trx, s.employeeId, ctx.actor, s.permission, {
      allowSelf: s.allowSelf,
    });
    // A person declares only their personal data, checked against their record before it waits.
    if (s.kind === 'declaration')
      checkDeclaration(
        s.action.payload as { group: string; kind: string; data: Record<string, unknown> },
        { today: localDate(ctx.now), birthDate: scoped.record.birthDate, category: scoped.record.category },
        '/payload',
        { selfService: true },
      );
    const id = randomUUID();
    await repo.insertRequest(trx, {
      id,
      employee_id: s.employeeId,
      kind: s.kind,
      action: s.action as unknown as Record<string, unknown>,
      note: s.note ?? null,
      status: 'pending',
      submitted_by: by,
      submitted_at: ctx.now,
    });
    await repo.insertFiles(
      trx,
      s.files.map((f) => ({ ...f, request_id: id })),
    );
    await audit(ctx, trx, {
      action: `request.submit.${s.kind}`,
      entity: 'change_request',
      entityId: id,
      subjectId: s.employeeId,
      unitPath: scoped.managingPath,
      role: roleFor(ctx.actor, s.permission, scoped.managingPath) ?? 'self',
      details: { type: s.action.type, files: s.files.map((f) => f.sha256) },
    });
    const what = s.kind === 'declaration' ? 'kê khai, cập nhật thông tin' : `dự thảo "${s.action.type}"`;
    await notifyStaff(
      trx,
      scoped.managingPath,
      REVIEW[s.kind],
      {
        kind: `request.${s.kind}`,
        title: `Yêu cầu ${what} chờ duyệt`,
        body: `${scoped.record.fullName}: ${what}`,
        link: `/requests/${id}`,
      },
      ctx.now,
      by,
    );
    return requestView(trx, id);
  });
}

/** The person declares or updates one of their personal groups (self-service). */
export async function submitDeclaration(ctx: Ctx, input: NewDeclaration): Promise<ChangeRequest> {
  const employeeId = ctx.actor.employeeId;
  if (!employeeId)
    throw new AppError('FORBIDDEN', 'Chỉ người có hồ sơ mới tự kê khai', [
      { reason: 'not a personal account' },
    ]);
  const today = localDate(ctx.now);
  const effectiveDate = input.effectiveDate ?? today;
  if (effectiveDate > today)
    throw invalid('/effectiveDate', 'Ngày hiệu lực không được ở tương lai', 'INVALID_DATE');
  const action: NewAction = { type: 'declare', effectiveDate, payload: input.payload };
  validateAction(ctx, action);
  const files = decodeFiles(input.files);
  return submit(ctx, {
    employeeId,
    kind: 'declaration',
    action,
    note: input.note,
    files,
    permission: 'employee.read',
    allowSelf: true,
  });
}

const DRY_RUN = Symbol('dry run');

/**
 * Applies the action in a transaction that is always rolled back: a draft the record could not take
 * today (a unit outside the maker's subtree, an impossible career step) is refused when it is made,
 * not days later at approval. Approval applies it again, against the record as it is then.
 */
async function dryRun(ctx: Ctx, employeeId: string, action: NewAction): Promise<void> {
  try {
    await inTransaction(ctx.db, async (trx) => {
      await appendAction(ctx, employeeId, action, { trx });
      throw DRY_RUN;
    });
  } catch (err) {
    if (err !== DRY_RUN) throw err;
  }
}

/** An officer drafts an HR action for an approver to apply (maker-checker). */
export async function submitDraft(ctx: Ctx, employeeId: string, input: NewDraft): Promise<ChangeRequest> {
  const { files: raw, note, ...rest } = input;
  const action: NewAction = rest;
  validateAction(ctx, action);
  const files = decodeFiles(raw);
  await dryRun(ctx, employeeId, action);
  return submit(ctx, {
    employeeId,
    kind: 'hr_action',
    action,
    note,
    files,
    permission: 'employee.write',
    allowSelf: false,
  });
}

/** Locks a pending request the actor may decide; refuses deciding one's own. */
async function decidable(ctx: Ctx, trx: Tx, id: string, me: string) {
  const r = await repo.findRequest(trx, id, true);
  const permission = r ? REVIEW[r.kind] : 'request.review';
  if (!holds(ctx.actor, permission))
    throw new AppError('FORBIDDEN', 'Tài khoản không có quyền duyệt loại yêu cầu này', [
      { reason: `needs permission ${permission}` },
    ]);
  // Scope first: a request about someone outside the checker's subtree does not exist for them.
  if (!r || r.submitted_by !== me) {
    if (!r) throw new AppError('NOT_FOUND', `Yêu cầu ${id} không tồn tại`, [{ reason: 'request not found' }]);
    await getScopedRecord(trx, r.employee_id, ctx.actor, permission);
  }
  if (r.submitted_by === me || r.employee_id === ctx.actor.employeeId)
    throw new AppError('SELF_APPROVAL', 'Không ai được tự duyệt yêu cầu của mình hoặc về hồ sơ của mình', [
      { reason: 'maker and checker must be different people' },
    ]);
  if (r.status !== 'pending')
    throw new AppError('INVALID_STATE', `Yêu cầu đã ở trạng thái "${r.status}"`, [
      { reason: `status ${r.status}` },
    ]);
  return { r, permission };
}

export async function approve(ctx: Ctx, id: string): Promise<ChangeRequest> {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const { r, permission } = await decidable(ctx, trx, id, me);
    const { action } = await appendAction(ctx, r.employee_id, r.action as unknown as NewAction, {
      trx,
      permission,
    });
    await repo.decide(trx, id, { status: 'approved', by: me, at: ctx.now, actionId: action.id });
    await audit(ctx, trx, {
      action: `request.approve.${r.kind}`,
      entity: 'change_request',
      entityId: id,
      subjectId: r.employee_id,
      unitPath: r.managing_path,
      role: roleFor(ctx.actor, permission, r.managing_path) ?? ctx.actor.kind,
      details: { actionId: action.id, maker: r.submitted_by },
    });
    await notifyAccounts(
      trx,
      [r.submitted_by],
      {
        kind: 'request.approved',
        title: 'Yêu cầu đã được duyệt',
        body: `${r.full_name}: ${action.typeLabel} đã được cập nhật vào hồ sơ`,
        link: `/requests/${id}`,
      },
      ctx.now,
    );
    return requestView(trx, id);
  });
}

export async function reject(ctx: Ctx, id: string, reason: string): Promise<ChangeRequest> {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const { r, permission } = await decidable(ctx, trx, id, me);
    await repo.decide(trx, id, { status: 'rejected', by: me, at: ctx.now, reason });
    await audit(ctx, trx, {
      action: `request.reject.${r.kind}`,
      entity: 'change_request',
      entityId: id,
      subjectId: r.employee_id,
      unitPath: r.managing_path,
      role: roleFor(ctx.actor, permission, r.managing_path) ?? ctx.actor.kind,
      details: { reason },
    });
    await notifyAccounts(
      trx,
      [r.submitted_by],
      {
        kind: 'request.rejected',
        title: 'Yêu cầu bị từ chối',
        body: `${r.full_name}: ${reason}`,
        link: `/requests/${id}`,
      },
      ctx.now,
    );
    return requestView(trx, id);
  });
}

/** The submitter takes back a request that is still pending. */
export async function withdraw(ctx: Ctx, id: string): Promise<ChangeRequest> {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const r = await repo.findRequest(trx, id, true);
    if (!r || r.submitted_by !== me)
      throw new AppError('NOT_FOUND', `Yêu cầu ${id} không tồn tại`, [{ reason: 'not your request' }]);
    if (r.status !== 'pending')
      throw new AppError('INVALID_STATE', `Yêu cầu đã ở trạng thái "${r.status}"`, [
        { reason: `status ${r.status}` },
      ]);
    await repo.decide(trx, id, { status: 'withdrawn', by: null, at: ctx.now });
    await audit(ctx, trx, {
      action: 'request.withdraw',
      entity: 'change_request',
      entityId: id,
      subjectId: r.employee_id,
      unitPath: r.managing_path,
      details: {},
    });
    return requestView(trx, id);
  });
}
