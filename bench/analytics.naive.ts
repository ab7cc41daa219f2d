// The naive answers: GROUP BY over the base tables (employees, the ledger, quotas), no read model.
import type pg from 'pg';

const IN_SERVICE = `e.status IN ('active', 'on_leave')`;

export const NAIVE = {
  provinceCategory: `
    SELECT u.province_code, e.category, count(*)::int AS n
    FROM employees e JOIN org_units u ON u.id = e.working_unit_id WHERE ${IN_SERVICE} GROUP BY 1, 2`,
  // On a past date the base tables only know it through the ledger: the last unit-setting action on or
  // before the date, minus those who had left by then.
  provinceCategoryAsOf: `
    WITH last AS (
      SELECT DISTINCT ON (employee_id) employee_id, (payload->>'workingUnitId')::bigint AS unit
      FROM personnel_actions
      WHERE payload ? 'workingUnitId' AND effective_date <= $1::date
      ORDER BY employee_id, effective_date DESC, seq DESC),
    gone AS (SELECT DISTINCT employee_id FROM personnel_actions
      WHERE type IN ('retire', 'resign', 'terminate', 'death') AND effective_date <= $1::date)
    SELECT u.province_code, e.category, count(*)::int AS n
    FROM last JOIN employees e ON e.id = last.employee_id JOIN org_units u ON u.id = last.unit
    WHERE NOT EXISTS (SELECT 1 FROM gone WHERE gone.employee_id = last.employee_id) GROUP BY 1, 2`,
  quota: `
    WITH actual AS (
      SELECT working_unit_id AS unit_id,
        count(*) FILTER (WHERE category IN ('cadre', 'civil_servant'))::int AS cs,
        count(*) FILTER (WHERE category = 'public_employee')::int AS pe,
        count(*) FILTER (WHERE category = 'worker')::int AS cw
      FROM employees e WHERE ${IN_SERVICE} GROUP BY 1)
    SELECT q.unit_id, u.name, q.civil_servants, q.public_employees, q.contract_workers, a.cs, a.pe, a.cw
    FROM staffing_quotas q JOIN org_units u ON u.id = q.unit_id LEFT JOIN actual a ON a.unit_id = q.unit_id
    WHERE q.year = $1 ORDER BY u.path`,
  /** The dashboard's questions over the base tables for one subtree. */
  async dashboard(c: pg.Client, path: string, on: string): Promise<void> {
    const sub = `FROM employees e JOIN org_units u ON u.id = e.working_unit_id WHERE ${IN_SERVICE} AND u.path <@ $1::ltree`;
    for (const col of [
      'e.category',
      'e.sex',
      `LEAST(GREATEST((date_part('year', age($2::date, e.birth_date))::int - 20) / 10, 0), 4)`,
      'e.salary_group',
    ]) {
      await c.query(`SELECT ${col} AS k, count(*) ${sub} AND $2::date IS NOT NULL GROUP BY 1`, [path, on]);
    }
    await c.query(
      `SELECT sum(q.civil_servants), sum(q.public_employees), sum(q.contract_workers) FROM staffing_quotas q
       JOIN org_units u ON u.id = q.unit_id WHERE u.path <@ $1::ltree AND q.year = 2026`,
      [path],
    );
    await c.query(
      `SELECT a.type, count(*) FROM personnel_actions a JOIN employees e ON e.id = a.employee_id
       JOIN org_units u ON u.id = e.working_unit_id WHERE u.path <@ $1::ltree
       AND a.effective_date > $2::date - 365 AND a.effective_date <= $2::date GROUP BY 1`,
      [path, on],
    );
    await c.query(
      `SELECT count(*) ${sub} AND e.birth_date BETWEEN $2::date - interval '62 years' AND $2::date - interval '55 years'`,
      [path, on],
    );
  },
};
