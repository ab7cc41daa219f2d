// Nodes and federation (Circular 06 Art. 10): ministry/province nodes own their subtree's records and
// sync them to the national node in signed, idempotent, per-record-ordered batches.
export { federationRoutes } from './federation.routes.ts';
export { configureNode, nodeSettings } from './settings.ts';
export type { NodeSettings } from './settings.ts';
export { loadNodeKey, signEnvelope, canonicalJson, isValidSignature } from './crypto.ts';
export type { NodeKey } from './crypto.ts';
export { registerNode, receiveBatch, changesFor } from './national.service.ts';
export { syncOnce, startSync } from './local.service.ts';
export type { LocalNode, SyncState } from './local.service.ts';
export {
  localGuard,
  nationalGuard,
  localStatus,
  nationalStatus,
  recordDigests,
  syncLags,
} from './status.service.ts';
export type { SyncLag } from './status.service.ts';
export { startNode } from './node.ts';
