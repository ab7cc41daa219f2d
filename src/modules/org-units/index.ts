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
export { orgUnitRoutes } from './org-units.routes.ts';
