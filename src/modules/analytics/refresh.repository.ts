// SQL of the analytics read models: which people are stale, their ledgers, and writing their spans,
// movements and cube contributions. Everything here runs inside the caller's transaction.
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { LedgerEntry } from '../employees/index.ts';
import type { ActionType } from '../../../api/actions.ts';
import type { Movement, Span } from './spans.ts';

/** How far back a late-committing writer's updated_at may lie behind the watermark. */
const LAG = '10 minutes';

export const IN_SERVICE = sql`('active', 'on_leave')`;
/** Age bands of dashboards: under 30, 30–39, 40–49, 50–59, 60 and over (age on the date). */
export const ageBand = (birth: RawBuilder<unknown>, on: RawBuilder<unknown>) =>
  sql<number>`LEAST(GREATEST((date_part('year', age(${on}, ${birth}))::int - 20) / 10, 0), 4)`;

export interface Stale {
  id: string;
  updated_at: Date;
  action_count: number;
}

export async function lockRefresh(db: Queryable): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('hoso.analytics.refresh'))`.execute(db);
}

/** People whose projection changed since their spans were cut (or who never had spans). The watermark
 * goes in as a value, not a subquery, so that the planner walks the updated_at index. */
export async function findStale(db: Queryable, limit: number): Promise<Stale[]> {
  const w = await sql<{ since: Date }>`
    SELECT updated_through - ${LAG}::interval AS since FROM analytics_watermark`.execute(db);
  const since = w.rows[0]?.since;
  const r = await sql<Stale>`
    SELECT e.id, e.updated_at, e.action_count FROM employees e
    LEFT JOIN analytics_refreshed r ON r.employee_id = e.id
    WHERE (r.employee_id IS NULL OR r.projection_updated_at <> e.updated_at OR r.action_count <> e.action_count)
      ${since ? sql`AND e.updated_at >= ${since}` : sql``}
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export async function loadLedgers(db: Queryable, ids: string[]): Promise<Map<string, LedgerEntry[]>> {
  const r = await sql<{
    id: number;
    employee_id: string;
    seq: number;
    type: string;
    effective_date: string;
    decision_no: string | null;
    payload: Record<string, unknown>;
    recorded_at: Date;
  }>`
    SELECT id, employee_id, seq, type, effective_date, decision_no, payload, recorded_at
    FROM personnel_actions WHERE employee_id = ANY(${ids}::uuid[]) ORDER BY employee_id, seq`.execute(db);
  const out = new Map<string, LedgerEntry[]>();
  for (const x of r.rows) {
    const list = out.get(x.employee_id) ?? [];
    list.push({
      id: Number(x.id),
      seq: x.seq,
      type: x.type as ActionType,
      effectiveDate: x.effective_date,
      decisionNo: x.decision_no,
      payload: x.payload,
      recordedAt: x.recorded_at,
    });
    out.set(x.employee_id, list);
  }
  return out;
}

/** Adds (sign 1) or removes (sign -1) these people's in-service spans to every cached cube date. */
export async function adjustCube(db: Queryable, ids: string[], sign: 1 | -1): Promise<void> {
  await sql`
    INSERT INTO analytics_cube AS c
      (as_of, unit_id, category, sex, age_band, ethnic_code, salary_group, party_status, n)
    SELECT d.as_of, s.working_unit_id, s.category, s.sex, ${ageBand(sql`s.birth_date`, sql`d.as_of`)},
           s.ethnic_code, COALESCE(s.salary_group, ''), s.party_status, ${sign} * count(*)::int
    FROM analytics_spans s
    JOIN analytics_cube_dates d ON s.valid_from <= d.as_of AND (s.valid_to IS NULL OR s.valid_to > d.as_of)
    WHERE s.employee_id = ANY(${ids}::uuid[]) AND s.status IN ${IN_SERVICE}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (as_of, unit_id, category, sex, age_band, ethnic_code, salary_group, party_status)
    DO UPDATE SET n = c.n + excluded.n`.execute(db);
  await sql`
    INSERT INTO analytics_cube_units AS c (as_of, unit_id, category, sex, party_status, n)
    SELECT d.as_of, s.working_unit_id, s.category, s.sex, s.party_status, ${sign} * count(*)::int
    FROM analytics_spans s
    JOIN analytics_cube_dates d ON s.valid_from <= d.as_of AND (s.valid_to IS NULL OR s.valid_to > d.as_of)
    WHERE s.employee_id = ANY(${ids}::uuid[]) AND s.status IN ${IN_SERVICE}
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (as_of, unit_id, category, sex, party_status) DO UPDATE SET n = c.n + excluded.n`.execute(db);
  if (sign === 1) {
    await sql`DELETE FROM analytics_cube WHERE n = 0`.execute(db);
    await sql`DELETE FROM analytics_cube_units WHERE n = 0`.execute(db);
  }
}

export async function deleteDerived(db: Queryable, ids: string[]): Promise<void> {
  await sql`DELETE FROM analytics_spans WHERE employee_id = ANY(${ids}::uuid[])`.execute(db);
  await sql`DELETE FROM analytics_movements WHERE employee_id = ANY(${ids}::uuid[])`.execute(db);
}

export function spanValues(id: string, s: Span): unknown[] {
  return [
    id,
    s.validFrom,
    s.validTo,
    s.status,
    s.category,
    s.managingUnitId,
    s.workingUnitId,
    s.sex,
    s.birthDate,
    s.ethnicCode,
    s.religionCode,
    s.rankCode,
    s.salaryGroup,
    s.salaryStep,
    s.stepSince,
    s.positionTitle,
    s.jobPositionId,
    s.educationLevel,
    s.politicalTheory,
    s.stateManagement,
    s.partyStatus,
    s.leadershipCode,
  ];
}
export const SPAN_COLUMNS = `employee_id, valid_from, valid_to, status, category, managing_unit_id, working_unit_id,
  sex, birth_date, ethnic_code, religion_code, rank_code, salary_group, salary_step, step_since, position_title,
  job_position_id, education_level, political_theory, state_management, party_status, leadership_code`;
export const movementValues = (id: string, m: Movement): unknown[] => [
  m.actionId,
  id,
  m.type,
  m.effectiveDate,
  m.category,
  m.fromUnitId,
  m.toUnitId,
];
export const MOVEMENT_COLUMNS =
  'action_id, employee_id, type, effective_date, category, from_unit_id, to_unit_id';

async function insertRows(db: Queryable, table: string, columns: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(chunk.map((r) => sql`(${sql.join(r)})`));
    await sql`INSERT INTO ${sql.table(table)} (${sql.raw(columns)}) VALUES ${values}`.execute(db);
  }
}

export async function insertDerived(
  db: Queryable,
  spans: unknown[][],
  movements: unknown[][],
): Promise<void> {
  await insertRows(db, 'analytics_spans', SPAN_COLUMNS, spans);
  await insertRows(db, 'analytics_movements', MOVEMENT_COLUMNS, movements);
}

export async function markRefreshed(db: Queryable, stale: Stale[]): Promise<void> {
  await insertRows(
    db,
    'analytics_refreshed',
    'employee_id, projection_updated_at, action_count',
    stale.map((s) => [s.id, s.updated_at, s.action_count]),
  );
  const through = stale.reduce((m, s) => (s.updated_at > m ? s.updated_at : m), new Date(0));
  await sql`
    INSERT INTO analytics_watermark (id, updated_through) VALUES (true, ${through})
    ON CONFLICT (id) DO UPDATE SET updated_through = GREATEST(analytics_watermark.updated_through, excluded.updated_through)`.execute(
    db,
  );
}

export async function forgetRefreshed(db: Queryable, ids: string[]): Promise<void> {
  await sql`DELETE FROM analytics_refreshed WHERE employee_id = ANY(${ids}::uuid[])`.execute(db);
}

/** Makes the cube hold date D (built from all spans valid on D) unless it already does. */
export async function ensureCubeDate(db: Queryable, on: string, at: Date): Promise<void> {
  const r = await sql`
    INSERT INTO analytics_cube_dates (as_of, built_at, used_at) VALUES (${on}::date, ${at}, ${at})
    ON CONFLICT (as_of) DO NOTHING RETURNING as_of`.execute(db);
  if (r.rows.length === 0) {
    // Touched at most hourly, so that reads of a cached date do not all write (and lock) its row.
    await sql`UPDATE analytics_cube_dates SET used_at = ${at}
      WHERE as_of = ${on}::date AND used_at < ${at}::timestamptz - interval '1 hour'`.execute(db);
    return;
  }
  await sql`
    INSERT INTO analytics_cube
      (as_of, unit_id, category, sex, age_band, ethnic_code, salary_group, party_status, n)
    SELECT ${on}::date, working_unit_id, category, sex, ${ageBand(sql`birth_date`, sql`${on}::date`)},
           ethnic_code, COALESCE(salary_group, ''), party_status, count(*)::int
    FROM analytics_spans
    WHERE valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to > ${on}::date) AND status IN ${IN_SERVICE}
    GROUP BY 2, 3, 4, 5, 6, 7, 8`.execute(db);
  await sql`
    INSERT INTO analytics_cube_units (as_of, unit_id, category, sex, party_status, n)
    SELECT ${on}::date, unit_id, category, sex, party_status, sum(n)::int FROM analytics_cube
    WHERE as_of = ${on}::date GROUP BY 2, 3, 4, 5`.execute(db);
  // Fresh statistics, so that a subtree's rows are fetched by unit rather than the whole date scanned.
  await sql`ANALYZE analytics_cube, analytics_cube_units`.execute(db);
}

/** Keeps the cube small: dates not used for the longest time go first. */
export async function pruneCubeDates(db: Queryable, keep: number): Promise<void> {
  const old = await sql<{ as_of: string }>`
    SELECT as_of FROM analytics_cube_dates ORDER BY used_at DESC, as_of DESC OFFSET ${keep}`.execute(db);
  const dates = old.rows.map((r) => r.as_of);
  if (dates.length === 0) return;
  await sql`DELETE FROM analytics_cube WHERE as_of = ANY(${dates}::date[])`.execute(db);
  await sql`DELETE FROM analytics_cube_units WHERE as_of = ANY(${dates}::date[])`.execute(db);
  await sql`DELETE FROM analytics_cube_dates WHERE as_of = ANY(${dates}::date[])`.execute(db);
}
