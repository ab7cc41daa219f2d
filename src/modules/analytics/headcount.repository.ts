// Headcount SQL: the cube (pre-aggregated per unit for cached dates) when the asked dimensions are in
// it, else the spans valid on the date. Both are scoped to the actor's subtree in the WHERE clause.
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import { unitNamesOn } from '../org-units/index.ts';
import { ageBand, IN_SERVICE } from './refresh.repository.ts';

export const DIMENSIONS = [
  'unit',
  'province',
  'category',
  'sex',
  'ageBand',
  'minority',
  'ethnicCode',
  'religionCode',
  'salaryGroup',
  'rankCode',
  'educationLevel',
  'politicalTheory',
  'stateManagement',
  'jobPosition',
  'title',
  'status',
  'party',
  'leadership',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Sensitive personal data (Law 91/2025: ethnicity, religion, political views — a Party membership
 * is a row of the sensitive political group): only for roles that may see it. */
export const SENSITIVE_DIMENSIONS: ReadonlySet<Dimension> = new Set([
  'minority',
  'ethnicCode',
  'religionCode',
  'party',
]);
const CUBE_DIMENSIONS: ReadonlySet<Dimension> = new Set([
  'unit',
  'province',
  'category',
  'sex',
  'ageBand',
  'minority',
  'ethnicCode',
  'salaryGroup',
  'party',
]);
const ROLLUP_DIMENSIONS: ReadonlySet<Dimension> = new Set(['unit', 'province', 'category', 'sex', 'party']);
export const inCube = (dims: Dimension[]) => dims.every((d) => CUBE_DIMENSIONS.has(d));
/** The unit × category × sex × Party rollup answers these with thousands of rows instead of the full cube. */
const inRollup = (q: CountQuery) =>
  [...q.dims, ...(Object.keys(q.filters) as Dimension[])].every((d) => ROLLUP_DIMENSIONS.has(d));

/** The id of the root's child that holds the unit (the unit itself when it is the root). */
const childOf = (rootLevel: number) =>
  sql<string>`CASE WHEN nlevel(u.path) > ${rootLevel}
    THEN substr(ltree2text(subpath(u.path, ${rootLevel}, 1)), 2) ELSE substr(ltree2text(subpath(u.path, -1, 1)), 2) END`;

function dimExpr(d: Dimension, x: 's' | 'c', on: string, rootLevel: number): RawBuilder<unknown> {
  const col = (name: string) => sql.raw(`${x}.${name}`);
  switch (d) {
    case 'unit':
      return childOf(rootLevel);
    case 'province':
      return sql`u.province_code`;
    case 'ageBand':
      return x === 'c' ? sql`c.age_band::text` : sql`${ageBand(sql`s.birth_date`, sql`${on}::date`)}::text`;
    case 'minority':
      return sql`CASE WHEN ${col('ethnic_code')} = '01' THEN 'kinh' ELSE 'minority' END`;
    case 'salaryGroup':
      return x === 'c' ? sql`NULLIF(c.salary_group, '')` : sql`s.salary_group`;
    case 'jobPosition':
      return sql`s.job_position_id::text`;
    case 'title':
      return sql`s.position_title`;
    case 'party':
      return col('party_status');
    case 'leadership':
      return sql`COALESCE(s.leadership_code, 'none')`;
    default: {
      const snake = d.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
      return col(snake);
    }
  }
}

export interface CountQuery {
  actor: Actor;
  rootPath: string;
  asOf: string;
  dims: Dimension[];
  /** Equality filters on dimensions (drill-down). */
  filters: Partial<Record<Dimension, string>>;
}

export interface CountRow {
  k0: string | null;
  k1: string | null;
  n: number;
}

function keys(q: CountQuery, x: 's' | 'c', rootLevel: number) {
  const exprs = q.dims.map((d) => dimExpr(d, x, q.asOf, rootLevel));
  while (exprs.length < 2) exprs.push(sql`NULL::text`);
  const where = Object.entries(q.filters).map(
    ([d, v]) => sql`(${dimExpr(d as Dimension, x, q.asOf, rootLevel)})::text = ${v}`,
  );
  return { exprs, where: where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql`` };
}

export async function countFromCube(db: Queryable, q: CountQuery): Promise<CountRow[]> {
  const level = q.rootPath.split('.').length;
  const { exprs, where } = keys(q, 'c', level);
  const r = await sql<CountRow>`
    SELECT (${exprs[0]})::text AS k0, (${exprs[1]})::text AS k1, sum(c.n)::int AS n
    FROM ${sql.table(inRollup(q) ? 'analytics_cube_units' : 'analytics_cube')} c JOIN org_units u ON u.id = c.unit_id
    WHERE c.as_of = ${q.asOf}::date AND u.path <@ ${q.rootPath}::ltree
      AND ${inScope('u.path', q.actor, 'employee.read')} ${where}
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}

/** The dashboard's four structure tables in one pass over the subtree's cube rows (grouping sets). */
export async function dashboardCounts(
  db: Queryable,
  q: Omit<CountQuery, 'dims' | 'filters'>,
): Promise<Record<'category' | 'sex' | 'ageBand' | 'salaryGroup', CountRow[]>> {
  const r = await sql<{ g: number; k: string | null; n: number }>`
    SELECT GROUPING(c.category, c.sex, c.age_band, c.salary_group) AS g,
      COALESCE(c.category, c.sex, c.age_band::text, NULLIF(c.salary_group, '')) AS k, sum(c.n)::int AS n
    FROM analytics_cube c JOIN org_units u ON u.id = c.unit_id
    WHERE c.as_of = ${q.asOf}::date AND u.path <@ ${q.rootPath}::ltree
      AND ${inScope('u.path', q.actor, 'employee.read')}
    GROUP BY GROUPING SETS ((c.category), (c.sex), (c.age_band), (c.salary_group))`.execute(db);
  // GROUPING(...) has a 0 bit for the one column grouped by: 7 = category, 11 = sex, 13 = age band, 14 = salary group.
  const of = (g: number) => r.rows.filter((x) => x.g === g).map((x) => ({ k0: x.k, k1: null, n: x.n }));
  return { category: of(7), sex: of(11), ageBand: of(13), salaryGroup: of(14) };
}

const validOn = (on: string) =>
  sql`s.valid_from <= ${on}::date AND (s.valid_to IS NULL OR s.valid_to > ${on}::date) AND s.status IN ${IN_SERVICE}`;

export async function countFromSpans(db: Queryable, q: CountQuery): Promise<CountRow[]> {
  const level = q.rootPath.split('.').length;
  const { exprs, where } = keys(q, 's', level);
  const r = await sql<CountRow>`
    SELECT (${exprs[0]})::text AS k0, (${exprs[1]})::text AS k1, count(*)::int AS n
    FROM analytics_spans s JOIN org_units u ON u.id = s.working_unit_id
    WHERE ${validOn(q.asOf)} AND u.path <@ ${q.rootPath}::ltree
      AND ${inScope('u.path', q.actor, 'employee.read')} ${where}
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}

export interface PersonRow {
  id: string;
  person_id: string;
  full_name: string;
  birth_date: string;
  sex: string;
  category: string;
  working_unit_id: number;
  unit_name: string;
  rank_code: string | null;
  position_title: string | null;
}

/** The people behind a cell: in service on the date, in the subtree and scope, matching the filters. */
export async function listPeople(
  db: Queryable,
  q: CountQuery,
  limit: number,
  offset: number,
): Promise<PersonRow[]> {
  const level = q.rootPath.split('.').length;
  const { where } = keys(q, 's', level);
  const r = await sql<PersonRow>`
    SELECT e.id, e.person_id, e.full_name, s.birth_date, s.sex, s.category, s.working_unit_id,
           u.name AS unit_name, s.rank_code, s.position_title
    FROM analytics_spans s JOIN org_units u ON u.id = s.working_unit_id JOIN employees e ON e.id = s.employee_id
    WHERE ${validOn(q.asOf)} AND u.path <@ ${q.rootPath}::ltree
      AND ${inScope('u.path', q.actor, 'employee.read')} ${where}
    ORDER BY e.sort_key, e.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return r.rows;
}

/** Names of units as they were on the date (a renamed unit keeps its old name in past tables);
 * today's name for a unit that had no name yet then. */
export async function unitNames(db: Queryable, ids: number[], on: string): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: number; name: string }>`
    SELECT id, name FROM org_units WHERE id = ANY(${ids}::bigint[])`.execute(db);
  const then = await unitNamesOn(db, ids, on);
  return new Map(r.rows.map((x) => [Number(x.id), then.get(Number(x.id)) ?? x.name]));
}

/** Names of job positions (a table of job positions shows names, not ids). */
export async function jobPositionNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const valid = ids.filter((i) => Number.isInteger(i));
  if (valid.length === 0) return new Map();
  const r = await sql<{ id: number; name: string }>`
    SELECT id, name FROM job_positions WHERE id = ANY(${valid}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.id), x.name]));
}
