export { audit, eventsFor, listEvents, myAccessLog, auditsNationally } from './audit.service.ts';
export type { AuditWrite } from './audit.service.ts';
export { verifyAuditChain, type VerifyOptions } from './verify.ts';
export { sealPending, checkpointNow, storedCheckpoint, sealerLag, startAuditSealer } from './sealer.ts';
export {
  checkpointKey,
  checkpointProblem,
  findCheckpoint,
  keyIdOf,
  type Checkpoint,
  type CheckpointKey,
} from './checkpoint.ts';
export { auditRoutes } from './audit.routes.ts';
