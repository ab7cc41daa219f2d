// National corrections routed to the owner. A record has one owner at a time, so an action the national
// node records on a record a ministry/province node owns is not written on the national node: it is
// queued for the owner (ids made portable), taken by the owner on its next pull and applied there at most
// once, and its ledger row comes back up with the owner's next batch. The owner's verdict (applied with
// its seq, or refused with the code and reason) is reported back and told to the national officer.
import type { Ctx } from '../../platform/context.ts';
import { SYSTEM_ACTOR } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ACTION_LABELS, type ActionType } from '../../../api/actions.ts';
import type { NewAction, RoutedAction } from '../../../api/personnel-actions.ts';
import { audit } from '../audit/index.ts';
import { getScopedRecord } from '../employees/index.ts';
import { notifyAccounts } from '../notifications/index.ts';
import { appendAction, validateAction, type ActionRouter } from '../personnel-actions/index.ts';
import * as repo from './federation.repository.ts';
import { localPayload, portablePayload } from './portable.ts';

/** The action as it travels: the officer's input with its payload's ids as portable references. */
export type PortableAction = Omit<NewAction, 'payload'> & { payload: Record<string, unknown> };

export interface RoutedDown {
  id: string;
  employeeId: string;
  action: PortableAction;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
}

export interface RoutedResult {
  id: string;
  status: 'applied' | 'refused';
  seq: number | null;
  code: string | null;
  reason: string | null;
}

/** The national node acting on behalf of a node (audit log, notifications). */
export const nodeCtx = (ctx: Ctx, code: string): Ctx => ({
  ...ctx,
  actor: { ...SYSTEM_ACTOR, id: `node:${code}`, name: `Nút ${code}` },
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(r: repo.RoutedRow): RoutedAction {
  const a = r.action as PortableAction;
  return {
    id: r.id,
    employeeId: r.employee_id,
    node: r.node_code,
    status: r.status,
    type: a.type,
    typeLabel: ACTION_LABELS[a.type as ActionType] ?? a.type,
    effectiveDate: a.effectiveDate,
    decisionNo: a.decision?.number ?? null,
    requestedBy: r.requested_by_name,
    requestedAt: iso(r.requested_at)!,
    seq: r.seq,
    code: r.code,
    reason: r.reason,
    decidedAt: iso(r.decided_at),
  };
}

// ---- national node ----

/** Installed on the national node: queues the action for the owning node, or leaves it to be written here. */
export const routeToOwner: ActionRouter = async (ctx, employeeId, input) => {
  if (!(await repo.ownerOf(ctx.db, employeeId))) return undefined;
  validateAction(ctx, input);
  return inTransaction(ctx.db, async (trx) => {
    await repo.lockRecord(trx, employeeId);
    const owner = await repo.ownerOf(trx, employeeId);
    if (!owner) return undefined;
    const scoped = await getScopedRecord(trx, employeeId, ctx.actor, 'employee.write');
    const ledger = await repo.ledgerOf(trx, employeeId);
    const target = input.payload.targetActionId;
    if (target !== undefined && !ledger.some((r) => r.id === target)) {
      throw invalid(
        '/payload/targetActionId',
        'Hành động cần đính chính/hủy không thuộc hồ sơ này',
        'INVALID_REFERENCE',
      );
    }
    const action: PortableAction = { ...input, payload: await portablePayload(trx, input.payload, ledger) };
    const id = crypto.randomUUID();
    await repo.insertRouted(trx, {
      id,
      employee_id: employeeId,
      node_code: owner,
      action,
      requested_by: ctx.actor.id,
      requested_by_name: ctx.actor.name,
      requested_by_account: ctx.actor.accountId ?? null,
      requested_at: ctx.now,
    });
    await audit(ctx, trx, {
      action: 'federation.action.route',
      entity: 'employee',
      entityId: employeeId,
      subjectId: employeeId,
      unitPath: scoped.managingPath,
      details: { routedId: id, node: owner, type: input.type, decision: input.decision?.number ?? null },
    });
    return view((await repo.findRouted(trx, id))!);
  });
};

/** What the owners made of routed actions: recorded once, told to the officer who recorded it. */
export async function takeRoutedResults(ctx: Ctx, node: string, results: RoutedResult[]): Promise<void> {
  for (const res of results) {
    await inTransaction(ctx.db, async (trx) => {
      const r = await repo.findRouted(trx, res.id, true);
      if (!r || r.node_code !== node || r.status !== 'pending') return;
      await repo.decideRouted(trx, r.id, { ...res, at: ctx.now });
      const p = await repo.projectionOf(trx, r.employee_id);
      await audit(nodeCtx(ctx, node), trx, {
        action: `federation.action.${res.status}`,
        entity: 'employee',
        entityId: r.employee_id,
        subjectId: r.employee_id,
        unitPath: p?.managing_path,
        details: { routedId: r.id, node, seq: res.seq, code: res.code },
      });
      if (!r.requested_by_account) return;
      const label = view(r).typeLabel;
      await notifyAccounts(
        trx,
        [r.requested_by_account],
        res.status === 'applied'
          ? {
              kind: 'federation.routed.applied',
              title: `Nút ${node} đã cập nhật hồ sơ`,
              body: `${p?.full_name ?? r.employee_id}: ${label} đã được ghi vào hồ sơ (hành động số ${res.seq})`,
              link: `/records/${r.employee_id}`,
            }
          : {
              kind: 'federation.routed.refused',
              title: `Nút ${node} không ghi được hành động`,
              body: `${p?.full_name ?? r.employee_id}: ${label} — ${res.reason ?? res.code ?? ''}`,
              link: `/records/${r.employee_id}`,
            },
        ctx.now,
      );
    });
  }
}

export async function routedFor(ctx: Ctx, node: string, limit: number): Promise<RoutedDown[]> {
  return (await repo.pendingRoutedFor(ctx.db, node, limit)).map((r) => ({
    id: r.id,
    employeeId: r.employee_id,
    action: r.action as PortableAction,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedAt: iso(r.requested_at)!,
  }));
}

/** Routed actions the actor may see (a record's, or all pending ones), newest first. */
export async function listRoutedActions(
  ctx: Ctx,
  q: { employeeId?: string | undefined; status?: string | undefined; limit?: number | undefined },
): Promise<RoutedAction[]> {
  // Decisions about people: audited like a search, with the people it listed.
  return inTransaction(ctx.db, async (trx) => {
    const visible = await repo.listRouted(trx, { ...q, actor: ctx.actor, limit: q.limit ?? 200 });
    await audit(ctx, trx, {
      action: 'federation.action.list',
      entity: 'employee',
      details: { query: q, count: visible.length, subjects: [...new Set(visible.map((r) => r.employee_id))] },
    });
    return visible.map(view);
  });
}

// ---- local node ----

const reasonOf = (err: AppError) => {
  const d = err.details[0];
  return d ? `${err.message} (${[d.field, d.reason].filter(Boolean).join(': ')})` : err.message;
};

/**
 * Applies routed actions not taken before, each in one transaction with the row that marks it taken,
 * as the national officer who recorded it. Returns how many were newly taken.
 */
export async function applyRouted(ctx: Ctx, routed: RoutedDown[]): Promise<number> {
  let taken = 0;
  for (const r of routed) {
    const as: Ctx = {
      ...ctx,
      actor: { ...SYSTEM_ACTOR, id: r.requestedBy, name: `${r.requestedByName} (nút quốc gia)` },
      requestId: `routed:${r.id}`,
    };
    try {
      await inTransaction(ctx.db, async (trx) => {
        const claim = { id: r.id, employee_id: r.employeeId, status: 'applied' as const, at: ctx.now };
        if (!(await repo.claimRouted(trx, claim))) return;
        const ledger = await repo.ledgerOf(trx, r.employeeId);
        const payload = await localPayload(trx, r.action.payload, ledger);
        const input = { ...r.action, payload } as NewAction;
        const { action } = await appendAction(as, r.employeeId, input, { trx });
        await repo.setReceivedSeq(trx, r.id, action.seq);
        taken++;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await inTransaction(ctx.db, async (trx) => {
        const claim = { id: r.id, employee_id: r.employeeId, status: 'refused' as const, at: ctx.now };
        if (!(await repo.claimRouted(trx, { ...claim, code: err.code, reason: reasonOf(err) }))) return;
        await audit(as, trx, {
          action: 'federation.action.refuse',
          entity: 'employee',
          entityId: r.employeeId,
          subjectId: r.employeeId,
          details: { routedId: r.id, code: err.code, reason: reasonOf(err) },
        });
        taken++;
      });
    }
  }
  return taken;
}

export async function unreportedResults(ctx: Ctx): Promise<RoutedResult[]> {
  return repo.unreportedRouted(ctx.db, 1000);
}
