// SQL of the shared rate limits: one row per bucket and minute window, shared by every process.
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';

export interface Window {
  bucket: string;
  start: Date;
  previous: Date;
  /** Milliseconds of the previous window still inside the sliding minute (60,000 at the window's start). */
  overlap: number;
  limit: number;
}

/**
 * Counts one call if the sliding estimate — previous window × overlap / 60 s, plus this window, plus
 * this call — stays within the limit (whole numbers scaled by 60,000 ms, so a boundary is exact). One
 * statement: concurrent calls from any process serialise on the window's row, and a refused call is
 * not counted. Returns the calls of this window after the count, or undefined when refused.
 */
export async function admit(db: Queryable, w: Window): Promise<number | undefined> {
  const r = await sql<{ calls: number }>`
    WITH prev AS (
      SELECT coalesce(sum(calls), 0)::bigint * ${w.overlap}::bigint AS n
      FROM rate_windows WHERE bucket = ${w.bucket} AND window_start = ${w.previous}
    )
    INSERT INTO rate_windows AS w (bucket, window_start, calls)
    SELECT ${w.bucket}, ${w.start}, 1 FROM prev WHERE prev.n + 60000 <= ${w.limit}::bigint * 60000
    ON CONFLICT (bucket, window_start) DO UPDATE SET calls = w.calls + 1
      WHERE (SELECT n FROM prev) + (w.calls + 1)::bigint * 60000 <= ${w.limit}::bigint * 60000
    RETURNING w.calls`.execute(db);
  return r.rows[0]?.calls;
}

/** The calls counted in this window and the previous one (to tell a refused caller when to retry). */
export async function counts(db: Queryable, w: Window): Promise<{ current: number; previous: number }> {
  const rows = await db
    .selectFrom('rate_windows')
    .select(['window_start', 'calls'])
    .where('bucket', '=', w.bucket)
    .where('window_start', 'in', [w.start, w.previous])
    .execute();
  const at = (d: Date) => rows.find((r) => new Date(r.window_start).getTime() === d.getTime())?.calls ?? 0;
  return { current: at(w.start), previous: at(w.previous) };
}

/** Deletes the windows of every bucket that started before `before`. */
export async function dropWindowsBefore(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('rate_windows').where('window_start', '<', before).execute();
}
