export {
  createBackup,
  listBackups,
  pruneBackups,
  restoreBackup,
  runBackupJob,
  verifyBackup,
} from './backups.service.ts';
export type { RestoreTarget, VerifyResult } from './backups.service.ts';
export type { TableCheck } from './load.ts';
export {
  backupSettings,
  backupSettingsFrom,
  configureBackups,
  cronPeriodMs,
  checkedPeriodMs,
} from './settings.ts';
export type { BackupSettings } from './settings.ts';
export { startBackupScheduler } from './scheduler.ts';
export { lastGoodBackupAt } from './status.ts';
export type { BackupScheduler, BackupSchedulerOptions } from './scheduler.ts';
export { backupRoutes } from './backups.routes.ts';
