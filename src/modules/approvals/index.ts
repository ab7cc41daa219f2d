export {
  prepareManifest,
  approveMonth,
  listApprovals,
  verifyApproval,
  approvalFiles,
  lastDayOf,
} from './approvals.service.ts';
export { approvalRoutes } from './approvals.routes.ts';
export { configureApprovalTrust, configureApprovalSigner } from './signature.ts';
