// Ownership on writes, sync lag, and per-record digests to compare nodes.
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { ensureCalendar, workingDaysBetween } from '../calendar/index.ts';
import type { WriteGuard } from '../personnel-actions/index.ts';
import { canonicalJson, sha256 } from './crypto.ts';
import * as repo from './federation.repository.ts';
import { portableLedger } from './portable.ts';
import type { SyncState } from './local.service.ts';

/** Circular 06 / Decree 27 Art. 19: changes reach the national database within 3 working days. */
export const LATE_AFTER_WORKING_DAYS = 3;

const notOwner = (reason: string) =>
  new AppError('NOT_OWNER', 'Hồ sơ này do nút khác quản lý; nút này chỉ được xem lịch sử', [{ reason }]);

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

async function targetPath(trx: Tx, t: { employeeId?: string; managingUnitId?: number }) {
  if (t.employeeId) return (await repo.projectionOf(trx, t.employeeId))?.managing_path;
  return t.managingUnitId ? (await repo.unitById(trx, t.managingUnitId))?.path : undefined;
}

/** A local node writes only the records managed inside its scope. */
export function localGuard(scopeCode: string): WriteGuard {
  return async (trx, target) => {
    const root = await repo.openUnitByCode(trx, scopeCode);
    const path = await targetPath(trx, target);
    if (!root) throw notOwner(`the org tree of ${scopeCode} has not arrived from the national node yet`);
    if (path !== undefined && !within(path, root.path)) throw notOwner(`managed outside ${scopeCode}`);
  };
}

/** A local node's structure (units, quotas, job positions) is the national node's, shared down. */
export const localOrgGuard = (): void => {
  throw new AppError(
    'NOT_OWNER',
    'Cơ cấu tổ chức, biên chế và vị trí việc làm do nút quốc gia quản lý và chia sẻ xuống nút này',
    [{ reason: 'the org structure of a ministry/province node comes from the national node' }],
  );
};

/** The national node does not write records a node owns, nor create them in a node's scope. */
export const nationalGuard: WriteGuard = async (trx, target) => {
  const owner = target.employeeId ? await repo.ownerOf(trx, target.employeeId) : undefined;
  if (owner) throw notOwner(`owned by node ${owner}`);
  if (!target.managingUnitId) return;
  const path = await targetPath(trx, target);
  const node = path ? await repo.nodeForPath(trx, path) : undefined;
  if (node) throw notOwner(`inside the scope of node ${node}`);
};

export async function localStatus(ctx: Ctx, node: { code: string; scope: string; nationalUrl: string }) {
  const state = (await repo.readState<SyncState>(ctx.db, 'sync')) ?? {};
  const pending = await repo.pendingSummary(ctx.db);
  const lagSeconds = pending.oldest
    ? Math.max(0, (ctx.now.getTime() - new Date(pending.oldest).getTime()) / 1000)
    : 0;
  return {
    role: 'local' as const,
    code: node.code,
    scope: node.scope,
    nationalUrl: node.nationalUrl,
    lastAttemptAt: state.lastAttemptAt ?? null,
    lastSuccessAt: state.lastSuccessAt ?? null,
    lastError: state.lastError ?? null,
    pendingRecords: pending.records,
    pendingRows: pending.rows,
    lagSeconds: Math.round(lagSeconds),
    refused: (state.refused ?? []).map((r) => ({
      employeeId: r.employeeId,
      code: r.code ?? '',
      have: r.have,
    })),
  };
}

export interface SyncLag {
  node: string;
  /** Seconds since the node's last exchange; null when it never completed one. */
  lagSeconds: number | null;
}

const secondsSince = (now: Date, at: Date | string) =>
  Math.max(0, Math.round((now.getTime() - new Date(at).getTime()) / 1000));

/**
 * Each node's sync lag, for /metrics: on the national node the time since each registered node's last
 * batch or pull (since its registration when it has not exchanged yet); on a local node the time since
 * its own last successful exchange with the national node. One small read, cheap at every scrape.
 */
export async function syncLags(
  ctx: Ctx,
  node: { role: 'national' | 'local'; code?: string | undefined },
): Promise<SyncLag[]> {
  if (node.role === 'local') {
    const state = (await repo.readState<SyncState>(ctx.db, 'sync')) ?? {};
    const last = state.lastSuccessAt;
    return [{ node: node.code ?? 'local', lagSeconds: last ? secondsSince(ctx.now, last) : null }];
  }
  return (await repo.listNodes(ctx.db)).map((n) => {
    const exchanges = [n.last_batch_at, n.last_pull_at]
      .filter((t): t is Date => t !== null)
      .map((t) => new Date(t).getTime());
    const last = exchanges.length ? new Date(Math.max(...exchanges)) : n.registered_at;
    return { node: n.code, lagSeconds: secondsSince(ctx.now, last) };
  });
}

export async function nationalStatus(ctx: Ctx) {
  const today = localDate(ctx.now);
  await inTransaction(ctx.db, (trx) => ensureCalendar(trx, ctx.now));
  const nodes = [];
  for (const n of await repo.listNodes(ctx.db)) {
    const times = [n.last_batch_at, n.last_pull_at].filter((t): t is Date => t !== null);
    const last = times.length ? new Date(Math.max(...times.map((t) => new Date(t).getTime()))) : null;
    const since = localDate(last ?? new Date(n.registered_at));
    const days = await workingDaysBetween(ctx.db, since, today);
    nodes.push({
      code: n.code,
      scopeCode: n.scope_code,
      lastExchangeAt: last?.toISOString() ?? null,
      workingDaysSinceExchange: days,
      late: days > LATE_AFTER_WORKING_DAYS,
      undeliveredRecords: await repo.pendingCountFor(ctx.db, n.code),
      pendingRoutedActions: await repo.pendingRoutedCount(ctx.db, n.code),
    });
  }
  return { role: 'national' as const, nodes };
}

/**
 * A digest per record over its portable ledger and the projection's key facts (units by code), equal
 * on every node that holds the same record: how convergence is checked.
 */
export async function recordDigests(ctx: Ctx, after: string | null, limit: number) {
  const ids = await repo.allEmployeeIds(ctx.db, limit, after);
  const out = [];
  for (const id of ids) {
    const p = (await repo.projectionOf(ctx.db, id))!;
    const ledger = await portableLedger(ctx.db, id);
    const facts = { ...p, id: undefined, managing_path: undefined };
    out.push({
      employeeId: id,
      seq: p.action_count,
      managingUnit: p.managing_code,
      digest: sha256(canonicalJson({ ledger, facts })),
    });
  }
  return out;
}
