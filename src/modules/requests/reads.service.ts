// Reading change requests: the inbox of those who decide them, the person's own list, one request
// and its evidence files. Requests carry personal data, so opening one or a file is an audited read.
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { findScopedRecord } from '../employees/index.ts';
import type { ChangeRequest } from '../../../api/workflows.ts';
import * as repo from './requests.repository.ts';

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `Yêu cầu ${id} không tồn tại`, [{ reason: 'request not found' }]);

function toView(r: repo.RequestRow, files: repo.FileMeta[]): ChangeRequest {
  return {
    id: r.id,
    employeeId: r.employee_id,
    fullName: r.full_name,
    kind: r.kind,
    action: r.action,
    note: r.note,
    status: r.status,
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name,
    submittedAt: new Date(r.submitted_at).toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    reason: r.reason,
    appliedActionId: r.applied_action_id,
    files: files
      .filter((f) => f.request_id === r.id)
      .map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size })),
  };
}

export async function requestView(trx: Tx, id: string): Promise<ChangeRequest> {
  const r = await repo.findRequest(trx, id);
  if (!r) throw notFound(id);
  return toView(r, await repo.filesOf(trx, [id]));
}

export async function listRequests(
  ctx: Ctx,
  q: { status?: string | undefined; kind?: string | undefined; limit?: number | undefined },
): Promise<ChangeRequest[]> {
  // The inbox shows other people's proposed changes: audited like a search, with the people it listed.
  return inTransaction(ctx.db, async (trx) => {
    const rows = await repo.listVisible(trx, ctx.actor, { ...q, limit: q.limit ?? 100 });
    await audit(ctx, trx, {
      action: 'request.list',
      entity: 'change_request',
      details: { query: q, count: rows.length, subjects: [...new Set(rows.map((r) => r.employee_id))] },
    });
    const files = await repo.filesOf(
      trx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toView(r, files));
  });
}

export async function listMyRequests(ctx: Ctx): Promise<ChangeRequest[]> {
  if (!ctx.actor.employeeId) return [];
  const rows = await repo.listOwn(ctx.db, ctx.actor.employeeId, 200);
  const files = await repo.filesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toView(r, files));
}

/** The request when the actor submitted it, it is about their own record, or it is in their scope. */
async function visible(ctx: Ctx, trx: Tx, id: string): Promise<repo.RequestRow> {
  const r = await repo.findRequest(trx, id);
  if (!r) throw notFound(id);
  if (r.submitted_by === ctx.actor.accountId || r.employee_id === ctx.actor.employeeId) return r;
  const perms =
    r.kind === 'declaration'
      ? (['request.review'] as const)
      : (['action.approve', 'employee.write'] as const);
  for (const p of perms) if (await findScopedRecord(trx, r.employee_id, ctx.actor, p)) return r;
  throw notFound(id);
}

export async function getRequest(ctx: Ctx, id: string): Promise<ChangeRequest> {
  return inTransaction(ctx.db, async (trx) => {
    const r = await visible(ctx, trx, id);
    await audit(ctx, trx, {
      action: 'request.read',
      entity: 'change_request',
      entityId: id,
      subjectId: r.employee_id,
      unitPath: r.managing_path,
      details: {},
    });
    return toView(r, await repo.filesOf(trx, [id]));
  });
}

export async function getRequestFile(ctx: Ctx, id: string, fileId: number) {
  return inTransaction(ctx.db, async (trx) => {
    const r = await visible(ctx, trx, id);
    const f = await repo.findFile(trx, id, fileId);
    if (!f) throw new AppError('NOT_FOUND', `Tệp ${fileId} không tồn tại`, [{ reason: 'file not found' }]);
    await audit(ctx, trx, {
      action: 'request.file.read',
      entity: 'change_request',
      entityId: id,
      subjectId: r.employee_id,
      unitPath: r.managing_path,
      details: { fileId, sha256: f.sha256 },
    });
    return {
      name: f.name,
      mediaType: f.media_type,
      sha256: f.sha256,
      contentBase64: f.content.toString('base64'),
    };
  });
}
