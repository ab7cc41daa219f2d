// The ledger's use cases: open an e-record with its recruitment decision, append an action, and
// reconstruct the record on any date. Each write re-folds the whole ledger (backdated actions and
// corrections included) and stores the projection in the same transaction as the new ledger row.
import { randomUUID } from 'node:crypto';
import { Value } from 'typebox/value';
import type { Actor, Ctx } from '../../platform/context.ts';
import { pathWithin, roleFor, scopeRoots, type Permission } from '../access/index.ts';
import { toActions } from './reads.service.ts';
import { AppError, invalid, type ErrorDetail } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction, withTransaction, type Tx } from '../../db/transaction.ts';
import { ACTION_LABELS, NEEDS_DECISION, PAYLOADS, type ActionType } from '../../../api/actions.ts';
import type { ERecord } from '../../../api/employees.ts';
import type { Action, CreateEmployee, NewAction, RoutedAction } from '../../../api/personnel-actions.ts';
import { audit } from '../audit/index.ts';
import { findJobPosition, getOpenUnit, getUnit } from '../org-units/index.ts';
import {
  findIdByPersonId,
  getScopedRecord,
  maskRecord,
  sealSecret,
  insertProjections,
  project,
  projectionRow,
  updateProjection,
  validateIdentity,
  checkActionContent,
  type LedgerEntry,
} from '../employees/index.ts';
import * as repo from './personnel-actions.repository.ts';

/**
 * Federation seam: a ministry/province node may write only the records it owns, and the national node
 * not those a node owns. The federation module (a higher layer) installs the check at start-up.
 */
export type WriteGuard = (trx: Tx, target: { employeeId?: string; managingUnitId?: number }) => Promise<void>;
let writeGuard: WriteGuard | undefined;
export const setWriteGuard = (guard: WriteGuard | undefined): void => void (writeGuard = guard);

/**
 * Federation seam for a direct write on the national node: an action on a record a ministry/province
 * node owns is routed to that owner (one owner at a time) instead of being written here. The router
 * returns what it queued, or undefined when this node owns the record.
 */
export type ActionRouter = (
  ctx: Ctx,
  employeeId: string,
  input: NewAction,
) => Promise<RoutedAction | undefined>;
let actionRouter: ActionRouter | undefined;
export const setActionRouter = (router: ActionRouter | undefined): void => void (actionRouter = router);

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

/**
 * The checks an action passes before any database work (payload shape, decision metadata), for
 * workflows that hold an action as a draft: a draft that could never be applied is refused up front.
 */
export function validateAction(ctx: Ctx, input: NewAction): void {
  checkPayload(input.type, input.payload);
  checkMeta(ctx, input.type, input);
  checkActionContent(input.type, input.payload, { today: localDate(ctx.now) });
}

/** Checks what the payload references: units open on the effective date, job positions, the target action. */
async function checkReferences(
  trx: Tx,
  actor: Actor,
  type: ActionType,
  p: Record<string, unknown>,
  on: string,
  entries: LedgerEntry[],
  permission: Permission = 'employee.write',
  receivingUnits: readonly number[] = [],
) {
  for (const key of ['workingUnitId', 'managingUnitId'] as const) {
    if (typeof p[key] !== 'number') continue;
    const unit = await getOpenUnit(trx, p[key], on, `/payload/${key}`);
    // A unit outside the actor's subtree is, for this actor, a unit that does not exist — except the
    // receiving unit of a transfer-out, which the sending body names without holding any role there.
    if (!receivingUnits.includes(unit.id) && !pathWithin(unit.path, scopeRoots(actor, permission))) {
      throw invalid(`/payload/${key}`, `Đơn vị ${p[key]} không tồn tại`, 'INVALID_REFERENCE');
    }
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
        actor,
        target.type,
        merged,
        (p.effectiveDate as string | undefined) ?? target.effectiveDate,
        entries,
        permission,
      );
    }
  }
}

/** State-secret declarations keep their data encrypted at rest, in the ledger and the projection. */
function sealIfSecret(type: ActionType, payload: Record<string, unknown>): Record<string, unknown> {
  if (type !== 'declare' || payload.secret !== true) return payload;
  return { ...payload, data: sealSecret(payload.data as Record<string, unknown>) };
}

// The writer may act on the record, so the response shows it opened (secret rows stay sealed in storage).
const ALL_VISIBLE = { sensitive: true, secret: true, role: 'writer' };

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
  checkActionContent('recruit', p, { today: localDate(ctx.now), category: p.category });
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
    await writeGuard?.(trx, { managingUnitId: p.managingUnitId });
    await checkReferences(trx, ctx.actor, 'recruit', p, input.effectiveDate, []);
    const managing = await getUnit(trx, p.managingUnitId);
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
      subjectId: id,
      unitPath: managing.path,
      role: roleFor(ctx.actor, 'employee.write', managing.path) ?? ctx.actor.kind,
      details: { actionId, decision: input.decision?.number ?? null },
    });
    return record;
  });
}

export interface AppendOptions {
  /** The caller's transaction, so that a workflow step and its ledger row land together. */
  trx?: Tx | undefined;
  /**
   * The permission under which the action is applied. Officers record with employee.write; an approved
   * request is applied by its checker under the permission that let them approve it.
   */
  permission?: Permission | undefined;
  /**
   * Units the payload may name although they lie outside the actor's subtree: the receiving unit of a
   * transfer out of the current management scope (the transfers module checks it is an open unit).
   */
  receivingUnits?: readonly number[] | undefined;
}

/** A direct write (national administrators): here, or routed to the node that owns the record. */
export async function recordAction(
  ctx: Ctx,
  employeeId: string,
  input: NewAction,
): Promise<{ routed: RoutedAction } | { action: Action; record: ERecord }> {
  const routed = await actionRouter?.(ctx, employeeId, input);
  return routed ? { routed } : appendAction(ctx, employeeId, input);
}

export async function appendAction(
  ctx: Ctx,
  employeeId: string,
  input: NewAction,
  opts: AppendOptions = {},
): Promise<{ action: Action; record: ERecord }> {
  const permission = opts.permission ?? 'employee.write';
  const type = input.type;
  checkPayload(type, input.payload);
  checkMeta(ctx, type, input);
  if (type === 'recruit')
    validateIdentity(
      (input.payload as { identity: Parameters<typeof validateIdentity>[0] }).identity,
      localDate(ctx.now),
    );
  return withTransaction(ctx.db, opts.trx, async (trx) => {
    await writeGuard?.(trx, { employeeId });
    const scoped = await getScopedRecord(trx, employeeId, ctx.actor, permission, { forUpdate: true });
    const rows = await repo.listActionRows(trx, employeeId);
    const entries = rows.map(repo.toEntry);
    await checkReferences(
      trx,
      ctx.actor,
      type,
      input.payload,
      input.effectiveDate,
      entries,
      permission,
      opts.receivingUnits,
    );
    const payload = sealIfSecret(type, input.payload);
    // The stored projection is the fold of these entries: the rules read it rather than fold again.
    const current = scoped.record;
    checkActionContent(type, input.payload, {
      today: localDate(ctx.now),
      birthDate: current.birthDate,
      category: current.category,
    });
    if (type === 'declare' && input.payload.group === 'identity') {
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
    const r = row(ctx, actionId!, employeeId, rows.length + 1, type, { ...input, payload });
    const record = project(employeeId, [...entries, entryOf(r, payload, ctx.now)]);
    await repo.insertActions(trx, [r]);
    await updateProjection(trx, projectionRow(record, rows.length + 1), ctx.now);
    await audit(ctx, trx, {
      action: `employee.action.${type}`,
      entity: 'employee',
      entityId: employeeId,
      subjectId: employeeId,
      unitPath: scoped.managingPath,
      role: roleFor(ctx.actor, permission, scoped.managingPath) ?? ctx.actor.kind,
      details: { actionId, decision: input.decision?.number ?? null },
    });
    const all = await repo.listActionRows(trx, employeeId);
    return {
      action: toActions(all).find((a) => a.id === actionId)!,
      record: maskRecord(record, ALL_VISIBLE),
    };
  });
}
