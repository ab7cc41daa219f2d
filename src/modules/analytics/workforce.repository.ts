// SQL of quota vs actual, movements and forecasts, scoped to the actor's subtree in the WHERE clause.
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import { IN_SERVICE } from './refresh.repository.ts';

export interface QuotaDbRow {
  unit_id: number;
  unit_name: string;
  cs_quota: number;
  pe_quota: number;
  cw_quota: number;
  cs: number;
  pe: number;
  cw: number;
}

/** Quotas of the year against people in service on the date in each unit itself (cube rollup). Cadres count
 * against the civil-servant quota (biên chế cán bộ, công chức). */
export async function quotaVsActual(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  year: number,
  asOf: string,
): Promise<QuotaDbRow[]> {
  const r = await sql<QuotaDbRow>`
    WITH actual AS (
      SELECT c.unit_id,
        COALESCE(sum(c.n) FILTER (WHERE c.category IN ('cadre', 'civil_servant')), 0)::int AS cs,
        COALESCE(sum(c.n) FILTER (WHERE c.category = 'public_employee'), 0)::int AS pe,
        COALESCE(sum(c.n) FILTER (WHERE c.category = 'worker'), 0)::int AS cw
      FROM analytics_cube_units c JOIN org_units cu ON cu.id = c.unit_id
      WHERE c.as_of = ${asOf}::date AND cu.path <@ ${rootPath}::ltree GROUP BY c.unit_id)
    SELECT q.unit_id::int AS unit_id, u.name AS unit_name, q.civil_servants AS cs_quota,
      q.public_employees AS pe_quota, q.contract_workers AS cw_quota,
      COALESCE(a.cs, 0) AS cs, COALESCE(a.pe, 0) AS pe, COALESCE(a.cw, 0) AS cw
    FROM staffing_quotas q JOIN org_units u ON u.id = q.unit_id LEFT JOIN actual a ON a.unit_id = q.unit_id
    WHERE q.year = ${year} AND u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')}
    ORDER BY u.path`.execute(db);
  return r.rows;
}

export async function jobPositionsFilled(db: Queryable, actor: Actor, rootPath: string, asOf: string) {
  const r = await sql<{ unit_id: number; code: string; name: string; planned: number; filled: number }>`
    SELECT j.unit_id::int AS unit_id, j.code, j.name, j.planned_count AS planned,
      (SELECT count(*)::int FROM analytics_spans s WHERE s.job_position_id = j.id AND s.valid_from <= ${asOf}::date
        AND (s.valid_to IS NULL OR s.valid_to > ${asOf}::date) AND s.status IN ${IN_SERVICE}) AS filled
    FROM job_positions j JOIN org_units u ON u.id = j.unit_id
    WHERE u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')}
      AND j.valid_from <= ${asOf}::date AND (j.valid_to IS NULL OR j.valid_to > ${asOf}::date)
    ORDER BY u.path, j.code`.execute(db);
  return r.rows;
}

/** Movements in the period into or out of a unit of the subtree (within the actor's scope), found
 * through the per-unit indexes rather than by scanning the period nationwide. */
const hits = (actor: Actor, rootPath: string, from: string, to: string) => sql`
  WITH sub AS (SELECT u.id FROM org_units u
    WHERE u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')}),
  hits AS (
    SELECT m.action_id FROM analytics_movements m JOIN sub ON sub.id = m.to_unit_id
    WHERE m.effective_date BETWEEN ${from}::date AND ${to}::date
    UNION
    SELECT m.action_id FROM analytics_movements m JOIN sub ON sub.id = m.from_unit_id
    WHERE m.effective_date BETWEEN ${from}::date AND ${to}::date)`;

/** Events in the period touching the subtree: in = arriving from outside, out = leaving it. */
export async function movementCounts(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  from: string,
  to: string,
) {
  const r = await sql<{ type: string; total: number; in: number; out: number }>`
    ${hits(actor, rootPath, from, to)}
    SELECT m.type, count(*)::int AS total,
      count(*) FILTER (WHERE tu.path <@ ${rootPath}::ltree AND (fu.path IS NULL OR NOT fu.path <@ ${rootPath}::ltree))::int AS in,
      count(*) FILTER (WHERE fu.path <@ ${rootPath}::ltree AND (tu.path IS NULL OR NOT tu.path <@ ${rootPath}::ltree))::int AS out
    FROM hits JOIN analytics_movements m ON m.action_id = hits.action_id
    LEFT JOIN org_units fu ON fu.id = m.from_unit_id LEFT JOIN org_units tu ON tu.id = m.to_unit_id
    GROUP BY m.type ORDER BY m.type`.execute(db);
  return r.rows;
}

export async function movementList(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  p: { from: string; to: string; type?: string | undefined; limit: number },
) {
  const r = await sql<{
    employee_id: string;
    full_name: string;
    type: string;
    effective_date: string;
    from_unit_id: number | null;
    to_unit_id: number | null;
  }>`
    ${hits(actor, rootPath, p.from, p.to)}
    SELECT m.employee_id, e.full_name, m.type, m.effective_date, m.from_unit_id::int AS from_unit_id,
      m.to_unit_id::int AS to_unit_id
    FROM hits JOIN analytics_movements m ON m.action_id = hits.action_id JOIN employees e ON e.id = m.employee_id
    ${p.type ? sql`WHERE m.type = ${p.type}` : sql``}
    ORDER BY m.effective_date, e.sort_key LIMIT ${p.limit}`.execute(db);
  return r.rows;
}

const openOn = (on: string) =>
  sql`s.valid_from <= ${on}::date AND (s.valid_to IS NULL OR s.valid_to > ${on}::date) AND s.status IN ${IN_SERVICE}`;

export interface ForecastPerson {
  employee_id: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
}

type BirthWindows = Partial<Record<'M' | 'F', { bornFrom: string; bornBefore: string }>>;

/** Spans in service on the date, in the subtree and scope, born in their sex's window — unit by unit
 * (LATERAL), through the open-span and closing-span indexes of migration 0010, so a ministry reads its
 * own few thousand rows rather than the nation's spans. */
function bornInWindowSpans(actor: Actor, rootPath: string, on: string, w: BirthWindows) {
  const wins = (['M', 'F'] as const).flatMap((sex) => {
    const x = w[sex];
    return x
      ? [
          sql`(s.sex = ${sex} AND s.birth_date >= ${x.bornFrom}::date AND s.birth_date < ${x.bornBefore}::date)`,
        ]
      : [];
  });
  const cond = sql`s.working_unit_id = sub.id AND s.valid_from <= ${on}::date AND s.status IN ${IN_SERVICE}
    AND (${sql.join(wins, sql` OR `)})`;
  return sql`
    (SELECT u.id FROM org_units u WHERE u.path <@ ${rootPath}::ltree
      AND ${inScope('u.path', actor, 'employee.read')}) sub
    CROSS JOIN LATERAL (
      SELECT s.employee_id, s.sex, s.birth_date FROM analytics_spans s WHERE ${cond} AND s.valid_to IS NULL
      UNION ALL
      SELECT s.employee_id, s.sex, s.birth_date FROM analytics_spans s WHERE ${cond} AND s.valid_to > ${on}::date
    ) x`;
}

/** People in service on the date, of one sex, born in [bornFrom, bornBefore). */
export async function bornBetween(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  p: { on: string; sex: 'M' | 'F'; bornFrom: string; bornBefore: string; limit: number | null },
): Promise<{ count: number; people: ForecastPerson[] }> {
  const from = bornInWindowSpans(actor, rootPath, p.on, { [p.sex]: p });
  const c = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${from}`.execute(db);
  if (p.limit === null) return { count: c.rows[0]?.n ?? 0, people: [] };
  const r = await sql<ForecastPerson>`
    SELECT x.employee_id, e.full_name, x.sex, x.birth_date FROM ${from} JOIN employees e ON e.id = x.employee_id
    ORDER BY x.birth_date, x.employee_id LIMIT ${p.limit}`.execute(db);
  return { count: c.rows[0]?.n ?? 0, people: r.rows };
}

/** How many people in service on the date were born in their sex's window (retirements ahead). */
export async function bornInWindows(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  on: string,
  w: Record<'M' | 'F', { bornFrom: string; bornBefore: string }>,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${bornInWindowSpans(actor, rootPath, on, w)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface StepRow {
  employee_id: string;
  full_name: string;
  salary_group: string;
  salary_step: number;
  step_since: string;
}

/** People in service whose next step (or, past the last, the seniority allowance) falls due by the
 * horizon: counted in SQL, and listed (earliest first) only up to `limit`, so a national forecast
 * never carries hundreds of thousands of rows into the server. */
export async function stepsDue(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  p: {
    on: string;
    scales: { group: string; years: number; steps: number }[];
    horizon: string;
    limit: number | null;
  },
): Promise<{ steps: number; seniority: number; rows: (StepRow & { at_last_step: boolean })[] }> {
  if (p.scales.length === 0) return { steps: 0, seniority: 0, rows: [] };
  const values = sql.join(p.scales.map((s) => sql`(${s.group}, ${s.years}::int, ${s.steps}::int)`));
  const due = sql`
    WITH scale(grp, yrs, steps) AS (VALUES ${values}),
    due AS (
      SELECT s.employee_id, s.salary_group, s.salary_step, s.step_since, s.salary_step >= sc.steps AS at_last_step
      FROM analytics_spans s JOIN scale sc ON sc.grp = s.salary_group JOIN org_units u ON u.id = s.working_unit_id
      WHERE ${openOn(p.on)} AND s.step_since IS NOT NULL
        AND s.step_since + make_interval(years => sc.yrs) <= ${p.horizon}::date
        AND u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')})`;
  const c = await sql<{ steps: number; seniority: number }>`
    ${due} SELECT count(*) FILTER (WHERE NOT at_last_step)::int AS steps,
      count(*) FILTER (WHERE at_last_step)::int AS seniority FROM due`.execute(db);
  const rows =
    p.limit === null
      ? []
      : (
          await sql<StepRow & { at_last_step: boolean }>`
            ${due} SELECT due.*, e.full_name FROM due JOIN employees e ON e.id = due.employee_id
            ORDER BY due.step_since, due.employee_id LIMIT ${p.limit}`.execute(db)
        ).rows;
  return { steps: c.rows[0]?.steps ?? 0, seniority: c.rows[0]?.seniority ?? 0, rows };
}
