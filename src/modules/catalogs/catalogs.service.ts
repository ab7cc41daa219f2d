import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import {
  reference,
  CATALOG_NAMES,
  shippedCatalogs,
  useCatalogs,
  type CatalogItem,
  type CatalogName,
} from './catalogs.data.ts';
import { catalogCounts, catalogsHash, listCatalog, replaceCatalog } from './catalogs.repository.ts';

type Catalogs = Partial<Record<CatalogName, CatalogItem[]>>;

/** Replaces the stored catalogs given (all in one transaction, audited); returns their counts. */
async function storeCatalogs(
  ctx: Ctx,
  catalogs: Catalogs,
  action: string,
  details: Record<string, unknown> = {},
): Promise<Record<string, number>> {
  return inTransaction(ctx.db, async (trx) => {
    const counts: Record<string, number> = {};
    for (const name of CATALOG_NAMES) {
      const items = catalogs[name];
      if (!items) continue;
      await replaceCatalog(trx, name, items);
      counts[name] = items.length;
    }
    await audit(ctx, trx, { action, entity: 'catalog', details: { ...details, ...counts } });
    return counts;
  });
}

/** Loads every shipped catalog into the database, replacing what was there. */
export async function importCatalogs(ctx: Ctx): Promise<Record<string, number>> {
  return storeCatalogs(ctx, shippedCatalogs(), 'catalogs.import');
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
  // A catalog this version added and the database has not stored yet is served as the rules use it.
  if (rows.length === 0) return { name, items: reference().catalogs[name] };
  return { name, items: rows.map((r) => ({ ...r.data, code: r.code, name: r.name })) };
}

export async function listCatalogs(ctx: Ctx) {
  const counts = new Map((await catalogCounts(ctx.db)).map((c) => [c.catalog, Number(c.count)]));
  return CATALOG_NAMES.map((name) => ({ name, count: counts.get(name) ?? 0 }));
}

export interface CatalogSnapshot {
  /** A hash over every catalog: a node that holds this version has nothing to take. */
  version: string;
  catalogs: Catalogs;
}

/** The version of the stored catalogs (cheap: asked on every pull of every node). */
export async function catalogsVersion(db: Queryable): Promise<string> {
  return catalogsHash(db);
}

/** Every catalog as stored here: what the national node shares down to the ministry/province nodes. */
export async function catalogSnapshot(db: Queryable): Promise<CatalogSnapshot> {
  const catalogs: Catalogs = {};
  for (const name of CATALOG_NAMES) {
    catalogs[name] = (await listCatalog(db, name)).map((r) => r.data as CatalogItem);
  }
  return { version: await catalogsHash(db), catalogs };
}

/**
 * A node takes the national node's catalogs in place of its own, all at once, and validates against
 * them from then on (in this process at once; other processes of the node when they start).
 */
export async function takeCatalogs(ctx: Ctx, snapshot: CatalogSnapshot): Promise<Record<string, number>> {
  const counts = await storeCatalogs(ctx, snapshot.catalogs, 'catalogs.receive', {
    version: snapshot.version,
  });
  useCatalogs(snapshot);
  return counts;
}

/** At a node's start: validate against the catalogs it took earlier, if it holds a complete set. */
export async function useStoredCatalogs(db: Queryable): Promise<boolean> {
  return useCatalogs(await catalogSnapshot(db));
}
