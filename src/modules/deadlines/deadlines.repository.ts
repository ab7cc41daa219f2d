// The legal deadlines as one SQL query: each rule yields items (what, whose, which unit, start, due,
// met on), due dates come from the working-day table, and status is decided against today — so that
// lists and per-unit lateness are computed by the database over the whole scope, not in memory.
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../db/transaction.ts';
import { inScope } from '../access/index.ts';
import type { DeadlineRule } from '../../../api/workflows.ts';

export interface ItemFilter {
  actor: Actor;
  today: string;
  from: string;
  unitPath?: string | undefined;
  rule?: DeadlineRule | undefined;
}

const local = (col: string) => sql`((${sql.ref(col)} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const plusWorking = (start: RawBuilder<unknown>, n: number) =>
  sql`(SELECT min(c.day) FROM calendar_days c WHERE c.is_working
        AND c.ordinal = (SELECT s.ordinal FROM calendar_days s WHERE s.day = ${start}) + ${n})`;

/** Every rule's items with unit path, before status: one UNION ALL, each branch cheap and indexed. */
function items(f: ItemFilter): RawBuilder<unknown> {
  const recruitDate = sql`coalesce(a.decision_date, a.effective_date)`;
  return sql`
    SELECT 'record_created' AS rule, a.id::text AS ref, e.id AS employee_id, e.full_name, e.managing_unit_id AS unit_id,
           ${recruitDate} AS start_date, (${recruitDate} + 3) AS due_date, ${local('a.recorded_at')} AS met_on
    FROM personnel_actions a JOIN employees e ON e.id = a.employee_id
    WHERE a.type = 'recruit' AND a.recorded_at >= ${f.from}::date - 31 AND ${recruitDate} >= ${f.from}::date
    UNION ALL
    SELECT 'first_declaration', a.id::text, e.id, e.full_name, e.managing_unit_id,
           ${local('a.recorded_at')}, ${plusWorking(local('a.recorded_at'), 3)},
           (SELECT ${local('x.at')} FROM (
              SELECT d.recorded_at AS at FROM personnel_actions d JOIN accounts acc ON acc.employee_id = e.id
              WHERE d.employee_id = e.id AND d.type = 'declare' AND d.recorded_by = acc.id::text
              UNION ALL
              SELECT r.submitted_at FROM change_requests r JOIN accounts acc ON acc.id = r.submitted_by
              WHERE r.employee_id = e.id AND r.kind = 'declaration' AND acc.employee_id = e.id
            ) x ORDER BY x.at LIMIT 1)
    FROM personnel_actions a JOIN employees e ON e.id = a.employee_id
    WHERE a.type = 'recruit' AND a.recorded_at >= ${f.from}::date
    UNION ALL
    SELECT 'hr_update', a.id::text, e.id, e.full_name, e.managing_unit_id,
           a.decision_date, ${plusWorking(sql`a.decision_date`, 3)}, ${local('a.recorded_at')}
    FROM personnel_actions a JOIN employees e ON e.id = a.employee_id
    WHERE a.decision_date >= ${f.from}::date AND a.type <> 'recruit'
    UNION ALL
    SELECT 'hr_update', r.id::text, e.id, e.full_name, e.managing_unit_id,
           (r.action->'decision'->>'date')::date, ${plusWorking(sql`(r.action->'decision'->>'date')::date`, 3)}, NULL
    FROM change_requests r JOIN employees e ON e.id = r.employee_id
    WHERE r.kind = 'hr_action' AND r.status = 'pending' AND r.action->'decision' IS NOT NULL
      AND (r.action->'decision'->>'date')::date >= ${f.from}::date
    UNION ALL
    SELECT 'request_review', r.id::text, e.id, e.full_name, e.managing_unit_id,
           ${local('r.submitted_at')}, ${plusWorking(local('r.submitted_at'), 3)},
           CASE WHEN r.status IN ('approved', 'rejected') THEN ${local('r.decided_at')} END
    FROM change_requests r JOIN employees e ON e.id = r.employee_id
    WHERE r.kind = 'declaration' AND r.status <> 'withdrawn' AND r.submitted_at >= ${f.from}::date
    UNION ALL
    -- Until received, the receiving body is whoever is over the person's managing unit now (the
    -- receiving unit, or its successor if a restructuring merged it away meanwhile).
    SELECT 'transfer_receipt', t.id::text, e.id, e.full_name,
           CASE WHEN t.received_at IS NULL THEN e.managing_unit_id ELSE t.to_unit_id END,
           t.effective_date, ${plusWorking(sql`t.effective_date`, 10)}, ${local('t.received_at')}
    FROM transfers t JOIN employees e ON e.id = t.employee_id
    WHERE t.effective_date >= ${f.from}::date
    UNION ALL
    SELECT 'monthly_approval', m.month, NULL, NULL, u.id,
           (m.last_day - 4), m.last_day, ${local('ma.signed_at')}
    FROM org_units u
    CROSS JOIN LATERAL (
      SELECT to_char(g, 'YYYY-MM') AS month, (g + interval '1 month' - interval '1 day')::date AS last_day
      FROM generate_series(date_trunc('month', ${f.from}::date), date_trunc('month', ${f.today}::date), interval '1 month') g
    ) m
    LEFT JOIN monthly_approvals ma ON ma.unit_id = u.id AND ma.month = m.month
    WHERE nlevel(u.path) = 2 AND u.valid_from <= m.last_day AND (u.valid_to IS NULL OR u.valid_to > m.last_day)
  `;
}

function filtered(f: ItemFilter): RawBuilder<unknown> {
  return sql`
    SELECT i.*, u.path, u.name AS unit_name,
           CASE WHEN i.met_on IS NOT NULL THEN CASE WHEN i.met_on <= i.due_date THEN 'met' ELSE 'late' END
                WHEN ${f.today}::date > i.due_date THEN 'overdue' ELSE 'due' END AS status
    FROM (${items(f)}) i JOIN org_units u ON u.id = i.unit_id
    WHERE ${inScope('u.path', f.actor, 'deadline.read')}
      ${f.unitPath ? sql`AND u.path <@ ${f.unitPath}::ltree` : sql``}
      ${f.rule ? sql`AND i.rule = ${f.rule}` : sql``}`;
}

export interface ItemRow {
  rule: DeadlineRule;
  ref: string;
  employee_id: string | null;
  full_name: string | null;
  unit_id: number;
  unit_name: string;
  start_date: string;
  due_date: string;
  met_on: string | null;
  status: 'due' | 'overdue' | 'met' | 'late';
}

export async function listItems(
  q: Queryable,
  f: ItemFilter & { status?: string | undefined; limit: number },
): Promise<ItemRow[]> {
  const r = await sql<ItemRow>`
    SELECT * FROM (${filtered(f)}) x
    ${f.status ? sql`WHERE x.status = ${f.status}` : sql``}
    ORDER BY x.due_date, x.rule, x.ref LIMIT ${f.limit}`.execute(q);
  return r.rows;
}

export interface SummaryRow {
  unit_id: number;
  unit_name: string;
  rule: string;
  status: string;
  n: number;
}

/** Counts per rule and status, grouped by the units one level below `levelOf` (or the unit itself). */
export async function summarise(q: Queryable, f: ItemFilter & { depth: number }): Promise<SummaryRow[]> {
  const r = await sql<SummaryRow>`
    SELECT g.id AS unit_id, g.name AS unit_name, x.rule, x.status, count(*)::int AS n
    FROM (${filtered(f)}) x
    JOIN org_units g ON g.path = subpath(x.path, 0, least(nlevel(x.path), ${f.depth}))
    GROUP BY g.id, g.name, x.rule, x.status
    ORDER BY g.name`.execute(q);
  return r.rows;
}
