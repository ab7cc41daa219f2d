import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { EmployeesTable } from '../../db/schema.ts';
import type { ERecord, EmployeeSummary } from '../../../api/employees.ts';
import { nameSortKey, searchKey } from '../../platform/text.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope, type Permission } from '../access/index.ts';

type Row = Omit<Insertable<EmployeesTable>, 'created_at' | 'updated_at'> & { id: string };

/** The stored projection: queryable columns plus the whole record as JSON. */
export function projectionRow(rec: ERecord, actionCount: number): Row {
  return {
    id: rec.id,
    person_id: rec.personId,
    full_name: rec.fullName,
    search_name: ` ${searchKey(rec.fullName)} `,
    sort_key: nameSortKey(rec.fullName),
    birth_date: rec.birthDate,
    sex: rec.sex,
    ethnic_code: rec.ethnicCode || null,
    religion_code: rec.religionCode || null,
    category: rec.category,
    status: rec.status,
    managing_unit_id: rec.managingUnitId,
    working_unit_id: rec.workingUnitId,
    rank_code: rec.rankCode,
    salary_group: rec.salaryGroup,
    salary_step: rec.salaryStep,
    salary_coefficient: rec.salaryCoefficient,
    position_title: rec.positionTitle,
    job_position_id: rec.jobPositionId,
    record: JSON.stringify(rec),
    action_count: actionCount,
  };
}

export async function insertProjections(db: Queryable, rows: Row[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('employees')
    .values(rows.map((r) => ({ ...r, created_at: at, updated_at: at })))
    .execute();
}

export async function updateProjection(db: Queryable, row: Row, at: Date): Promise<void> {
  const { id, ...rest } = row;
  await db
    .updateTable('employees')
    .set({ ...rest, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export interface ScopedRecord {
  record: ERecord;
  managingPath: string;
  workingPath: string;
}

/**
 * The record when the actor may act on it: its managing or working unit lies in a subtree where the
 * actor holds the permission, or (with allowSelf) it is the actor's own record. Otherwise nothing —
 * the caller answers 404, as if it did not exist.
 */
export async function findScopedRecord(
  db: Queryable,
  id: string,
  actor: Actor,
  permission: Permission,
  opts: { allowSelf?: boolean; forUpdate?: boolean } = {},
): Promise<ScopedRecord | undefined> {
  const self = opts.allowSelf && actor.employeeId ? actor.employeeId : null;
  let q = db
    .selectFrom('employees as e')
    .innerJoin('org_units as mu', 'mu.id', 'e.managing_unit_id')
    .innerJoin('org_units as wu', 'wu.id', 'e.working_unit_id')
    .select(['e.record', 'mu.path as managing_path', 'wu.path as working_path'])
    .where('e.id', '=', id)
    .where((eb) =>
      eb.or([
        inScope('mu.path', actor, permission),
        inScope('wu.path', actor, permission),
        ...(self ? [eb('e.id', '=', self)] : []),
      ]),
    );
  if (opts.forUpdate) q = q.forUpdate('e');
  const r = await q.executeTakeFirst();
  return r
    ? { record: r.record as ERecord, managingPath: r.managing_path, workingPath: r.working_path }
    : undefined;
}

export async function findIdByPersonId(db: Queryable, personId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('employees')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return r?.id;
}

export interface SearchFilter {
  actor: Actor;
  text?: string | undefined;
  unitId?: number | undefined;
  managedBy?: number | undefined;
  category?: string | undefined;
  status?: string | undefined;
  rankCode?: string | undefined;
  ethnicCode?: string | undefined;
  sex?: string | undefined;
  bornOnOrBefore?: string | undefined;
  bornAfter?: string | undefined;
  after?: { sortKey: string; id: string } | undefined;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export async function searchEmployees(
  db: Queryable,
  f: SearchFilter,
): Promise<(EmployeeSummary & { sortKey: string })[]> {
  let q = db
    .selectFrom('employees as e')
    .innerJoin('org_units as u', 'u.id', 'e.working_unit_id')
    .innerJoin('org_units as mu', 'mu.id', 'e.managing_unit_id')
    .where((eb) =>
      eb.or([inScope('u.path', f.actor, 'employee.read'), inScope('mu.path', f.actor, 'employee.read')]),
    )
    .select([
      'e.id',
      'e.person_id',
      'e.full_name',
      'e.birth_date',
      'e.sex',
      'e.category',
      'e.status',
      'e.working_unit_id',
      'e.managing_unit_id',
      'u.name as unit_name',
      'e.rank_code',
      'e.salary_step',
      'e.position_title',
      'e.sort_key',
    ]);
  const text = f.text?.trim() ?? '';
  if (/^\d{1,12}$/.test(text)) {
    q = q.where('e.person_id', text.length === 12 ? '=' : 'like', text.length === 12 ? text : `${text}%`);
  } else if (text) {
    // Whole words, except the last which may be a prefix: "hoai thu" finds "… Hoài Thương".
    const tokens = searchKey(text).split(' ').filter(Boolean);
    tokens.forEach((t, i) => {
      const pattern = i === tokens.length - 1 ? `% ${escapeLike(t)}%` : `% ${escapeLike(t)} %`;
      q = q.where('e.search_name', 'like', pattern);
    });
  }
  if (f.unitId !== undefined) {
    q = q.where(
      'e.working_unit_id',
      'in',
      sql<number>`(SELECT id FROM org_units WHERE path <@ (SELECT path FROM org_units WHERE id = ${f.unitId}))`,
    );
  }
  if (f.managedBy !== undefined) q = q.where('e.managing_unit_id', '=', f.managedBy);
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.rankCode) q = q.where('e.rank_code', '=', f.rankCode);
  if (f.ethnicCode) q = q.where('e.ethnic_code', '=', f.ethnicCode);
  if (f.sex) q = q.where('e.sex', '=', f.sex as 'M' | 'F');
  if (f.bornOnOrBefore) q = q.where('e.birth_date', '<=', f.bornOnOrBefore);
  if (f.bornAfter) q = q.where('e.birth_date', '>', f.bornAfter);
  if (f.after) {
    const { sortKey, id } = f.after;
    q = q.where(sql<boolean>`(e.sort_key, e.id) > (${sortKey}, ${id}::uuid)`);
  }
  const rows = await q.orderBy('e.sort_key').orderBy('e.id').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    sex: r.sex,
    category: r.category,
    status: r.status,
    workingUnitId: r.working_unit_id,
    workingUnitName: r.unit_name,
    managingUnitId: r.managing_unit_id,
    rankCode: r.rank_code,
    salaryStep: r.salary_step,
    positionTitle: r.position_title,
    sortKey: r.sort_key,
  }));
}

export const HEADCOUNT_DIMENSIONS = {
  category: 'e.category',
  sex: 'e.sex',
  status: 'e.status',
  salaryGroup: 'e.salary_group',
  rankCode: 'e.rank_code',
  ethnicCode: 'e.ethnic_code',
} as const;
export type HeadcountDimension = keyof typeof HEADCOUNT_DIMENSIONS;

/** People in service (active or on leave) working in the subtree of a unit, grouped by one dimension.
 * The caller has checked that the unit lies in the actor's scope, so its whole subtree does too. */
export async function headcountBy(db: Queryable, unitId: number, by: HeadcountDimension) {
  const col = sql.ref(HEADCOUNT_DIMENSIONS[by]);
  const r = await sql<{ key: string | null; count: number }>`
    SELECT ${col} AS key, count(*)::int AS count
    FROM employees e JOIN org_units u ON u.id = e.working_unit_id
    WHERE u.path <@ (SELECT path FROM org_units WHERE id = ${unitId}) AND e.status IN ('active', 'on_leave')
    GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
  return r.rows;
}
