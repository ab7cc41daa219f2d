export { reference, coefficientFor, useCatalogs, catalogsInUse, CATALOG_NAMES } from './catalogs.data.ts';
export type { CatalogName, CatalogItem, Province, Rank, SalaryScale, Reference } from './catalogs.data.ts';
export {
  importCatalogs,
  getCatalog,
  listCatalogs,
  catalogSnapshot,
  catalogsVersion,
  takeCatalogs,
  useStoredCatalogs,
} from './catalogs.service.ts';
export type { CatalogSnapshot } from './catalogs.service.ts';
export { catalogRoutes } from './catalogs.routes.ts';
