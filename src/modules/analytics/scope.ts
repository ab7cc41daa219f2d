// The subtree an analytics question is about, and whether the actor may ask it.
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pathWithin, scopeRoots } from '../access/index.ts';
import { getUnit } from '../org-units/index.ts';
import type { Dimension } from './headcount.repository.ts';
import { SENSITIVE_DIMENSIONS } from './headcount.repository.ts';

export interface Root {
  id: number;
  name: string;
  path: string;
}

/** The asked unit (or the actor's first subtree, or the nation for the system); 404 outside scope. */
export async function resolveRoot(ctx: Ctx, unitId: number | undefined): Promise<Root> {
  const roots = scopeRoots(ctx.actor, 'employee.read');
  if (unitId !== undefined) {
    const u = await getUnit(ctx.db, unitId);
    if (!pathWithin(u.path, roots)) throw notFound('Đơn vị', unitId);
    return { id: u.id, name: u.name, path: u.path };
  }
  const first = roots?.[0];
  const r = await sql<Root>`
    SELECT id::int AS id, name, path::text AS path FROM org_units
    WHERE ${first === undefined ? sql`parent_id IS NULL` : sql`path = ${first}::ltree`}
    ORDER BY id LIMIT 1`.execute(ctx.db);
  const root = r.rows[0];
  if (!root) throw notFound('Đơn vị', 0);
  return root;
}

/** Ethnicity and religion are sensitive personal data: only roles holding employee.sensitive there. */
export function checkDimensions(ctx: Ctx, root: Root, dims: Dimension[], field = '/query/rows'): void {
  const sensitive = dims.filter((d) => SENSITIVE_DIMENSIONS.has(d));
  if (sensitive.length && !pathWithin(root.path, scopeRoots(ctx.actor, 'employee.sensitive'))) {
    throw new AppError('FORBIDDEN', 'Vai trò của bạn không được xem dữ liệu nhạy cảm (dân tộc, tôn giáo)', [
      { field, reason: `Không được thống kê theo ${sensitive.join(', ')}` },
    ]);
  }
}

export const today = (ctx: Ctx): string => localDate(ctx.now);

export function checkDate(d: string, field: string): string {
  if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || d < '1945-01-01' || d > '2200-12-31')
    throw new AppError('VALIDATION_FAILED', 'Ngày không hợp lệ', [{ field, reason: 'Ngày không hợp lệ' }]);
  return d;
}
