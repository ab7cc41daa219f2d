export {
  audit,
  eventsFor,
  verifyAuditChain,
  listEvents,
  myAccessLog,
  auditsNationally,
} from './audit.service.ts';
export type { AuditWrite } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
