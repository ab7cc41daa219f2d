// The working-day calendar in SQL: the exceptions (holidays, swapped working days) and, rebuilt from
// them, one row per day with its working-day ordinal so that deadlines are computed by the database.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';

/** The span of days kept in calendar_days: every date a deadline of the system can start on or fall on. */
export const CALENDAR_SPAN = { from: '2000-01-01', to: '2040-12-31' } as const;

export interface ExceptionRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string | null;
}

export async function listExceptions(q: Queryable, from: string, to: string): Promise<ExceptionRow[]> {
  return q
    .selectFrom('calendar_exceptions')
    .select(['day', 'kind', 'name', 'source'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function upsertExceptions(trx: Tx, rows: ExceptionRow[], by: string, at: Date): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('calendar_exceptions')
    .values(rows.map((r) => ({ ...r, updated_by: by, updated_at: at })))
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        source: eb.ref('excluded.source'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function deleteException(trx: Tx, day: string): Promise<ExceptionRow | undefined> {
  return trx
    .deleteFrom('calendar_exceptions')
    .where('day', '=', day)
    .returning(['day', 'kind', 'name', 'source'])
    .executeTakeFirst();
}

export async function countDays(q: Queryable): Promise<number> {
  const r = await q
    .selectFrom('calendar_days')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Recomputes every day's working flag and ordinal from the exceptions (≈15,000 rows, one statement). */
export async function rebuildDays(trx: Tx): Promise<void> {
  await sql`DELETE FROM calendar_days`.execute(trx);
  await sql`
    INSERT INTO calendar_days (day, is_working, ordinal)
    SELECT d, w, sum(CASE WHEN w THEN 1 ELSE 0 END) OVER (ORDER BY d)
    FROM (
      SELECT g::date AS d,
             CASE e.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true
                  ELSE extract(isodow FROM g) < 6 END AS w
      FROM generate_series(${CALENDAR_SPAN.from}::date, ${CALENDAR_SPAN.to}::date, interval '1 day') g
      LEFT JOIN calendar_exceptions e ON e.day = g::date
    ) days`.execute(trx);
}

/** The n-th working day after `day` (n ≥ 1); `day` itself never counts, working or not. */
export async function addWorkingDays(q: Queryable, day: string, n: number): Promise<string | undefined> {
  const r = await sql<{ due: string | null }>`
    SELECT (SELECT min(c.day) FROM calendar_days c
            WHERE c.is_working AND c.ordinal = s.ordinal + ${n}) AS due
    FROM calendar_days s WHERE s.day = ${day}::date`.execute(q);
  return r.rows[0]?.due ?? undefined;
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export async function workingDaysBetween(q: Queryable, from: string, to: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT greatest(0, t.ordinal - f.ordinal)::int AS n
    FROM calendar_days f, calendar_days t WHERE f.day = ${from}::date AND t.day = ${to}::date`.execute(q);
  return r.rows[0]?.n ?? 0;
}

export async function isWorkingDay(q: Queryable, day: string): Promise<boolean | undefined> {
  const r = await q
    .selectFrom('calendar_days')
    .select('is_working')
    .where('day', '=', day)
    .executeTakeFirst();
  return r?.is_working;
}
