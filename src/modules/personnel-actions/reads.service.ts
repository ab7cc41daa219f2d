// Reading an e-record and its ledger: scoped to the reader's subtree (or their own record), masked
// to what their role may see, and audited in the same transaction as the read.
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ACTION_LABELS, type ActionType } from '../../../api/actions.ts';
import type { ERecord } from '../../../api/employees.ts';
import type { Action } from '../../../api/personnel-actions.ts';
import { audit } from '../audit/index.ts';
import { getScopedRecord, maskPayload, maskRecord, project, visibilityFor } from '../employees/index.ts';
import * as repo from './personnel-actions.repository.ts';
import { findRowKind } from '../../../api/record/spec.ts';

export function toActions(rows: repo.ActionRow[]): Action[] {
  const cancelledBy = new Map<number, number>();
  const correctedBy = new Map<number, number[]>();
  for (const r of rows) {
    if (r.target_action_id === null) continue;
    if (r.type === 'cancellation') cancelledBy.set(r.target_action_id, r.id);
    if (r.type === 'correction')
      correctedBy.set(r.target_action_id, [...(correctedBy.get(r.target_action_id) ?? []), r.id]);
  }
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    type: r.type,
    typeLabel: ACTION_LABELS[r.type as ActionType] ?? r.type,
    effectiveDate: r.effective_date,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    signerName: r.signer_name,
    signerTitle: r.signer_title,
    issuingBody: r.issuing_body,
    legalBasis: r.legal_basis,
    payload: r.payload,
    targetActionId: r.target_action_id,
    note: r.note,
    recordedAt: new Date(r.recorded_at).toISOString(),
    recordedBy: r.recorded_by,
    cancelledBy: cancelledBy.get(r.id) ?? null,
    correctedBy: correctedBy.get(r.id) ?? [],
  }));
}

export async function listActions(ctx: Ctx, employeeId: string): Promise<Action[]> {
  return inTransaction(ctx.db, async (trx) => {
    const scoped = await getScopedRecord(trx, employeeId, ctx.actor, 'employee.read', { allowSelf: true });
    const v = visibilityFor(ctx.actor, employeeId, [scoped.managingPath, scoped.workingPath]);
    await audit(ctx, trx, {
      action: 'employee.read.actions',
      entity: 'employee',
      entityId: employeeId,
      subjectId: employeeId,
      unitPath: scoped.managingPath,
      role: v.role,
      details: { masked: !v.sensitive },
    });
    return toActions(await repo.listActionRows(trx, employeeId)).map((a) => ({
      ...a,
      payload: maskPayload(a.type, a.payload, v),
    }));
  });
}

/** The record now, or as it stood on `asOf` (valid time) as known at `knownAt` (transaction time). */
export async function getRecord(
  ctx: Ctx,
  employeeId: string,
  opts: { asOf?: string | undefined; knownAt?: string | undefined } = {},
): Promise<ERecord & { unitNames: Record<string, string> }> {
  // No transaction: a read changes nothing, so there is nothing for its audit event to commit with.
  // What matters is that no record leaves unaudited: the event is committed (its own statement)
  // before the answer is returned, and a failed audit fails the request. Three statements, not five.
  const db = ctx.db;
  const scoped = await getScopedRecord(db, employeeId, ctx.actor, 'employee.read', { allowSelf: true });
  let record = scoped.record;
  if (opts.asOf || opts.knownAt) {
    const entries = (await repo.listActionRows(db, employeeId)).map(repo.toEntry);
    const knownAt = opts.knownAt ? new Date(opts.knownAt) : undefined;
    const known = knownAt ? entries.filter((e) => e.recordedAt <= knownAt) : entries;
    if (known.length === 0) {
      throw new AppError('NOT_FOUND', 'Hồ sơ chưa được lập vào thời điểm này', [
        { field: 'querystring/knownAt', reason: 'no ledger entry recorded by then' },
      ]);
    }
    record = project(employeeId, known, { asOf: opts.asOf, knownAt });
    if (record.actionsApplied === 0) {
      throw new AppError('NOT_FOUND', `Người này chưa được tuyển dụng vào ngày ${opts.asOf}`, [
        { field: 'querystring/asOf', reason: 'before the first effective action' },
      ]);
    }
  }
  const v = visibilityFor(ctx.actor, employeeId, [scoped.managingPath, scoped.workingPath]);
  await audit(ctx, db, {
    action: 'employee.read',
    entity: 'employee',
    entityId: employeeId,
    subjectId: employeeId,
    unitPath: scoped.managingPath,
    role: v.role,
    details: { asOf: opts.asOf ?? null, knownAt: opts.knownAt ?? null, masked: !v.sensitive },
  });
  // Every unit the record names (rows of transfers, appointments, concurrent posts too), so that a
  // reader sees names, never ids.
  const unitIds = [...new Set([record.workingUnitId, record.managingUnitId, ...unitsNamedIn(record)])];
  const unitNames = await repo.unitNamesOn(db, unitIds, opts.asOf ?? localDate(ctx.now));
  return { ...maskRecord(record, v), unitNames };
}

function unitsNamedIn(record: ERecord): number[] {
  const ids: number[] = [];
  for (const rows of Object.values(record.groups))
    for (const r of rows)
      for (const f of findRowKind(r.kind)?.fields ?? [])
        if (f.type === 'unit' && typeof r.data[f.key] === 'number') ids.push(r.data[f.key] as number);
  return ids;
}
