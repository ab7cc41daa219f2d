// SQL of data quality: per person in service in the subtree, the rule flags and the fields of the
// completeness list the record lacks; and the people whose records lack fields (the fix list).
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import { reference } from '../catalogs/index.ts';
import { IN_SERVICE } from './refresh.repository.ts';
import { missingFields } from './completeness.ts';

/** Education levels that meet group A ranks (university and above). */
function universityLevels(): string[] {
  const levels = reference().catalogs['education-levels'];
  const uni = Number(levels.find((l) => l.code === 'DH')?.rank ?? 0);
  return levels.filter((l) => Number(l.rank ?? -1) >= uni).map((l) => l.code);
}

export type FlagRow = Record<string, unknown> & {
  id: string;
  full_name: string;
  unit_id: number;
  unit_name: string;
  missing: string[];
};

export async function qualityFlags(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  on: string,
): Promise<FlagRow[]> {
  const r = await sql<FlagRow>`
    SELECT e.id, e.full_name, u.id::int AS unit_id, u.name AS unit_name,
      (e.record->'identity'->>'birthPlace') IS NULL AS missing_birth_place,
      (e.record->'identity'->>'hometown') IS NULL AS missing_hometown,
      (e.record->'identity'->>'permanentAddress') IS NULL AS missing_address,
      (e.category IN ('civil_servant', 'public_employee') AND e.rank_code IS NULL) AS missing_rank,
      (s.education_level IS NULL) AS missing_education,
      (substr(e.person_id, 4, 1) <> ((extract(year FROM e.birth_date)::int / 100 - 19) * 2
        + CASE e.sex WHEN 'F' THEN 1 ELSE 0 END)::text
        OR substr(e.person_id, 5, 2) <> to_char(e.birth_date, 'YY')) AS person_id_mismatch,
      ((e.record->>'recruitedOn')::date < e.birth_date + interval '18 years') AS recruited_under_18,
      (e.salary_group LIKE 'A%' AND s.education_level IS NOT NULL
        AND NOT s.education_level = ANY(${universityLevels()}::text[])) AS rank_education,
      EXISTS (SELECT 1 FROM employees d WHERE d.search_name = e.search_name AND d.birth_date = e.birth_date
        AND d.id <> e.id AND d.working_unit_id <> e.working_unit_id) AS possible_duplicate,
      EXISTS (SELECT 1 FROM personnel_actions a WHERE a.employee_id = e.id
        AND a.effective_date > ${on}::date - 365 AND a.recorded_at > a.effective_date + interval '5 days') AS late_update,
      ${missingFields()} AS missing
    FROM employees e JOIN org_units u ON u.id = e.working_unit_id
    LEFT JOIN analytics_spans s ON s.employee_id = e.id AND s.valid_to IS NULL
    WHERE e.status IN ${IN_SERVICE} AND u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')}`.execute(
    db,
  );
  return r.rows;
}

export interface FixRow {
  id: string;
  full_name: string;
  unit_name: string;
  missing: string[];
}

/** People in service in the subtree whose records lack fields, at most `limit`, by unit then name. */
export async function peopleMissingFields(
  db: Queryable,
  actor: Actor,
  rootPath: string,
  limit: number,
): Promise<FixRow[]> {
  const r = await sql<FixRow>`
    SELECT id, full_name, unit_name, missing FROM (
      SELECT e.id, e.full_name, e.sort_key, u.path AS unit_path, u.name AS unit_name, ${missingFields()} AS missing
      FROM employees e JOIN org_units u ON u.id = e.working_unit_id
      WHERE e.status IN ${IN_SERVICE} AND u.path <@ ${rootPath}::ltree
        AND ${inScope('u.path', actor, 'employee.read')}
    ) x WHERE cardinality(missing) > 0
    ORDER BY unit_path, sort_key COLLATE "C", id LIMIT ${limit}`.execute(db);
  return r.rows;
}
