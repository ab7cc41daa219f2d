export { getScopedRecord, validateIdentity, searchEmployees, headcount } from './employees.service.ts';
export { findScopedRecord } from './employees.repository.ts';
export {
  projectionRow,
  insertProjections,
  updateProjection,
  findIdByPersonId,
} from './employees.repository.ts';
export { project, effectiveEntries } from './projection.ts';
export type { LedgerEntry, ProjectOptions } from './projection.ts';
export { employeeRoutes } from './employees.routes.ts';
export { maskRecord, maskPayload, sealSecret, visibilityFor } from './masking.ts';
export type { Visibility } from './masking.ts';
export type { ScopedRecord } from './employees.repository.ts';
export { encodeCursor, decodeCursor } from './cursor.ts';
export { checkActionContent, checkDeclaration, checkRowRules, rankCategoryProblem } from './content.rules.ts';
export type { ContentContext } from './content.rules.ts';
export { typedDeclaration } from './legacy.ts';
