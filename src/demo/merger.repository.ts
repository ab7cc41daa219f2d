// The demonstration's one query: where each person worked on a date, folded from the ledger (their
// latest recruitment or transfer effective by then), so either side of the merger is counted as it was.
import { sql } from 'kysely';
import type { Queryable } from '../db/transaction.ts';

/** People per working unit on the date (the demo's people neither retire nor leave). */
export async function headcountByUnitOn(db: Queryable, on: string): Promise<Map<number, number>> {
  const r = await sql<{ unit_id: number; n: number }>`
    WITH placed AS (
      SELECT DISTINCT ON (employee_id) employee_id, (payload ->> 'workingUnitId')::bigint AS unit_id
      FROM personnel_actions
      WHERE type IN ('recruit', 'transfer') AND effective_date <= ${on}::date
      ORDER BY employee_id, effective_date DESC, seq DESC
    )
    SELECT unit_id::int AS unit_id, count(*)::int AS n FROM placed GROUP BY unit_id`.execute(db);
  return new Map(r.rows.map((x) => [x.unit_id, x.n]));
}

/** The demonstration builds its own organisation, so it needs a database without one. */
export async function hasOrgUnits(db: Queryable): Promise<boolean> {
  const r = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}
