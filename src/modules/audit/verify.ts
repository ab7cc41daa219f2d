// `hoso audit verify` and GET /audit/verify: walks the sealed chain from genesis, checks every event not
// yet sealed by its MAC, and compares the chain with signed checkpoints — the newest stored one and, when
// an operator brings one (from a backup manifest, a monthly approval or a file), that one too — so that
// edits, insertions, deletions and the deletion of the newest events are all named.
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { AuditVerifyResult } from '../../../api/audit.ts';
import * as repo from './audit.repository.ts';
import { GENESIS, checkLink, eventMac, type ChainBreak } from './chain.ts';
import { checkpointProblem, type Checkpoint, type CheckpointKey } from './checkpoint.ts';
import { sealPending, storedCheckpoint } from './sealer.ts';
import { auditsNationally } from './audit.service.ts';

export interface VerifyOptions {
  pageSize?: number;
  /** A checkpoint kept outside the database; refused (CHECKPOINT_INVALID) unless `key` signed it. */
  checkpoint?: Checkpoint | undefined;
  /** The node's public key: with it, stored checkpoints' signatures are checked too. */
  key?: CheckpointKey | undefined;
}

type Walk =
  { ok: true; sealed: number; pending: number } | { ok: false; checked: number; firstBad: ChainBreak };

async function walk(db: Queryable, pageSize: number): Promise<Walk> {
  let expected = { seq: 0, hash: GENESIS };
  let sealed = 0;
  for (;;) {
    const page = await repo.sealPage(db, expected.seq, pageSize);
    for (const row of page) {
      const bad = checkLink(expected, row);
      if (bad) return { ok: false, checked: sealed, firstBad: bad };
      expected = { seq: row.seq, hash: row.hash };
      sealed++;
    }
    if (page.length < pageSize) break;
  }
  let pending = 0;
  let after = 0;
  for (;;) {
    const page = await repo.unsealedEvents(db, after, pageSize);
    for (const u of page) {
      const checked = sealed + pending;
      if (!u.queued) {
        const reason = 'the event is neither sealed nor queued: it was written outside the application';
        return { ok: false, checked, firstBad: { id: u.id, reason } };
      }
      if (u.mac !== eventMac(u.event)) {
        const reason = "the event's MAC does not match its contents: it was altered or forged before sealing";
        return { ok: false, checked, firstBad: { id: u.id, reason } };
      }
      pending++;
      after = u.id;
    }
    if (page.length < pageSize) break;
  }
  const [orphan] = await repo.orphanPending(db);
  if (orphan !== undefined) {
    const reason = 'the event was deleted while it waited for its seal';
    return { ok: false, checked: sealed + pending, firstBad: { id: orphan, reason } };
  }
  return { ok: true, sealed, pending };
}

/** Whether the chain still holds what the checkpoint says it held; undefined when it does. */
async function against(db: Queryable, c: Checkpoint): Promise<string | undefined> {
  if (c.count === 0) return c.head === GENESIS ? undefined : 'an empty checkpoint must name genesis';
  const seal = await repo.sealAt(db, c.count);
  if (!seal) {
    return `the chain is shorter than the checkpoint of ${c.at} (${c.count} events): the newest events were deleted`;
  }
  if (seal.hash !== c.head) {
    return `event ${c.count} of the chain is not the one the checkpoint of ${c.at} names: the log was rewritten`;
  }
  return undefined;
}

/** Walks the whole log and names the first event (or checkpoint) that does not fit. */
export async function verifyAuditChain(ctx: Ctx, opts: VerifyOptions = {}): Promise<AuditVerifyResult> {
  if (!auditsNationally(ctx.actor)) {
    throw new AppError('FORBIDDEN', 'Chỉ kiểm toán viên cấp quốc gia được kiểm tra toàn bộ nhật ký', [
      { reason: 'needs audit.read over the national root' },
    ]);
  }
  const given = opts.checkpoint;
  if (given) {
    const problem = opts.key
      ? checkpointProblem(opts.key, given)
      : "the node's public key is needed to trust a checkpoint";
    if (problem) {
      throw new AppError('CHECKPOINT_INVALID', 'Điểm kiểm tra (checkpoint) của nhật ký không hợp lệ', [
        { field: 'checkpoint', reason: problem },
      ]);
    }
  }
  // Events committed a moment ago are sealed first, so the walk sees the log as it is now.
  await sealPending(ctx.db, ctx.now);
  const pageSize = opts.pageSize ?? 5000;
  // One snapshot for the walk and the checkpoint comparison, while writers and the sealer carry on.
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<AuditVerifyResult> => {
      const w = await walk(trx, pageSize);
      if (!w.ok) return { ok: false, checked: w.checked, firstBad: w.firstBad };
      const base = { checked: w.sealed + w.pending, sealed: w.sealed, pending: w.pending };
      const stored = await storedCheckpoint(trx);
      const checks = [
        given && { source: 'given' as const, c: given },
        stored && { source: 'stored' as const, c: stored },
      ].filter((x) => !!x);
      for (const { source, c } of checks) {
        const signature = source === 'stored' && opts.key ? checkpointProblem(opts.key, c) : undefined;
        const problem = signature ?? (await against(trx, c));
        if (problem) return { ok: false, ...base, checkpoint: { source, count: c.count, at: c.at, problem } };
      }
      const [first] = checks;
      if (first)
        return {
          ok: true,
          ...base,
          checkpoint: { source: first.source, count: first.c.count, at: first.c.at },
        };
      return { ok: true, ...base };
    });
}
