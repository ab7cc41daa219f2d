import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { CATALOG_NAMES, reference, type CatalogItem, type CatalogName } from './catalogs.data.ts';
import { catalogCounts, listCatalog, replaceCatalog } from './catalogs.repository.ts';

/** Loads every shipped catalog into the database, replacing what was there. */
export async function importCatalogs(ctx: Ctx): Promise<Record<string, number>> {
  const ref = reference();
  return inTransaction(ctx.db, async (trx) => {
    const counts: Record<string, number> = {};
    for (const name of CATALOG_NAMES) {
      await replaceCatalog(trx, name, ref.catalogs[name]);
      counts[name] = ref.catalogs[name].length;
    }
    await audit(ctx, trx, { action: 'catalogs.import', entity: 'catalog', details: counts });
    return counts;
  });
}

export function isCatalogName(name: string): name is CatalogName {
  return (CATALOG_NAMES as readonly string[]).includes(name);
}

export async function getCatalog(ctx: Ctx, name: string) {
  if (!isCatalogName(name)) {
    throw new AppError('NOT_FOUND', `Không có danh mục "${name}"`, [
      { field: 'params/name', reason: `must be one of ${CATALOG_NAMES.join(', ')}` },
    ]);
  }
  const rows = await listCatalog(ctx.db, name);
  return { name, items: rows.map((r) => ({ ...r.data, code: r.code, name: r.name })) };
}

export async function listCatalogs(ctx: Ctx) {
  const counts = new Map((await catalogCounts(ctx.db)).map((c) => [c.catalog, Number(c.count)]));
  return CATALOG_NAMES.map((name) => ({ name, count: counts.get(name) ?? 0 }));
}

export interface CatalogSnapshot {
  /** A hash over every catalog: a node that holds this version has nothing to take. */
  version: string;
  catalogs: Partial<Record<CatalogName, CatalogItem[]>>;
}

/** Every catalog as stored here: what the national node shares down to the ministry/province nodes. */
export async function catalogSnapshot(db: Queryable): Promise<CatalogSnapshot> {
  const catalogs: Partial<Record<CatalogName, CatalogItem[]>> = {};
  for (const name of CATALOG_NAMES) {
    catalogs[name] = (await listCatalog(db, name)).map((r) => r.data as CatalogItem);
  }
  const version = createHash('sha256').update(JSON.stringify(catalogs)).digest('hex');
  return { version, catalogs };
}

/** A node takes the national node's catalogs in place of its own, all at once. */
export async function takeCatalogs(ctx: Ctx, snapshot: CatalogSnapshot): Promise<Record<string, number>> {
  return inTransaction(ctx.db, async (trx) => {
    const counts: Record<string, number> = {};
    for (const name of CATALOG_NAMES) {
      const items = snapshot.catalogs[name];
      if (!items) continue;
      await replaceCatalog(trx, name, items);
      counts[name] = items.length;
    }
    await audit(ctx, trx, {
      action: 'catalogs.receive',
      entity: 'catalog',
      details: { version: snapshot.version, ...counts },
    });
    return counts;
  });
}
