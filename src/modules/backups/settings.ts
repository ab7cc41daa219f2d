// What the backup services need from the configuration: the folder, the schedule (checked to fire at
// least monthly), the retention and the keys. The composition root installs them (the scheduler and
// the CLI); a process that did not falls back to the environment's configuration.
import { Cron } from 'croner';
import { loadConfig, type Config } from '../../platform/config.ts';
import { backupKeysFromConfig, type BackupKeys } from '../../platform/backup-keys.ts';
import { loadNodeKey } from '../../platform/node-key.ts';
import { checkpointKey, type CheckpointKey } from '../audit/index.ts';

export interface BackupSettings {
  dir: string;
  cron: string;
  retentionDays: number;
  keys: BackupKeys;
  /** The node's key: each manifest carries a signed checkpoint of the audit log (issue 16). */
  auditKey?: CheckpointKey | undefined;
  /** The longest gap between two scheduled runs: a backup older than this (+ 2 days) is overdue. */
  periodMs: number;
}

/** Cron times are Vietnam's (UTC+7, no daylight saving), like every calendar date in the system. */
export const CRON_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
/** Circular 06 Art. 10 asks for monthly backups: the longest month, plus slack for a DST shift. */
export const MAX_PERIOD_MS = 31 * DAY + 2 * 3_600_000;

/**
 * The longest gap between runs of the cron over the next 400 days (a year of months and then some).
 * Steps at least an hour at a time so that a cron firing every minute stays cheap; that can shorten a
 * measured gap by under an hour, which MAX_PERIOD_MS's slack covers.
 */
export function cronPeriodMs(cron: string, from: Date = new Date()): number {
  let job: Cron;
  try {
    job = new Cron(cron, { paused: true, timezone: CRON_TIME_ZONE });
  } catch (err) {
    throw new Error(`config: BACKUP_CRON "${cron}" is not a cron pattern: ${(err as Error).message}`);
  }
  try {
    const horizon = from.getTime() + 400 * DAY;
    let at = from;
    let longest = 0;
    while (at.getTime() < horizon) {
      const next = job.nextRun(at);
      if (!next) throw new Error(`config: BACKUP_CRON "${cron}" stops firing`);
      longest = Math.max(longest, next.getTime() - at.getTime());
      if (longest > MAX_PERIOD_MS) break;
      at = new Date(Math.max(next.getTime(), at.getTime() + 3_600_000));
    }
    return longest;
  } finally {
    job.stop();
  }
}

/** Refuses a schedule that lets more than a month pass between backups. */
export function checkedPeriodMs(cron: string, from: Date = new Date()): number {
  const period = cronPeriodMs(cron, from);
  if (period > MAX_PERIOD_MS) {
    throw new Error(
      `config: BACKUP_CRON "${cron}" leaves ${Math.round(period / DAY)} days between backups; it must run at least monthly`,
    );
  }
  return period;
}

export function backupSettingsFrom(
  config: Pick<Config, 'backupDir' | 'backupCron' | 'backupRetentionDays' | 'backupKey' | 'dataDir' | 'node'>,
): BackupSettings {
  return {
    dir: config.backupDir,
    cron: config.backupCron,
    retentionDays: config.backupRetentionDays,
    keys: backupKeysFromConfig(config.backupKey, config.dataDir),
    auditKey: checkpointKey(loadNodeKey(config.node.privateKey, config.dataDir).privateKey),
    periodMs: checkedPeriodMs(config.backupCron),
  };
}

let installed: BackupSettings | undefined;

export function configureBackups(settings: BackupSettings): void {
  installed = settings;
}

export function backupSettings(): BackupSettings {
  installed ??= backupSettingsFrom(loadConfig());
  return installed;
}
