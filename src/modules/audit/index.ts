export { audit, eventsFor } from './audit.service.ts';
export type { AuditWrite } from './audit.service.ts';
