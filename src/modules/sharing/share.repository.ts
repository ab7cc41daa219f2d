// SQL of the sharing endpoints: every query is limited to the client's org subtrees (`path <@ roots`,
// as inScope does for accounts), on the managing or the working unit.
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { ERecord } from '../../../api/employees.ts';
import { searchKey } from '../../platform/text.ts';

/** Current paths of the client's root units (a moved unit's subtree moves with it). */
export async function rootPaths(q: Queryable, unitIds: readonly number[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await q
    .selectFrom('org_units')
    .select('path')
    .where('id', 'in', [...unitIds])
    .execute();
  return rows.map((r) => r.path);
}

const within = (roots: string[]) =>
  sql<boolean>`(mu.path <@ ${roots}::ltree[] OR wu.path <@ ${roots}::ltree[])`;

const base = (q: Queryable) =>
  q
    .selectFrom('employees as e')
    .innerJoin('org_units as mu', 'mu.id', 'e.managing_unit_id')
    .innerJoin('org_units as wu', 'wu.id', 'e.working_unit_id')
    .select(['e.id', 'e.record', 'e.sort_key', 'mu.path as managing_path']);

export interface SharedRow {
  id: string;
  record: ERecord;
  sortKey: string;
  managingPath: string;
}

const toRow = (r: { id: string; record: unknown; sort_key: string; managing_path: string }): SharedRow => ({
  id: r.id,
  record: r.record as ERecord,
  sortKey: r.sort_key,
  managingPath: r.managing_path,
});

export async function findInRoots(q: Queryable, personId: string, roots: string[]) {
  if (roots.length === 0) return undefined;
  const r = await base(q).where('e.person_id', '=', personId).where(within(roots)).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export interface ShareFilter {
  roots: string[];
  text?: string | undefined;
  unitId?: number | undefined;
  after?: { sortKey: string; id: string } | undefined;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export async function searchInRoots(q: Queryable, f: ShareFilter): Promise<SharedRow[]> {
  if (f.roots.length === 0) return [];
  let query = base(q).where(within(f.roots));
  const text = f.text?.trim() ?? '';
  if (/^\d{1,12}$/.test(text)) {
    query = query.where('e.person_id', 'like', `${text}%`);
  } else if (text) {
    const tokens = searchKey(text).split(' ').filter(Boolean);
    tokens.forEach((t, i) => {
      const pattern = i === tokens.length - 1 ? `% ${escapeLike(t)}%` : `% ${escapeLike(t)} %`;
      query = query.where('e.search_name', 'like', pattern);
    });
  }
  if (f.unitId !== undefined) {
    query = query.where(sql<boolean>`wu.path <@ (SELECT path FROM org_units WHERE id = ${f.unitId})`);
  }
  if (f.after)
    query = query.where(sql<boolean>`(e.sort_key, e.id) > (${f.after.sortKey}, ${f.after.id}::uuid)`);
  const rows = await query.orderBy('e.sort_key').orderBy('e.id').limit(f.limit).execute();
  return rows.map(toRow);
}

export async function unitsInRoots(q: Queryable, roots: string[], afterId: number, limit: number) {
  if (roots.length === 0) return [];
  return q
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'kind', 'parent_id'])
    .where(sql<boolean>`path <@ ${roots}::ltree[]`)
    .where('valid_to', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
