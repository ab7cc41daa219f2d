export {
  createEmployee,
  appendAction,
  recordAction,
  validateAction,
  setWriteGuard,
  setActionRouter,
} from './personnel-actions.service.ts';
export type { ActionRouter, AppendOptions, WriteGuard } from './personnel-actions.service.ts';
export { listActions, getRecord } from './reads.service.ts';
export {
  nextActionIds,
  insertActions,
  insertActionBatch,
  reserveActionIds,
} from './personnel-actions.repository.ts';
export type { NewActionRow } from './personnel-actions.repository.ts';
export { personnelActionRoutes } from './personnel-actions.routes.ts';
export { upgradeRecordContent } from './content-upgrade.ts';
export type { ContentUpgradeReport } from './content-upgrade.ts';
