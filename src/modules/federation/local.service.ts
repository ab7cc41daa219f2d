// A ministry/province node's side of the exchange: push the ledger rows the national node has not
// acknowledged (per-record seq cursor), then pull the org tree and the records it now owns. Each step
// is safe to repeat: a lost answer only means the same rows are sent again and recognised.
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { catalogsInUse, takeCatalogs, useStoredCatalogs } from '../catalogs/index.ts';
import { applyRecord } from './apply.ts';
import { signEnvelope, type NodeKey } from './crypto.ts';
import * as repo from './federation.repository.ts';
import type { BatchEnvelope, Changes, ChangesEnvelope, RecordResult } from './national.service.ts';
import { portableLedger } from './portable.ts';
import { applyStructure } from './units.ts';
import { applyRouted, unreportedResults } from './routed.ts';

const RECORDS_PER_BATCH = 100;

export interface LocalNode {
  code: string;
  scope: string;
  nationalUrl: string;
  key: NodeKey;
  /** Rows of structure per answer on the first load of the tree (the national node's default if unset). */
  structurePageSize?: number;
  /** Called once, after the first org tree arrived (e.g. to issue the node's first account). */
  onTreeReady?: (ctx: Ctx) => Promise<void>;
}

export interface SyncState {
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string | null;
  unitsSince?: string | null;
  /** Where the first load of the tree stands while it goes on (it resumes there after an error). */
  structureCursor?: string | null;
  catalogsVersion?: string | null;
  refused?: RecordResult[];
}

async function post<T>(node: LocalNode, path: string, envelope: object): Promise<T> {
  const res = await fetch(`${node.nationalUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signEnvelope(node.key, envelope)),
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Sends unacknowledged rows until none are left; returns how many rows the national node took. */
async function push(ctx: Ctx, node: LocalNode, refused: RecordResult[]): Promise<number> {
  let taken = 0;
  const skip = new Set<string>();
  for (;;) {
    const pending = (await repo.pendingRecords(ctx.db, RECORDS_PER_BATCH + skip.size)).filter(
      (p) => !skip.has(p.id),
    );
    if (pending.length === 0) return taken;
    const records = [];
    for (const p of pending.slice(0, RECORDS_PER_BATCH)) {
      records.push({ employeeId: p.id, rows: await portableLedger(ctx.db, p.id, p.acked + 1) });
    }
    const envelope: BatchEnvelope = { node: node.code, at: new Date().toISOString(), records };
    const { results } = await post<{ results: RecordResult[] }>(node, '/api/v1/federation/batches', envelope);
    for (const r of results) {
      await repo.setAcked(ctx.db, r.employeeId, r.have, ctx.now);
      const sent = records.find((x) => x.employeeId === r.employeeId)!;
      const last = sent.rows[sent.rows.length - 1]?.seq ?? 0;
      if (r.status === 'refused' || r.have < last) {
        skip.add(r.employeeId);
        if (r.status === 'refused') refused.push(r);
      } else taken += sent.rows.length;
    }
  }
}

/**
 * Takes the structure, then each record in its own transaction: a record this node cannot take (shown
 * in status with the reason) does not hold back the others; it is offered again on the next pull.
 */
async function applyChanges(ctx: Ctx, node: LocalNode, changes: Changes, refused: RecordResult[]) {
  const acks: { employeeId: string; seq: number }[] = [];
  await inTransaction(ctx.db, (trx) => applyStructure(trx, changes, ctx.now));
  for (const rec of changes.records) {
    await receive(ctx, node, rec, acks).catch(async (err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      if (refused.some((r) => r.employeeId === rec.employeeId)) return;
      const have = (await repo.ledgerOf(ctx.db, rec.employeeId)).length;
      refused.push({
        employeeId: rec.employeeId,
        status: 'refused',
        have,
        code: err.code,
        reason: err.message,
      });
    });
  }
  return acks;
}

/** One record pulled down, applied and acknowledged in one transaction. */
async function receive(
  ctx: Ctx,
  node: LocalNode,
  rec: Changes['records'][number],
  acks: { employeeId: string; seq: number }[],
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const res = await applyRecord(trx, rec.employeeId, rec.rows, ctx.now);
    await repo.setAcked(trx, rec.employeeId, res.have, ctx.now);
    await audit(ctx, trx, {
      action: 'federation.record.receive',
      entity: 'employee',
      entityId: rec.employeeId,
      subjectId: rec.employeeId,
      unitPath: res.managingPath,
      details: { node: node.code, to: res.have, applied: res.applied },
    });
    acks.push({ employeeId: rec.employeeId, seq: res.have });
  });
}

/** Pulls until the national node has nothing more; acknowledges what was applied. */
async function pull(ctx: Ctx, node: LocalNode, state: SyncState, refused: RecordResult[]): Promise<void> {
  let acks: { employeeId: string; seq: number }[] = [];
  const hadTree = await repo.openUnitByCode(ctx.db, node.scope);
  for (let round = 0; round < 100; round++) {
    const routedResults = await unreportedResults(ctx);
    const envelope: ChangesEnvelope = {
      node: node.code,
      at: new Date().toISOString(),
      unitsSince: state.unitsSince ?? null,
      acks,
      routedResults,
      catalogsVersion: state.catalogsVersion ?? null,
      structureCursor: state.structureCursor ?? null,
      ...(node.structurePageSize ? { structurePageSize: node.structurePageSize } : {}),
    };
    const changes = await post<Changes>(node, '/api/v1/federation/changes', envelope);
    await repo.markReported(
      ctx.db,
      routedResults.map((r) => r.id),
      ctx.now,
    );
    if (changes.catalogs) {
      await takeCatalogs(ctx, changes.catalogs);
      state.catalogsVersion = changes.catalogs.version;
    }
    acks = await applyChanges(ctx, node, changes, refused);
    // Routed actions after the records: the owner applies them to its record as it now stands.
    const taken = await applyRouted(ctx, changes.routed ?? []);
    state.unitsSince = changes.unitsHighWater;
    state.structureCursor = changes.structureCursor ?? null;
    if (!changes.more && acks.length === 0 && taken === 0) break;
  }
  if (!hadTree && (await repo.openUnitByCode(ctx.db, node.scope))) await node.onTreeReady?.(ctx);
}

/** One exchange with the national node. Errors are kept in the state (shown by status), not thrown. */
export async function syncOnce(ctx: Ctx, node: LocalNode): Promise<SyncState> {
  const state: SyncState = (await repo.readState<SyncState>(ctx.db, 'sync')) ?? {};
  // A node may run several processes and only one takes new catalogs: each other one switches to the
  // stored copy here, on its next exchange (and before its first, after a start).
  if (state.catalogsVersion && state.catalogsVersion !== catalogsInUse()) await useStoredCatalogs(ctx.db);
  state.lastAttemptAt = ctx.now.toISOString();
  const refused: RecordResult[] = [];
  try {
    await pull(ctx, node, state, refused);
    await push(ctx, node, refused);
    state.lastSuccessAt = new Date().toISOString();
    state.lastError = null;
  } catch (err) {
    state.lastError = err instanceof Error ? err.message : String(err);
  }
  state.refused = refused;
  await repo.writeState(ctx.db, 'sync', state, ctx.now);
  return state;
}

/** Exchanges every `intervalMs`, one at a time; returns the stop function. */
export function startSync(ctx: () => Ctx, node: LocalNode, intervalMs: number, log: (s: SyncState) => void) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      log(await syncOnce(ctx(), node));
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    }
  };
  timer = setTimeout(() => void tick(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
