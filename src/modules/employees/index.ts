export { getCurrentRecord, validateIdentity, searchEmployees, headcount } from './employees.service.ts';
export {
  projectionRow,
  insertProjections,
  updateProjection,
  findIdByPersonId,
  lockEmployee,
} from './employees.repository.ts';
export { project, effectiveEntries } from './projection.ts';
export type { LedgerEntry, ProjectOptions } from './projection.ts';
export { employeeRoutes } from './employees.routes.ts';
