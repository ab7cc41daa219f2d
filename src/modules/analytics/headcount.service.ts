// Headcount and structure for any subtree and date: one dimension or a cross-tab of two, from the
// cube when it holds the dimensions, else from the spans; drill-down to the (audited) list of people.
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import type { HeadcountQuery, PeopleQuery } from '../../../api/analytics.ts';
import * as repo from './headcount.repository.ts';
import type { Dimension } from './headcount.repository.ts';
import { prepareCube, refreshAnalytics } from './refresh.ts';
import { checkDate, checkDimensions, resolveRoot, today } from './scope.ts';
import { suppressionMask } from './suppression.ts';
import { labelsFor } from './labels.ts';

/** Cells of publication statistics with fewer people than this are suppressed. */
export const PUBLICATION_MIN = 5;
const FILTER_KEYS = [
  'category',
  'sex',
  'ageBand',
  'salaryGroup',
  'province',
  'rankCode',
  'educationLevel',
  'politicalTheory',
  'party',
  'leadership',
] as const;

function filtersOf(q: Partial<Record<(typeof FILTER_KEYS)[number], string>>) {
  const f: Partial<Record<Dimension, string>> = {};
  for (const k of FILTER_KEYS) if (q[k] !== undefined) f[k] = q[k];
  return f;
}

export async function headcount(ctx: Ctx, q: Static<typeof HeadcountQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const asOf = checkDate(q.asOf ?? today(ctx), '/query/asOf');
  const dims: Dimension[] = q.cols ? [q.rows, q.cols] : [q.rows];
  if (q.cols === q.rows)
    throw new AppError('VALIDATION_FAILED', 'Hai chiều thống kê phải khác nhau', [
      { field: '/query/cols', reason: 'Trùng với rows' },
    ]);
  checkDimensions(ctx, root, dims);
  const filters = filtersOf(q);
  checkDimensions(ctx, root, Object.keys(filters) as Dimension[], '/query');
  const useCube = repo.inCube([...dims, ...(Object.keys(filters) as Dimension[])]);
  const query = { actor: ctx.actor, rootPath: root.path, asOf, dims, filters };
  const rows = await inTransaction(ctx.db, async (trx) => {
    if (useCube) await prepareCube(trx, asOf, ctx.now);
    else await refreshAnalytics(trx);
    return useCube ? repo.countFromCube(trx, query) : repo.countFromSpans(trx, query);
  });
  const keysOf = (i: number) =>
    rows.map((r) => (i === 0 ? r.k0 : r.k1)).filter((k): k is string => k !== null);
  const labels = await labelsFor(ctx.db, dims, keysOf, asOf);
  const total = rows.reduce((s, r) => s + r.n, 0);
  // Publication: the cells and their total form one published sum (secondary suppression).
  const values = [...rows.map((r) => r.n), total];
  const mask = q.publish === true ? suppressionMask(values, [values.map((_, i) => i)], PUBLICATION_MIN) : [];
  const hidden = (i: number) => mask[i] === true;
  const cells = rows
    .map((r, i) => ({
      row: r.k0,
      col: q.cols ? r.k1 : null,
      count: hidden(i) ? null : r.n,
      suppressed: hidden(i),
    }))
    .sort((a, b) => String(a.row).localeCompare(String(b.row)) || String(a.col).localeCompare(String(b.col)));
  return {
    unitId: root.id,
    unitName: root.name,
    asOf,
    rows: q.rows,
    cols: q.cols ?? null,
    source: useCube ? ('cube' as const) : ('spans' as const),
    total: hidden(rows.length) ? null : total,
    cells,
    labels: labels.vi,
    labelsEn: labels.en,
  };
}

/** The people behind a count (drill-down): a read of personal data, audited with who was shown. */
export async function people(ctx: Ctx, q: Static<typeof PeopleQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const asOf = checkDate(q.asOf ?? today(ctx), '/query/asOf');
  const filters = filtersOf(q);
  checkDimensions(ctx, root, Object.keys(filters) as Dimension[], '/query');
  const query = { actor: ctx.actor, rootPath: root.path, asOf, dims: [], filters };
  const rows = await inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const found = await repo.listPeople(trx, query, q.limit ?? 100, q.offset ?? 0);
    const { format: _f, ...asked } = q;
    await audit(ctx, trx, {
      action: 'analytics.people',
      entity: 'employee',
      unitPath: root.path,
      details: { query: asked, asOf, count: found.length, subjects: found.map((r) => r.id) },
    });
    return found;
  });
  return {
    asOf,
    items: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      sex: r.sex,
      category: r.category,
      workingUnitId: Number(r.working_unit_id),
      workingUnitName: r.unit_name,
      rankCode: r.rank_code,
      positionTitle: r.position_title,
    })),
  };
}
