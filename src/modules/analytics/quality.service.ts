// Data quality per unit (correct, complete, clean, current): required fields missing, rule
// violations, possible duplicates across units, records updated late; a score and what to fix.
import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { inScope } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { reference } from '../catalogs/index.ts';
import type { QualityQuery } from '../../../api/analytics.ts';
import { IN_SERVICE } from './refresh.repository.ts';
import { refreshAnalytics } from './refresh.ts';
import { resolveRoot, today } from './scope.ts';

/** Issue codes; the Vietnamese label says what to fix. */
export const ISSUES: Record<string, string> = {
  missing_birth_place: 'Thiếu nơi sinh',
  missing_hometown: 'Thiếu quê quán',
  missing_address: 'Thiếu nơi thường trú',
  missing_rank: 'Công chức, viên chức chưa có ngạch/chức danh nghề nghiệp',
  missing_education: 'Chưa có trình độ chuyên môn',
  person_id_mismatch: 'Số định danh không khớp giới tính/năm sinh',
  recruited_under_18: 'Ngày tuyển dụng trước khi đủ 18 tuổi',
  rank_education: 'Ngạch loại A nhưng trình độ dưới đại học',
  possible_duplicate: 'Có thể trùng với hồ sơ ở đơn vị khác (cùng họ tên, ngày sinh)',
  late_update: 'Cập nhật chậm quá 3 ngày làm việc sau quyết định (12 tháng qua)',
};

/** Education levels that meet group A ranks (university and above). */
function universityLevels(): string[] {
  const levels = reference().catalogs['education-levels'];
  const uni = Number(levels.find((l) => l.code === 'DH')?.rank ?? 0);
  return levels.filter((l) => Number(l.rank ?? -1) >= uni).map((l) => l.code);
}

async function flags(db: Queryable, actor: Actor, rootPath: string, on: string) {
  const r = await sql<
    Record<string, unknown> & { id: string; full_name: string; unit_id: number; unit_name: string }
  >`
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
        AND a.effective_date > ${on}::date - 365 AND a.recorded_at > a.effective_date + interval '5 days') AS late_update
    FROM employees e JOIN org_units u ON u.id = e.working_unit_id
    LEFT JOIN analytics_spans s ON s.employee_id = e.id AND s.valid_to IS NULL
    WHERE e.status IN ${IN_SERVICE} AND u.path <@ ${rootPath}::ltree AND ${inScope('u.path', actor, 'employee.read')}`.execute(
    db,
  );
  return r.rows.map((x) => ({ ...x, issues: Object.keys(ISSUES).filter((k) => x[k] === true) }));
}

export async function qualityReport(ctx: Ctx, q: Static<typeof QualityQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const on = today(ctx);
  const people = await inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const found = await flags(trx, ctx.actor, root.path, on);
    if (q.list) {
      const shown = found.filter((p) => p.issues.length).slice(0, 1000);
      await audit(ctx, trx, {
        action: 'analytics.quality',
        entity: 'employee',
        unitPath: root.path,
        details: { subjects: shown.map((p) => p.id) },
      });
    }
    return found;
  });
  const units = new Map<
    number,
    { unitId: number; unitName: string; people: number; withIssues: number; issues: Record<string, number> }
  >();
  for (const p of people) {
    const u = units.get(p.unit_id) ?? {
      unitId: p.unit_id,
      unitName: p.unit_name,
      people: 0,
      withIssues: 0,
      issues: {},
    };
    u.people++;
    if (p.issues.length) u.withIssues++;
    for (const i of p.issues) u.issues[i] = (u.issues[i] ?? 0) + 1;
    units.set(p.unit_id, u);
  }
  return {
    unitId: root.id,
    asOf: on,
    units: [...units.values()]
      .map((u) => ({ ...u, score: Math.round((1000 * (u.people - u.withIssues)) / u.people) / 10 }))
      .sort((a, b) => a.score - b.score || a.unitName.localeCompare(b.unitName, 'vi')),
    items: q.list
      ? people
          .filter((p) => p.issues.length)
          .slice(0, 1000)
          .map((p) => ({
            employeeId: p.id,
            fullName: p.full_name,
            unitId: p.unit_id,
            issues: p.issues.map((i) => ISSUES[i] ?? i),
          }))
      : [],
  };
}
