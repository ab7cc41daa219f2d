// The ledger's use cases: open an e-record with its recruitment decision, append an action, and
// reconstruct the record on any date. Each write re-folds the whole ledger (backdated actions and
// corrections included) and stores the projection in the same transaction as the new ledger row.
import { randomUUID } from 'node:crypto';
import { Value } from 'typebox/value';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound, type ErrorDetail } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { ACTION_LABELS, NEEDS_DECISION, PAYLOADS, type ActionType } from '../../../api/actions.ts';
import type { ERecord } from '../../../api/employees.ts';
import type { Action, CreateEmployee, NewAction } from '../../../api/personnel-actions.ts';
import { audit } from '../audit/index.ts';
import { findJobPosition, getOpenUnit } from '../org-units/index.ts';
import {
  findIdByPersonId,
  getCurrentRecord,
  insertProjections,
  lockEmployee,
  project,
  projectionRow,
  updateProjection,
  validateIdentity,
  type LedgerEntry,
} from '../employees/index.ts';
import * as repo from './personnel-actions.repository.ts';

const MIN_AGE: Record<string, number> = { cadre: 18, civil_servant: 18, public_employee: 18, worker: 15 };

function checkPayload(type: ActionType, payload: unknown, base = '/payload'): void {
  const errors = [...Value.Errors(PAYLOADS[type], payload)];
  if (errors.length === 0) return;
  const details: ErrorDetail[] = errors.slice(0, 10).map((e) => {
    const extra = e.params as { additionalProperties?: string[]; requiredProperties?: string[] } | undefined;
    const name = extra?.requiredProperties?.[0] ?? extra?.additionalProperties?.[0];
    return {
      field: `${base}${e.instancePath}${name && !e.instancePath.endsWith(name) ? `/${name}` : ''}`,
      reason: e.message,
    };
  });
  throw new AppError(
    'VALIDATION_FAILED',
    `Nội dung hành động "${ACTION_LABELS[type]}" không hợp lệ`,
    details,
  );
}

function checkMeta(
  ctx: Ctx,
  type: ActionType,
  input: { effectiveDate: string; decision?: { date: string } | undefined },
): void {
  const today = localDate(ctx.now);
  if (NEEDS_DECISION.has(type) && !input.decision) {
    throw invalid(
      '/decision',
      `"${ACTION_LABELS[type]}" phải kèm quyết định (số, ngày, người ký, cơ quan ban hành)`,
    );
  }
  if (input.decision && input.decision.date > today)
    throw invalid('/decision/date', 'Ngày quyết định không được ở tương lai', 'INVALID_DATE');
  if (input.effectiveDate < '1945-09-02')
    throw invalid('/effectiveDate', 'Ngày hiệu lực không hợp lệ', 'INVALID_DATE');
}

/** Checks what the payload references: units open on the effective date, job positions, the target action. */
async function checkReferences(
  trx: Tx,
  type: ActionType,
  p: Record<string, unknown>,
  on: string,
  entries: LedgerEntry[],
) {
  for (const key of ['workingUnitId', 'managingUnitId'] as const) {
    if (typeof p[key] === 'number') await getOpenUnit(trx, p[key], on, `/payload/${key}`);
  }
  if (typeof p.jobPositionId === 'number') {
    const jp = await findJobPosition(trx, p.jobPositionId);
    if (!jp || jp.unit_id !== p.workingUnitId) {
      throw invalid(
        '/payload/jobPositionId',
        'Vị trí việc làm không thuộc đơn vị công tác',
        'INVALID_REFERENCE',
      );
    }
  }
  if (type === 'correction' || type === 'cancellation') {
    const target = entries.find((e) => e.id === p.targetActionId);
    if (!target)
      throw invalid(
        '/payload/targetActionId',
        'Hành động cần đính chính/hủy không thuộc hồ sơ này',
        'INVALID_REFERENCE',
      );
    if (target.type === 'correction' || target.type === 'cancellation') {
      throw invalid('/payload/targetActionId', 'Không thể đính chính hoặc hủy một lệnh đính chính/hủy');
    }
    const cancelled = entries.some(
      (e) => e.type === 'cancellation' && e.payload.targetActionId === target.id,
    );
    if (cancelled)
      throw new AppError('INVALID_STATE', 'Hành động này đã bị hủy', [
        { field: '/payload/targetActionId', reason: 'already cancelled' },
      ]);
    if (type === 'correction') {
      const merged = { ...target.payload, ...(p.payload as Record<string, unknown>) };
      checkPayload(target.type, merged, '/payload/payload');
      if (
        target.type === 'recruit' &&
        (merged.identity as { personId?: string }).personId !==
          (target.payload.identity as { personId?: string }).personId
      ) {
        throw invalid(
          '/payload/payload/identity/personId',
          'Không thể đổi số định danh của hồ sơ; hãy hủy và lập hồ sơ mới',
        );
      }
      await checkReferences(
        trx,
        target.type,
        merged,
        (p.effectiveDate as string | undefined) ?? target.effectiveDate,
        entries,
      );
    }
  }
}

function row(
  ctx: Ctx,
  id: number,
  employeeId: string,
  seq: number,
  type: ActionType,
  input: Omit<NewAction, 'type'>,
): repo.NewActionRow {
  return {
    id,
    employee_id: employeeId,
    seq,
    type,
    effective_date: input.effectiveDate,
    decision_no: input.decision?.number ?? null,
    decision_date: input.decision?.date ?? null,
    signer_name: input.decision?.signerName ?? null,
    signer_title: input.decision?.signerTitle ?? null,
    issuing_body: input.decision?.issuingBody ?? null,
    legal_basis: input.legalBasis ?? null,
    payload: JSON.stringify(input.payload),
    target_action_id: typeof input.payload.targetActionId === 'number' ? input.payload.targetActionId : null,
    note: input.note ?? null,
    recorded_at: ctx.now,
    recorded_by: ctx.actor.id,
    request_id: ctx.requestId,
  };
}

const entryOf = (r: repo.NewActionRow, payload: Record<string, unknown>, at: Date): LedgerEntry => ({
  id: r.id,
  seq: r.seq,
  type: r.type as ActionType,
  effectiveDate: r.effective_date,
  decisionNo: r.decision_no ?? null,
  payload,
  recordedAt: at,
});

export async function createEmployee(ctx: Ctx, input: CreateEmployee): Promise<ERecord> {
  checkMeta(ctx, 'recruit', input);
  const p = input.payload;
  validateIdentity(p.identity, localDate(ctx.now));
  const minAge = MIN_AGE[p.category] ?? 18;
  const adult = `${Number(p.identity.birthDate.slice(0, 4)) + minAge}${p.identity.birthDate.slice(4)}`;
  if (input.effectiveDate < adult)
    throw invalid('/effectiveDate', `Người được tuyển dụng phải đủ ${minAge} tuổi`);
  return inTransaction(ctx.db, async (trx) => {
    if (await findIdByPersonId(trx, p.identity.personId)) {
      throw new AppError('DUPLICATE_PERSON_ID', 'Đã có hồ sơ với số định danh này', [
        { field: '/payload/identity/personId', reason: 'an e-record with this personal ID number exists' },
      ]);
    }
    await checkReferences(trx, 'recruit', p, input.effectiveDate, []);
    const id = randomUUID();
    const [actionId] = await repo.nextActionIds(trx, 1);
    const r = row(ctx, actionId!, id, 1, 'recruit', input);
    const record = project(id, [entryOf(r, p, ctx.now)]);
    await insertProjections(trx, [projectionRow(record, 1)], ctx.now);
    await repo.insertActions(trx, [r]);
    await audit(ctx, trx, {
      action: 'employee.create',
      entity: 'employee',
      entityId: id,
      details: { actionId, decision: input.decision?.number ?? null },
    });
    return record;
  });
}

export async function appendAction(
  ctx: Ctx,
  employeeId: string,
  input: NewAction,
): Promise<{ action: Action; record: ERecord }> {
  const type = input.type;
  checkPayload(type, input.payload);
  checkMeta(ctx, type, input);
  if (type === 'recruit')
    validateIdentity(
      (input.payload as { identity: Parameters<typeof validateIdentity>[0] }).identity,
      localDate(ctx.now),
    );
  return inTransaction(ctx.db, async (trx) => {
    const lock = await lockEmployee(trx, employeeId);
    if (!lock) throw notFound('Hồ sơ', employeeId);
    const rows = await repo.listActionRows(trx, employeeId);
    const entries = rows.map(repo.toEntry);
    await checkReferences(trx, type, input.payload, input.effectiveDate, entries);
    if (type === 'declare' && input.payload.group === 'identity') {
      const current = project(employeeId, entries);
      if ('personId' in (input.payload.data as object))
        throw invalid('/payload/data/personId', 'Số định danh không thay đổi qua kê khai');
      validateIdentity(
        {
          ...(current.identity as Parameters<typeof validateIdentity>[0]),
          ...(input.payload.data as object),
        },
        localDate(ctx.now),
        '/payload/data',
      );
    }
    const [actionId] = await repo.nextActionIds(trx, 1);
    const r = row(ctx, actionId!, employeeId, rows.length + 1, type, input);
    const record = project(employeeId, [...entries, entryOf(r, input.payload, ctx.now)]);
    await repo.insertActions(trx, [r]);
    await updateProjection(trx, projectionRow(record, rows.length + 1), ctx.now);
    await audit(ctx, trx, {
      action: `employee.action.${type}`,
      entity: 'employee',
      entityId: employeeId,
      details: { actionId, decision: input.decision?.number ?? null },
    });
    const all = await repo.listActionRows(trx, employeeId);
    return { action: toActions(all).find((a) => a.id === actionId)!, record };
  });
}

function toActions(rows: repo.ActionRow[]): Action[] {
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
  await getCurrentRecord(ctx.db, employeeId);
  return toActions(await repo.listActionRows(ctx.db, employeeId));
}

/** The record now, or as it stood on `asOf` (valid time) as known at `knownAt` (transaction time). */
export async function getRecord(
  ctx: Ctx,
  employeeId: string,
  opts: { asOf?: string | undefined; knownAt?: string | undefined } = {},
): Promise<ERecord & { unitNames: Record<string, string> }> {
  const today = localDate(ctx.now);
  let record = await getCurrentRecord(ctx.db, employeeId);
  if (opts.asOf || opts.knownAt) {
    const entries = (await repo.listActionRows(ctx.db, employeeId)).map(repo.toEntry);
    const knownAt = opts.knownAt ? new Date(opts.knownAt) : undefined;
    const known = knownAt ? entries.filter((e) => e.recordedAt <= knownAt) : entries;
    if (known.length === 0)
      throw new AppError('NOT_FOUND', 'Hồ sơ chưa được lập vào thời điểm này', [
        { field: 'querystring/knownAt', reason: 'no ledger entry recorded by then' },
      ]);
    record = project(employeeId, known, { asOf: opts.asOf, knownAt });
    if (record.actionsApplied === 0) {
      throw new AppError('NOT_FOUND', `Người này chưa được tuyển dụng vào ngày ${opts.asOf}`, [
        { field: 'querystring/asOf', reason: 'before the first effective action' },
      ]);
    }
  }
  const unitNames = await repo.unitNamesOn(
    ctx.db,
    [...new Set([record.workingUnitId, record.managingUnitId])],
    opts.asOf ?? today,
  );
  return { ...record, unitNames };
}
