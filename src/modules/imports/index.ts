// Bulk import of e-records from spreadsheets (issue 9): templates, streaming validation, idempotent
// upsert by ID number through the ledger, the row-by-row report.
export {
  runImport,
  listImports,
  getImport,
  importReport,
  actingAs,
  settleInterruptedImports,
  importJobCounts,
  INTERRUPTED,
} from './imports.service.ts';
export type { ImportFile, ImportOptions } from './imports.service.ts';
export type { Progress } from './run.ts';
export { templateCsv, templateXlsx } from './template.ts';
export { exportRecords } from './export.ts';
export { COLUMNS, KIND_SHEETS, SHEETS, headerOf } from './columns.ts';
export { importRoutes } from './imports.routes.ts';
