import { sql, type Selectable } from 'kysely';
import type { OrgUnitsTable } from '../../db/schema.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { OrgUnit, TreeNode } from '../../../api/org-units.ts';

const UNIT_COLUMNS = [
  'id',
  'code',
  'name',
  'kind',
  'parent_id',
  'path',
  'province_code',
  'valid_from',
  'valid_to',
  'successor_id',
] as const;

type UnitRow = Pick<Selectable<OrgUnitsTable>, (typeof UNIT_COLUMNS)[number]>;

export const toUnit = (r: UnitRow): OrgUnit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  path: r.path,
  provinceCode: r.province_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  successorId: r.successor_id,
});

export async function nextUnitIds(db: Queryable, n: number): Promise<number[]> {
  const r = await sql<{
    id: number;
  }>`SELECT nextval('org_units_id_seq')::int AS id FROM generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => x.id);
}

export interface NewUnitRow extends UnitRow {
  search_name: string;
}

export async function insertUnits(db: Queryable, rows: NewUnitRow[], at: Date, by: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('org_units')
    .values(rows.map((r) => ({ ...r, created_at: at, updated_at: at })))
    .execute();
  await db
    .insertInto('org_unit_history')
    .values(
      rows.map((r) => ({
        unit_id: r.id,
        change: 'create' as const,
        valid_from: r.valid_from,
        name: r.name,
        parent_id: r.parent_id,
        decision: JSON.stringify(null),
        recorded_at: at,
        recorded_by: by,
      })),
    )
    .execute();
}

export async function findUnit(db: Queryable, id: number): Promise<OrgUnit | undefined> {
  const r = await db.selectFrom('org_units').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toUnit(r) : undefined;
}

export async function findUnitsByIds(db: Queryable, ids: number[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org_units').select(UNIT_COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toUnit);
}

export interface UnitFilter {
  parentId?: number | undefined;
  kind?: string | undefined;
  searchKey?: string | undefined;
  includeClosed?: boolean | undefined;
  limit: number;
}

export async function listUnits(db: Queryable, f: UnitFilter): Promise<OrgUnit[]> {
  let q = db.selectFrom('org_units').select(UNIT_COLUMNS);
  if (f.parentId !== undefined) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.searchKey) q = q.where('search_name', 'like', `%${f.searchKey.replace(/[%_\\]/g, '\\$&')}%`);
  if (!f.includeClosed) q = q.where('valid_to', 'is', null);
  const rows = await q.orderBy('path').limit(f.limit).execute();
  return rows.map(toUnit);
}

export async function ancestorsOf(db: Queryable, path: string): Promise<OrgUnit[]> {
  const rows = await db
    .selectFrom('org_units')
    .select(UNIT_COLUMNS)
    .where(sql<boolean>`path @> ${path}::ltree`)
    .orderBy(sql`nlevel(path)`)
    .execute();
  return rows.map(toUnit);
}

export async function isInSubtree(db: Queryable, ancestorPath: string, unitId: number): Promise<boolean> {
  const r = await db
    .selectFrom('org_units')
    .select('id')
    .where('id', '=', unitId)
    .where(sql<boolean>`path <@ ${ancestorPath}::ltree`)
    .executeTakeFirst();
  return r !== undefined;
}

/** The subtree under rootId as it stood on `on` (names and parents from the dated history). */
export async function subtreeAsOf(
  db: Queryable,
  rootId: number,
  on: string,
  maxDepth: number,
): Promise<TreeNode[]> {
  const r = await sql<{
    id: number;
    code: string;
    name: string;
    kind: string;
    parent_id: number | null;
    depth: number;
    valid_from: string;
    valid_to: string | null;
  }>`
    WITH RECURSIVE named AS (
      SELECT DISTINCT ON (unit_id) unit_id, name
      FROM org_unit_history WHERE valid_from <= ${on}::date AND change IN ('create', 'rename')
      ORDER BY unit_id, valid_from DESC, id DESC
    ), placed AS (
      SELECT DISTINCT ON (unit_id) unit_id, parent_id
      FROM org_unit_history WHERE valid_from <= ${on}::date AND change IN ('create', 'move')
      ORDER BY unit_id, valid_from DESC, id DESC
    ), h AS (
      SELECT named.unit_id, named.name, placed.parent_id FROM named JOIN placed USING (unit_id)
    ), live AS (
      SELECT u.id, u.code, h.name, u.kind, h.parent_id, u.valid_from, u.valid_to
      FROM org_units u JOIN h ON h.unit_id = u.id
      WHERE u.valid_from <= ${on}::date AND (u.valid_to IS NULL OR u.valid_to > ${on}::date)
    ), t AS (
      SELECT live.*, 0 AS depth FROM live WHERE id = ${rootId}
      UNION ALL
      SELECT l.*, t.depth + 1 FROM live l JOIN t ON l.parent_id = t.id WHERE t.depth < ${maxDepth}
    )
    SELECT * FROM t`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.name,
    kind: x.kind,
    parentId: x.parent_id,
    depth: x.depth,
    validFrom: x.valid_from,
    validTo: x.valid_to,
  }));
}

export async function countOpenChildren(db: Queryable, id: number, on: string): Promise<number> {
  const r = await db
    .selectFrom('org_units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ids of the unit's direct children that are open on the date. */
export async function openChildIds(db: Queryable, id: number, on: string): Promise<number[]> {
  const rows = await db
    .selectFrom('org_units')
    .select('id')
    .where('parent_id', '=', id)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countActiveEmployeesIn(db: Queryable, id: number): Promise<number> {
  const r = await db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('working_unit_id', '=', id), eb('managing_unit_id', '=', id)]))
    .where('status', 'in', ['active', 'on_leave'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function recordHistory(
  db: Queryable,
  h: {
    unitId: number;
    change: 'rename' | 'move' | 'close';
    validFrom: string;
    name: string;
    parentId: number | null;
    decision: unknown;
  },
  at: Date,
  by: string,
): Promise<void> {
  await db
    .insertInto('org_unit_history')
    .values({
      unit_id: h.unitId,
      change: h.change,
      valid_from: h.validFrom,
      name: h.name,
      parent_id: h.parentId,
      decision: JSON.stringify(h.decision ?? null),
      recorded_at: at,
      recorded_by: by,
    })
    .execute();
}

export async function updateName(db: Queryable, id: number, name: string, searchName: string, at: Date) {
  await db
    .updateTable('org_units')
    .set({ name, search_name: searchName, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Re-roots the whole subtree of the unit under its new parent, in one statement. */
export async function moveSubtree(
  db: Queryable,
  id: number,
  oldPath: string,
  newPath: string,
  parentId: number,
  at: Date,
) {
  await sql`
    UPDATE org_units SET
      path = CASE WHEN path = ${oldPath}::ltree THEN ${newPath}::ltree
                  ELSE ${newPath}::ltree || subpath(path, nlevel(${oldPath}::ltree)) END,
      parent_id = CASE WHEN id = ${id} THEN ${parentId}::bigint ELSE parent_id END,
      updated_at = ${at}
    WHERE path <@ ${oldPath}::ltree`.execute(db);
}

export async function closeUnit(
  db: Queryable,
  id: number,
  validTo: string,
  successorId: number | null,
  at: Date,
) {
  await db
    .updateTable('org_units')
    .set({ valid_to: validTo, successor_id: successorId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Units' names as they were on a date (their latest create or rename fact by then); units created
 * later are absent, for the caller to fall back on today's name. */
export async function unitNamesOn(db: Queryable, ids: number[], on: string): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: number; name: string }>`
    SELECT DISTINCT ON (unit_id) unit_id::int AS id, name FROM org_unit_history
    WHERE unit_id = ANY(${ids}::bigint[]) AND valid_from <= ${on}::date AND change IN ('create', 'rename')
    ORDER BY unit_id, valid_from DESC, id DESC`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.id), x.name]));
}

/** The unit's name and parent as of a date, each from its own latest dated fact. */
export async function factsOn(
  db: Queryable,
  unitId: number,
  on: string,
): Promise<{ name: string; parentId: number | null }> {
  const r = await sql<{ name: string; parent_id: number | null }>`
    SELECT
      (SELECT name FROM org_unit_history WHERE unit_id = ${unitId} AND change IN ('create', 'rename')
         AND valid_from <= ${on}::date ORDER BY valid_from DESC, id DESC LIMIT 1) AS name,
      (SELECT parent_id FROM org_unit_history WHERE unit_id = ${unitId} AND change IN ('create', 'move')
         AND valid_from <= ${on}::date ORDER BY valid_from DESC, id DESC LIMIT 1) AS parent_id`.execute(db);
  const row = r.rows[0]!;
  return { name: row.name, parentId: row.parent_id };
}
