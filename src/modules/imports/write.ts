// Writes a batch of planned rows in the caller's transaction: for new people the ledger row, the
// projection and the audit event createEmployee would write — built by the same fold (project) — but
// one statement per table per batch; for changed people a correction of their recruitment, re-folded
// over their whole ledger like appendAction does; for the rows of the kinds' sheets a `declare` action
// each (rows a person's record already holds are skipped), the people touched folded once at the end.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { roleFor } from '../access/index.ts';
import type { AuditWrite } from '../audit/index.ts';
import { project, projectionRow, updateProjection, type LedgerEntry } from '../employees/index.ts';
import { nextActionIds } from '../personnel-actions/index.ts';
import type { CreateEmployee } from '../../../api/personnel-actions.ts';
import * as repo from './imports.repository.ts';
import { canonical, toEntry, type Plan } from './plan.ts';
import { PERSON_SHEET } from './columns.ts';
import type { ValidDeclared } from './declared.ts';
import type { PersonState } from './run.ts';
import { issueAt, type Issue } from './validate.ts';

type Row = Record<string, unknown>;

function actionRow(
  ctx: Ctx,
  id: number,
  employeeId: string,
  seq: number,
  type: string,
  input: CreateEmployee | Row,
): Row {
  const i = input as CreateEmployee;
  return {
    id,
    employee_id: employeeId,
    seq,
    type,
    effective_date: i.effectiveDate,
    decision_no: i.decision?.number ?? null,
    decision_date: i.decision?.date ?? null,
    signer_name: i.decision?.signerName ?? null,
    signer_title: i.decision?.signerTitle ?? null,
    issuing_body: i.decision?.issuingBody ?? null,
    legal_basis: i.legalBasis ?? null,
    payload: i.payload, // an object: the batch goes to the database as one JSON document
    target_action_id:
      typeof (i.payload as Row).targetActionId === 'number' ? (i.payload as Row).targetActionId : null,
    note: i.note ?? null,
    recorded_at: ctx.now,
    recorded_by: ctx.actor.id,
    request_id: ctx.requestId,
  };
}

const entryOf = (r: Row, payload: Row, at: Date): LedgerEntry => ({
  id: r.id as number,
  seq: r.seq as number,
  type: r.type as LedgerEntry['type'],
  effectiveDate: r.effective_date as string,
  decisionNo: (r.decision_no as string | null) ?? null,
  payload,
  recordedAt: at,
});

const roleOf = (ctx: Ctx, path: string, perm: 'employee.write' | 'action.record') =>
  roleFor(ctx.actor, perm, path) ?? ctx.actor.kind;

export async function writeCreates(
  ctx: Ctx,
  trx: Tx,
  plans: Plan[],
  importId: string,
  events: AuditWrite[],
): Promise<{ personId: string; id: string }[]> {
  const creates = plans.filter((p) => p.kind === 'create');
  if (creates.length === 0) return [];
  const made: { personId: string; id: string }[] = [];
  const ids = await nextActionIds(trx, creates.length);
  const employees: Row[] = [];
  const actions: Row[] = [];
  creates.forEach(({ row }, k) => {
    const id = randomUUID();
    made.push({ personId: row.input.payload.identity.personId, id });
    const r = actionRow(ctx, ids[k]!, id, 1, 'recruit', row.input);
    const record = project(id, [entryOf(r, row.input.payload as unknown as Row, ctx.now)]);
    employees.push({ ...projectionRow(record, 1), record, created_at: ctx.now, updated_at: ctx.now });
    actions.push(r);
    events.push({
      action: 'employee.create',
      entity: 'employee',
      entityId: id,
      subjectId: id,
      unitPath: row.managingPath,
      role: roleOf(ctx, row.managingPath, 'employee.write'),
      details: { actionId: ids[k], decision: row.input.decision?.number ?? null, importId },
    });
  });
  // Projection first, then the ledger (its rows reference the projection), as createEmployee does.
  await repo.insertRows(trx, 'employees', repo.EMPLOYEE_COLUMNS, employees);
  await repo.insertRows(trx, 'personnel_actions', repo.ACTION_COLUMNS, actions);
  return made;
}

/**
 * Applies corrections one person at a time; a correction the fold refuses becomes an issue of its row.
 * Returns the ID numbers corrected.
 */
export async function writeUpdates(
  ctx: Ctx,
  trx: Tx,
  plans: Plan[],
  fileName: string,
  issues: Issue[],
  events: AuditWrite[],
): Promise<string[]> {
  const updates = plans.filter((p) => p.kind === 'update');
  if (updates.length === 0) return [];
  const ledger = await repo.ledgerOf(
    trx,
    updates.map((u) => u.existing.id),
    false,
  );
  const byEmployee = new Map<string, repo.LedgerRow[]>();
  for (const l of ledger) byEmployee.set(l.employee_id, [...(byEmployee.get(l.employee_id) ?? []), l]);
  const done: string[] = [];
  for (const u of updates) {
    const entries = (byEmployee.get(u.existing.id) ?? []).map(toEntry);
    const payload: Row = {
      targetActionId: u.targetActionId,
      payload: u.changes,
      reason: `Đính chính theo tệp nhập ${fileName}, dòng ${u.row.row}`,
      ...(u.effectiveDate ? { effectiveDate: u.effectiveDate } : {}),
    };
    const [actionId] = await nextActionIds(trx, 1);
    const input = { effectiveDate: u.row.input.effectiveDate, decision: u.row.input.decision, payload };
    const r = actionRow(ctx, actionId!, u.existing.id, entries.length + 1, 'correction', input);
    let record;
    try {
      record = project(u.existing.id, [...entries, entryOf(r, payload, ctx.now)]);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issues.push(
        issueAt(PERSON_SHEET, u.row.row, 'personId', u.row.input.payload.identity.personId, err.message),
      );
      continue;
    }
    await repo.insertRows(trx, 'personnel_actions', repo.ACTION_COLUMNS, [r]);
    await updateProjection(trx, projectionRow(record, entries.length + 1), ctx.now);
    events.push({
      action: 'employee.action.correction',
      entity: 'employee',
      entityId: u.existing.id,
      subjectId: u.existing.id,
      unitPath: u.existing.managingPath,
      role: roleOf(ctx, u.existing.managingPath, 'action.record'),
      details: { actionId, decision: u.row.input.decision?.number ?? null },
    });
    done.push(u.row.input.payload.identity.personId);
  }
  return done;
}

/**
 * Appends a batch of declared rows (one sheet, so one group) to the ledgers of their people: one
 * `declare` action each, unless the person's record already holds an open row of that kind with the
 * same data (a file imported again writes nothing). The projection is folded later (refoldDeclared).
 * Returns the time spent.
 */
export async function writeDeclared(
  ctx: Ctx,
  trx: Tx,
  batch: ValidDeclared[],
  people: Map<string, PersonState>,
): Promise<number> {
  const started = Date.now();
  const first = batch[0];
  if (!first) return 0;
  const known = batch
    .map((d) => people.get(d.personId)!)
    .filter((p) => p.plan !== 'create' && p.employeeId !== undefined)
    .map((p) => p.employeeId!);
  const held = await repo.openRowsOf(trx, [...new Set(known)], first.group);
  const wanted = batch.filter((d) => {
    const p = people.get(d.personId)!;
    if (!p.employeeId) return false;
    const same = held.get(p.employeeId)?.has(`${d.kind}|${canonical(d.data)}`);
    return !same;
  });
  const ids = await nextActionIds(trx, wanted.length);
  const rows = wanted.map((d, k) => {
    const p = people.get(d.personId)!;
    p.declared++;
    p.written = true;
    const input = { effectiveDate: d.validFrom, payload: { group: d.group, kind: d.kind, data: d.data } };
    return actionRow(ctx, ids[k]!, p.employeeId!, p.nextSeq++, 'declare', input);
  });
  await repo.insertRows(trx, 'personnel_actions', repo.ACTION_COLUMNS, rows);
  return Date.now() - started;
}

/** Folds again, 500 at a time, the people who gained declared rows; audits one event per person. */
export async function refoldDeclared(
  ctx: Ctx,
  trx: Tx,
  people: Map<string, PersonState>,
  importId: string,
  events: AuditWrite[],
): Promise<number> {
  const started = Date.now();
  const touched = [...people.values()].filter((p) => p.declared > 0);
  for (let i = 0; i < touched.length; i += 500) {
    const chunk = touched.slice(i, i + 500);
    const byEmployee = new Map<string, repo.LedgerRow[]>();
    for (const l of await repo.ledgerOf(
      trx,
      chunk.map((p) => p.employeeId!),
      false,
    ))
      byEmployee.set(l.employee_id, [...(byEmployee.get(l.employee_id) ?? []), l]);
    const rows = chunk.map((p) => {
      const entries = (byEmployee.get(p.employeeId!) ?? []).map(toEntry);
      const record = project(p.employeeId!, entries);
      events.push({
        action: 'employee.action.declare',
        entity: 'employee',
        entityId: p.employeeId!,
        subjectId: p.employeeId!,
        unitPath: p.managingPath,
        role: roleOf(ctx, p.managingPath, 'employee.write'),
        details: { importId, rows: p.declared },
      });
      return { ...projectionRow(record, entries.length), record, updated_at: ctx.now };
    });
    await repo.updateProjections(trx, rows);
  }
  return Date.now() - started;
}
