// The one sealer: links committed events into the hash chain in the order their commits became visible,
// in batches, and signs checkpoints of the chain's head. Writers never wait for it; an event is protected
// by its own MAC until it is sealed (docs/decisions/0009-audit-sealing.md).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import type { Logger } from '../../platform/logger.ts';
import * as repo from './audit.repository.ts';
import { GENESIS, eventHash, eventMac } from './chain.ts';
import { keyIdOf, signCheckpoint, type Checkpoint, type CheckpointKey } from './checkpoint.ts';

const BATCH = 2000;

export interface SealResult {
  sealed: number;
  /** Queued events whose MAC does not hold: left unsealed, reported by verify. */
  refused: number[];
}

/** Seals every committed event waiting; another sealer already at work makes this a no-op. */
export async function sealPending(db: Kysely<DB>, now: Date): Promise<SealResult> {
  const result: SealResult = { sealed: 0, refused: [] };
  let after = 0;
  for (;;) {
    const page = await inTransaction(db, async (trx) => {
      if (!(await repo.tryLockSealer(trx))) return undefined;
      const pending = await repo.pendingEvents(trx, after, BATCH);
      let tail = (await repo.sealTail(trx)) ?? { seq: 0, hash: GENESIS };
      const seals: repo.SealInput[] = [];
      for (const p of pending) {
        if (p.mac !== eventMac(p.event)) {
          result.refused.push(p.id);
          continue;
        }
        const hash = eventHash(tail.hash, p.event);
        seals.push({ seq: tail.seq + 1, eventId: p.id, prevHash: tail.hash, hash });
        tail = { seq: tail.seq + 1, hash };
      }
      await repo.insertSeals(trx, seals, now);
      result.sealed += seals.length;
      return pending;
    });
    const last = page?.[page.length - 1];
    if (!page || !last || page.length < BATCH) return result;
    after = last.id;
  }
}

const toCheckpoint = (r: repo.CheckpointRow): Checkpoint => ({
  format: 'hoso.audit-checkpoint/1',
  count: r.seq,
  head: r.head,
  at: r.at.toISOString(),
  keyId: r.key_id,
  signature: r.signature,
});

/** The newest stored checkpoint (at or before `at`), as kept outside the database. */
export async function storedCheckpoint(db: Queryable, at?: Date): Promise<Checkpoint | undefined> {
  const r = await repo.latestCheckpoint(db, at);
  return r && toCheckpoint(r);
}

/**
 * Seals what is waiting and signs the chain's head, unless the newest checkpoint already covers it.
 * Backups and monthly approvals call this so that what they keep names the log as it stood.
 */
export async function checkpointNow(db: Kysely<DB>, key: CheckpointKey, now: Date): Promise<Checkpoint> {
  await sealPending(db, now);
  const tail = (await repo.sealTail(db)) ?? { seq: 0, hash: GENESIS };
  const latest = await repo.latestCheckpoint(db);
  if (latest && latest.seq >= tail.seq && latest.key_id === keyIdOf(key.publicKey))
    return toCheckpoint(latest);
  const c = signCheckpoint(key, tail.seq, tail.hash, now);
  await repo.insertCheckpoint(db, {
    seq: c.count,
    head: c.head,
    at: now,
    key_id: c.keyId,
    signature: c.signature,
  });
  // Another process may have stored its own checkpoint of the same head first: this one is as good.
  return c;
}

/** How far the sealer is behind, for /metrics and the operator. */
export async function sealerLag(db: Queryable, now: Date): Promise<{ pending: number; seconds: number }> {
  const s = await repo.pendingStats(db);
  return {
    pending: s.pending,
    seconds: s.oldest ? Math.max(0, (now.getTime() - s.oldest.getTime()) / 1000) : 0,
  };
}

export interface SealerOptions {
  db: Kysely<DB>;
  now: () => Date;
  log: Logger;
  /** The node's key: with it, a checkpoint is signed every `checkpointEveryMs` while events arrive. */
  key?: CheckpointKey | undefined;
  intervalMs?: number;
  checkpointEveryMs?: number;
}

/** Runs the sealer in the background; never throws (a database outage is logged and retried). */
export function startAuditSealer(o: SealerOptions): { stop: () => Promise<void> } {
  const interval = o.intervalMs ?? 200;
  const every = o.checkpointEveryMs ?? 60_000;
  let lastCheckpoint = 0;
  let lastWarn = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const r = await sealPending(o.db, o.now());
      if (r.refused.length && Date.now() - lastWarn > 60_000) {
        lastWarn = Date.now();
        o.log.error({ events: r.refused.slice(0, 20) }, 'audit events with a bad MAC were not sealed');
      }
      if (o.key && Date.now() - lastCheckpoint >= every) {
        await checkpointNow(o.db, o.key, o.now());
        lastCheckpoint = Date.now();
      }
    } catch (err) {
      if (Date.now() - lastWarn > 5_000) {
        lastWarn = Date.now();
        o.log.warn({ msg: (err as Error).message }, 'audit sealer: will retry');
      }
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, interval);
    });
  };
  timer = setTimeout(loop, interval);
  timer.unref?.();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
