// Calls per minute per bucket (a data-sharing client, an IP address signing in, an account…), counted
// in the database so that every process of a node (several behind a load balancer) shares one limit.
// A sliding window approximated from two fixed minute windows: the previous minute's calls weighted by
// how much of it the last 60 s still cover, plus this minute's. One statement per call; the request's
// clock (ctx.now) decides the window.
import type { Queryable } from '../../db/transaction.ts';
import * as repo from './rate-limit.repository.ts';

const MINUTE = 60_000;
/** Windows older than this are deleted (only the current and the previous one are ever read). */
const KEEP = 3 * MINUTE;

function windowOf(bucket: string, perMinute: number, now: Date): repo.Window & { elapsed: number } {
  const t = now.getTime();
  const start = t - (((t % MINUTE) + MINUTE) % MINUTE);
  const elapsed = t - start;
  return {
    bucket,
    start: new Date(start),
    previous: new Date(start - MINUTE),
    overlap: MINUTE - elapsed,
    limit: perMinute,
    elapsed,
  };
}

/**
 * Seconds until a refused caller's next call would be admitted, if it makes no other call meanwhile:
 * later in this window as the previous one slides out, or in the next one, where this one slides out.
 */
export function retryAfter(limit: number, current: number, previous: number, elapsed: number): number {
  let at: number;
  // In whole milliseconds: the first t where previous × (60 s − t) / 60 s + calls ≤ limit.
  if (current + 1 < limit && previous > 0)
    at = Math.ceil((MINUTE * (previous - (limit - current - 1))) / previous);
  else if (current + 1 <= limit) at = MINUTE;
  else at = MINUTE + Math.ceil((MINUTE * Math.max(0, current - limit + 1)) / current);
  return Math.max(1, Math.ceil((at - elapsed) / 1000));
}

/** Takes one call from the bucket's allowance: 0 when allowed, else the seconds to wait. */
export async function take(db: Queryable, bucket: string, perMinute: number, now: Date): Promise<number> {
  const w = windowOf(bucket, perMinute, now);
  const calls = await repo.admit(db, w);
  if (calls === undefined) {
    const c = await repo.counts(db, w);
    return retryAfter(perMinute, c.current, c.previous, w.elapsed);
  }
  // The first call of a bucket's window (about once a minute per active bucket) sweeps old windows.
  if (calls === 1) await repo.dropWindowsBefore(db, new Date(w.start.getTime() - KEEP));
  return 0;
}

/** A bucket to take from and its limit a minute. */
export type Bucket = readonly [name: string, perMinute: number];

/**
 * Takes one call from each bucket in turn and stops at the first that refuses: undefined when every
 * bucket admitted the call, else the refusing bucket and the seconds to wait. A refusal leaves the
 * later buckets untouched.
 */
export async function takeEach(
  db: Queryable,
  buckets: readonly Bucket[],
  now: Date,
): Promise<{ bucket: string; wait: number } | undefined> {
  for (const [bucket, perMinute] of buckets) {
    const wait = await take(db, bucket, perMinute, now);
    if (wait > 0) return { bucket, wait };
  }
  return undefined;
}
