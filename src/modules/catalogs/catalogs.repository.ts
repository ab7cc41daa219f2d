import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { CatalogItem } from './catalogs.data.ts';

export async function replaceCatalog(db: Queryable, catalog: string, items: CatalogItem[]): Promise<void> {
  await db.deleteFrom('catalog_entries').where('catalog', '=', catalog).execute();
  if (items.length === 0) return;
  await db
    .insertInto('catalog_entries')
    .values(
      items.map((it, i) => ({
        catalog,
        code: it.code,
        name: it.name,
        name_en: typeof it.nameEn === 'string' ? it.nameEn : null,
        sort_order: i,
        data: JSON.stringify(it),
      })),
    )
    .execute();
}

export async function listCatalog(db: Queryable, catalog: string) {
  return db
    .selectFrom('catalog_entries')
    .select(['code', 'name', 'name_en', 'data'])
    .where('catalog', '=', catalog)
    .orderBy('sort_order')
    .execute();
}

export async function catalogCounts(db: Queryable) {
  return db
    .selectFrom('catalog_entries')
    .select(['catalog', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('catalog')
    .orderBy('catalog')
    .execute();
}

/** A hash over every stored entry, computed where they are (no rows leave the database). */
export async function catalogsHash(db: Queryable): Promise<string> {
  const r = await sql<{ hash: string }>`
    SELECT encode(sha256(convert_to(coalesce(
             string_agg(catalog || ':' || code || ':' || data::text, E'\n' ORDER BY catalog, sort_order, code),
             ''), 'UTF8')), 'hex') AS hash
      FROM catalog_entries`.execute(db);
  return r.rows[0]!.hash;
}
