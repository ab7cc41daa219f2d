// Keeps the analytics read models in step with the e-records. Every analytics read first cuts the
// spans of people whose projection changed since (found through employees.updated_at and the action
// count), so no write path — API, demo seed, restructuring, restore — needs a hook into analytics.
import type { Tx } from '../../db/transaction.ts';
import { cutSpans } from './spans.ts';
import * as repo from './refresh.repository.ts';

const BATCH = 2000;
/** How many dates the cube keeps (the least recently used go first). */
const CUBE_DATES = 12;

async function refreshBatch(trx: Tx, stale: repo.Stale[]): Promise<void> {
  const ids = stale.map((s) => s.id);
  const ledgers = await repo.loadLedgers(trx, ids);
  const spans: unknown[][] = [];
  const movements: unknown[][] = [];
  for (const id of ids) {
    const entries = ledgers.get(id) ?? [];
    // A stored projection always folds; if one ever does not, its person drops out of the counts
    // rather than blocking every analytics read.
    try {
      const cut = cutSpans(id, entries);
      for (const s of cut.spans) spans.push(repo.spanValues(id, s));
      for (const m of cut.movements) movements.push(repo.movementValues(id, m));
    } catch {
      continue;
    }
  }
  await repo.adjustCube(trx, ids, -1);
  await repo.deleteDerived(trx, ids);
  await repo.insertDerived(trx, spans, movements);
  await repo.adjustCube(trx, ids, 1);
  await repo.forgetRefreshed(trx, ids);
  await repo.markRefreshed(trx, stale);
}

/** Brings spans, movements and the cube up to date; returns how many people were re-cut. Readers
 * that find nothing stale take no lock, so concurrent analytics reads do not queue behind each other. */
export async function refreshAnalytics(trx: Tx): Promise<number> {
  if ((await repo.findStale(trx, 1)).length === 0) return 0;
  await repo.lockRefresh(trx);
  let total = 0;
  for (;;) {
    // Re-read under the lock: another reader may have just refreshed the same people.
    const stale = await repo.findStale(trx, BATCH);
    if (stale.length === 0) return total;
    await refreshBatch(trx, stale);
    total += stale.length;
  }
}

/** Refreshes, then makes the cube hold the date (building it once from the spans). */
export async function prepareCube(trx: Tx, on: string, at: Date): Promise<void> {
  await refreshAnalytics(trx);
  await repo.ensureCubeDate(trx, on, at);
  await repo.pruneCubeDates(trx, CUBE_DATES);
}
