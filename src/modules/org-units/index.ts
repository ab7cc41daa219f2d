export {
  getUnit,
  getOpenUnit,
  isOpenOn,
  createUnits,
  createUnit,
  renameUnit,
  moveUnit,
  closeUnit,
  tree,
  findJobPosition,
  setQuota,
  addJobPosition,
  setOrgWriteGuard,
} from './org-units.service.ts';
export { findUnitsByIds, openChildIds, unitNamesOn } from './org-units.repository.ts';
// The quota's one upsert, also used by a node taking the national node's quotas as they are.
export { upsertQuota } from './staffing.repository.ts';
export { orgUnitRoutes } from './org-units.routes.ts';
