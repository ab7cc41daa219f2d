// Quota vs actual, movements over a period, retirement and salary-step forecasts, and the dashboard
// of a ministry or province that puts them together.
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import { reference } from '../catalogs/index.ts';
import type { DashboardQuery, ForecastQuery, MovementsQuery, QuotaQuery } from '../../../api/analytics.ts';
import * as repo from './workforce.repository.ts';
import { dashboardCounts } from './headcount.repository.ts';
import { prepareCube, refreshAnalytics } from './refresh.ts';
import { checkDate, resolveRoot, today, type Root } from './scope.ts';
import { addMonths, birthWindow, retirementDate } from './rules.ts';

const trio = (quota: number, actual: number) => ({ quota, actual });

export async function quotaReport(ctx: Ctx, q: Static<typeof QuotaQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const now = today(ctx);
  const year = q.year ?? Number(now.slice(0, 4));
  // A past year is judged on its last day, the current year today.
  const asOf = `${year}-12-31` < now ? `${year}-12-31` : now;
  const { rows, jobs } = await inTransaction(ctx.db, async (trx) => {
    await prepareCube(trx, asOf, ctx.now);
    return {
      rows: await repo.quotaVsActual(trx, ctx.actor, root.path, year, asOf),
      jobs: await repo.jobPositionsFilled(trx, ctx.actor, root.path, asOf),
    };
  });
  const units = rows.map((r) => ({
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    civilServants: trio(r.cs_quota, r.cs),
    publicEmployees: trio(r.pe_quota, r.pe),
    contractWorkers: trio(r.cw_quota, r.cw),
    isOverQuota: r.cs > r.cs_quota || r.pe > r.pe_quota || r.cw > r.cw_quota,
  }));
  return {
    unitId: root.id,
    year,
    asOf,
    units: q.overOnly ? units.filter((u) => u.isOverQuota) : units,
    overQuota: units.filter((u) => u.isOverQuota).map((u) => u.unitId),
    jobPositions: jobs.map((j) => ({ ...j, unitId: Number(j.unit_id) })).map(({ unit_id: _u, ...j }) => j),
  };
}

export async function movements(ctx: Ctx, q: Static<typeof MovementsQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const from = checkDate(q.from, '/query/from');
  const to = checkDate(q.to, '/query/to');
  if (from > to)
    throw new AppError('VALIDATION_FAILED', 'Khoảng thời gian không hợp lệ', [
      { field: '/query/to', reason: 'Ngày kết thúc trước ngày bắt đầu' },
    ]);
  return inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const counts = await repo.movementCounts(trx, ctx.actor, root.path, from, to);
    const items = q.list
      ? await repo.movementList(trx, ctx.actor, root.path, { from, to, type: q.type, limit: 1000 })
      : [];
    if (q.list) {
      await audit(ctx, trx, {
        action: 'analytics.movements',
        entity: 'employee',
        unitPath: root.path,
        details: { from, to, type: q.type ?? null, subjects: [...new Set(items.map((i) => i.employee_id))] },
      });
    }
    return {
      unitId: root.id,
      from,
      to,
      counts,
      items: items.map((i) => ({
        employeeId: i.employee_id,
        fullName: i.full_name,
        type: i.type,
        effectiveDate: i.effective_date,
        fromUnitId: i.from_unit_id,
        toUnitId: i.to_unit_id,
      })),
    };
  });
}

async function retiring(trx: Tx, ctx: Ctx, root: Root, from: string, months: number, limit: number | null) {
  const to = addMonths(from, months);
  const out = { count: 0, people: [] as (repo.ForecastPerson & { dueOn: string })[] };
  for (const sex of ['M', 'F'] as const) {
    const w = birthWindow(sex, from, to);
    const r = await repo.bornBetween(trx, ctx.actor, root.path, { on: from, sex, ...w, limit });
    out.count += r.count;
    out.people.push(...r.people.map((p) => ({ ...p, dueOn: retirementDate(p.birth_date, p.sex) })));
  }
  return out;
}

function scales() {
  return [...reference().scales.values()].map((s) => ({
    group: s.code,
    years: Number(s.yearsBetweenSteps ?? 3),
    steps: Number(s.stepCount ?? s.steps.length),
  }));
}

export async function forecast(ctx: Ctx, q: Static<typeof ForecastQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const from = today(ctx);
  const months = q.months ?? 12;
  const horizon = addMonths(from, months);
  return inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const in6 = await retiring(trx, ctx, root, from, 6, null);
    const in12 = await retiring(trx, ctx, root, from, 12, null);
    const inPeriod = await retiring(trx, ctx, root, from, months, q.list ? 1000 : null);
    const due = await repo.stepsDue(trx, ctx.actor, root.path, {
      on: from,
      scales: scales(),
      horizon,
      limit: q.list ? 1000 : null,
    });
    const byGroup = new Map(scales().map((s) => [s.group, s]));
    const items = q.list
      ? [
          ...inPeriod.people.map((p) => ({
            employeeId: p.employee_id,
            fullName: p.full_name,
            kind: 'retirement' as const,
            dueOn: p.dueOn,
            detail: p.birth_date,
          })),
          ...due.rows.map((s) => ({
            employeeId: s.employee_id,
            fullName: s.full_name,
            kind: s.at_last_step ? ('seniority' as const) : ('salary_step' as const),
            dueOn: addMonths(s.step_since, 12 * (byGroup.get(s.salary_group)?.years ?? 3)),
            detail: `${s.salary_group} bậc ${s.salary_step}`,
          })),
        ]
      : [];
    if (q.list) {
      await audit(ctx, trx, {
        action: 'analytics.forecast',
        entity: 'employee',
        unitPath: root.path,
        details: { months, subjects: [...new Set(items.map((i) => i.employeeId))] },
      });
    }
    return {
      unitId: root.id,
      from,
      months,
      retiring: { within6Months: in6.count, within12Months: in12.count, inPeriod: inPeriod.count },
      salaryStepsDue: due.steps,
      seniorityAllowanceDue: due.seniority,
      items,
    };
  });
}

const pairs = (rows: { k0: string | null; n: number }[]) =>
  rows.map((r) => ({ key: r.k0, count: r.n })).sort((a, b) => String(a.key).localeCompare(String(b.key)));

/** One screen for a ministry or province: structure, quota, last year's movements, coming retirements. */
export async function dashboard(ctx: Ctx, q: Static<typeof DashboardQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const asOf = checkDate(q.asOf ?? today(ctx), '/query/asOf');
  return inTransaction(ctx.db, async (trx) => {
    await prepareCube(trx, asOf, ctx.now);
    const counts = await dashboardCounts(trx, { actor: ctx.actor, rootPath: root.path, asOf });
    const { category: byCategory, sex: bySex, ageBand: byAgeBand, salaryGroup: bySalaryGroup } = counts;
    const quota = await repo.quotaVsActual(trx, ctx.actor, root.path, Number(asOf.slice(0, 4)), asOf);
    const sum = (f: (r: repo.QuotaDbRow) => number) => quota.reduce((s, r) => s + f(r), 0);
    const moves = await repo.movementCounts(trx, ctx.actor, root.path, addMonths(asOf, -12), asOf);
    const until = addMonths(asOf, 12);
    const retiringCount = await repo.bornInWindows(trx, ctx.actor, root.path, asOf, {
      M: birthWindow('M', asOf, until),
      F: birthWindow('F', asOf, until),
    });
    return {
      unitId: root.id,
      unitName: root.name,
      asOf,
      total: byCategory.reduce((s, r) => s + r.n, 0),
      byCategory: pairs(byCategory),
      bySex: pairs(bySex),
      byAgeBand: pairs(byAgeBand),
      bySalaryGroup: pairs(bySalaryGroup),
      quota: {
        civilServants: trio(
          sum((r) => r.cs_quota),
          sum((r) => r.cs),
        ),
        publicEmployees: trio(
          sum((r) => r.pe_quota),
          sum((r) => r.pe),
        ),
        contractWorkers: trio(
          sum((r) => r.cw_quota),
          sum((r) => r.cw),
        ),
      },
      movements12Months: moves.map((m) => ({ key: m.type, count: m.total })),
      retiringWithin12Months: retiringCount,
    };
  });
}
