// The monthly signed approval (Circular 06 Art. 7): in the last 5 days of each month the competent
// person of each ministry/province approves the month's changes by digital signature. The system builds
// a manifest — every ledger action recorded for the people the unit manages since its previous
// approval, each with its hash — the approver signs those exact bytes (detached CMS), and the stored
// manifest and signature let anyone with access re-verify later, against the ledger as it is then.
import { randomUUID } from 'node:crypto';
import { requireAccount, type Ctx } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { sha256 } from '../../platform/crypto.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { pathWithin, roleFor, scopeRoots } from '../access/index.ts';
import { audit, storedCheckpoint } from '../audit/index.ts';
import { getUnit } from '../org-units/index.ts';
import type { MonthlyApproval, NewMonthlyApproval } from '../../../api/workflows.ts';
import * as repo from './approvals.repository.ts';
import { signRemotely, verifySignature } from './signature.ts';

/** The window opens this many days before the month's end (the last 5 days: 26–30 of a 30-day month). */
const WINDOW_DAYS = 5;

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function windowOpens(month: string): string {
  const d = new Date(`${lastDayOf(month)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (WINDOW_DAYS - 1));
  return d.toISOString().slice(0, 10);
}

/** Midnight in Vietnam (UTC+7) at the start of the month. */
const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00+07:00`);

/** The unit must be a ministry or province (first level below the nation) the actor approves for. */
async function approvableUnit(ctx: Ctx, q: Queryable, unitId: number) {
  const u = await getUnit(q, unitId);
  if (!pathWithin(u.path, scopeRoots(ctx.actor, 'month.approve')))
    throw new AppError('NOT_FOUND', `Đơn vị ${unitId} không tồn tại`, [
      { field: 'unitId', reason: 'outside your scope' },
    ]);
  if (u.path.split('.').length !== 2)
    throw invalid('/unitId', 'Phê duyệt hằng tháng do bộ, ngành, tỉnh, thành phố thực hiện');
  return u;
}

interface Built {
  unit: { id: number; code: string; name: string; path: string };
  coversFrom: Date;
  coversTo: Date;
  actions: repo.ManifestAction[];
  bytes: Buffer;
}

async function build(q: Queryable, unit: Built['unit'], month: string, coversTo: Date): Promise<Built> {
  const coversFrom = (await repo.lastCoverEnd(q, unit.id)) ?? monthStart(month);
  if (coversTo <= coversFrom)
    throw invalid('/coversTo', 'Thời điểm chốt phải sau lần phê duyệt trước', 'INVALID_DATE');
  const actions = await repo.monthActions(q, unit.path, coversFrom, coversTo);
  // The audit log's newest signed checkpoint up to the cut-off goes into what the approver signs: a
  // copy of the log's state kept outside its tables, against which truncation shows (issue 16).
  const auditCheckpoint = await storedCheckpoint(q, coversTo);
  const doc = {
    format: 'hoso.monthly-approval/1',
    unit: { id: unit.id, code: unit.code, name: unit.name },
    month,
    coversFrom: coversFrom.toISOString(),
    coversTo: coversTo.toISOString(),
    actions,
    ...(auditCheckpoint ? { auditCheckpoint } : {}),
  };
  return { unit, coversFrom, coversTo, actions, bytes: Buffer.from(JSON.stringify(doc), 'utf8') };
}

/** The manifest to sign: what changed for the unit's people since its last approval, up to now. */
export async function prepareManifest(ctx: Ctx, unitId: number, month: string) {
  const unit = await approvableUnit(ctx, ctx.db, unitId);
  const coversTo = new Date(Math.min(ctx.now.getTime(), monthStart(nextMonth(month)).getTime()));
  const b = await inTransaction(ctx.db, async (trx) => {
    const built = await build(trx, unit, month, coversTo);
    // The manifest names people and their changes: reading it is a read of personal data.
    await audit(ctx, trx, {
      action: 'month.manifest.read',
      entity: 'monthly_approval',
      entityId: `${unit.id}:${month}`,
      unitPath: unit.path,
      role: roleFor(ctx.actor, 'month.approve', unit.path) ?? ctx.actor.kind,
      details: {
        actions: built.actions.length,
        subjects: [...new Set(built.actions.map((a) => a.employeeId))],
      },
    });
    return built;
  });
  return {
    unitId,
    month,
    coversFrom: b.coversFrom.toISOString(),
    coversTo: b.coversTo.toISOString(),
    actionCount: b.actions.length,
    sha256: sha256(b.bytes),
    manifestBase64: b.bytes.toString('base64'),
  };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function toView(r: Omit<repo.ApprovalRow, 'unit_path'>): MonthlyApproval {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    month: r.month,
    coversFrom: new Date(r.covers_from).toISOString(),
    coversTo: new Date(r.covers_to).toISOString(),
    actionCount: r.action_count,
    manifestSha256: r.manifest_sha256,
    signerSubject: r.signer_subject,
    signerSerial: r.signer_serial,
    signedBy: r.signed_by,
    signedAt: new Date(r.signed_at).toISOString(),
    late: localDate(new Date(r.signed_at)) > lastDayOf(r.month),
  };
}

/** Records the approval once its signature verifies over the manifest rebuilt for the same cut-off. */
export async function approveMonth(ctx: Ctx, input: NewMonthlyApproval): Promise<MonthlyApproval> {
  // The approval is a person's act: it is signed by, and recorded against, an account.
  const accountId = requireAccount(ctx, 'Phê duyệt phải do một tài khoản người dùng thực hiện');
  const today = localDate(ctx.now);
  if (today < windowOpens(input.month))
    throw new AppError(
      'OUTSIDE_APPROVAL_WINDOW',
      `Chỉ phê duyệt dữ liệu tháng ${input.month} từ ngày ${windowOpens(input.month)}`,
      [{ field: '/month', reason: `window opens ${windowOpens(input.month)}` }],
    );
  const coversTo = new Date(input.coversTo);
  if (coversTo > ctx.now) throw invalid('/coversTo', 'Thời điểm chốt không được ở tương lai', 'INVALID_DATE');
  return inTransaction(ctx.db, async (trx) => {
    const unit = await approvableUnit(ctx, trx, input.unitId);
    if (await repo.monthTaken(trx, unit.id, input.month))
      throw new AppError('CONFLICT', `Dữ liệu tháng ${input.month} của đơn vị đã được phê duyệt`, [
        { field: '/month', reason: 'already approved' },
      ]);
    const b = await build(trx, unit, input.month, coversTo);
    // Signed on the approver's own device, or remotely by the node's signer when none is sent.
    const signature = input.signatureBase64
      ? Buffer.from(input.signatureBase64, 'base64')
      : await signRemotely(b.bytes, ctx.now);
    const check = await verifySignature(signature, b.bytes);
    if (!check.valid)
      throw new AppError('SIGNATURE_INVALID', 'Chữ ký số không hợp lệ với bản kê dữ liệu tháng', [
        { field: '/signatureBase64', reason: check.reason ?? 'signature does not verify' },
      ]);
    const id = randomUUID();
    const row = {
      id,
      unit_id: unit.id,
      month: input.month,
      covers_from: b.coversFrom,
      covers_to: b.coversTo,
      manifest: b.bytes,
      manifest_sha256: sha256(b.bytes),
      action_count: b.actions.length,
      signature,
      signer_subject: check.subject,
      signer_serial: check.serial,
      signed_by: accountId,
      signed_at: ctx.now,
    };
    await repo.insertApproval(trx, row);
    await audit(ctx, trx, {
      action: 'month.approve',
      entity: 'monthly_approval',
      entityId: id,
      unitPath: unit.path,
      role: roleFor(ctx.actor, 'month.approve', unit.path) ?? ctx.actor.kind,
      details: {
        month: input.month,
        actions: b.actions.length,
        manifest: row.manifest_sha256,
        signer: check.subject,
      },
    });
    return toView({ ...row, unit_name: unit.name });
  });
}

export async function listApprovals(
  ctx: Ctx,
  f: { unitId?: number | undefined; month?: string | undefined },
) {
  return (await repo.listApprovals(ctx.db, ctx.actor, f)).map(toView);
}

async function getApproval(ctx: Ctx, id: string) {
  const r = await repo.findApproval(ctx.db, id, ctx.actor);
  if (!r)
    throw new AppError('NOT_FOUND', `Phê duyệt ${id} không tồn tại`, [{ reason: 'approval not found' }]);
  return r;
}

/** The signed bytes, for verifying offline (e.g. `openssl cms -verify -binary -inform DER`). */
export async function approvalFiles(ctx: Ctx, id: string) {
  const r = await getApproval(ctx, id);
  return { manifestBase64: r.manifest.toString('base64'), signatureBase64: r.signature.toString('base64') };
}

/** Re-verifies the signature over the stored manifest, and the manifest against the ledger now. */
export async function verifyApproval(ctx: Ctx, id: string) {
  const r = await getApproval(ctx, id);
  const problems: string[] = [];
  const sig = await verifySignature(r.signature, r.manifest);
  if (!sig.valid) problems.push(`Chữ ký không hợp lệ: ${sig.reason ?? ''}`.trim());
  if (sha256(r.manifest) !== r.manifest_sha256) problems.push('Bản kê đã bị thay đổi sau khi ký');
  const listed = (JSON.parse(r.manifest.toString('utf8')) as { actions: repo.ManifestAction[] }).actions;
  const now = await repo.actionHashes(
    ctx.db,
    listed.map((a) => a.id),
  );
  const changed = listed.filter((a) => now.get(a.id) !== a.sha256).map((a) => a.id);
  if (changed.length)
    problems.push(`Dữ liệu đã ký bị thay đổi: hành động ${changed.slice(0, 20).join(', ')}`);
  return {
    id,
    valid: problems.length === 0,
    signatureValid: sig.valid,
    actionsIntact: changed.length === 0,
    signerSubject: r.signer_subject,
    signedAt: new Date(r.signed_at).toISOString(),
    problems,
  };
}
