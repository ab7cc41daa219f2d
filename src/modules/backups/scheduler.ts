// Runs the backup job on the configured cron (at least monthly), and once at start when the newest
// good backup is older than the schedule's period — a server that was down on the 1st still gets its
// monthly backup. One run at a time per process; a failed run is logged, audited and alerted.
import { Cron } from 'croner';
import type { BackupRun } from '../../../api/backups.ts';
import type { Config } from '../../platform/config.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Logger } from '../../platform/logger.ts';
import { runBackupJob } from './backups.service.ts';
import { listItems } from './status.ts';
import { CRON_TIME_ZONE, backupSettingsFrom, configureBackups, type BackupSettings } from './settings.ts';

export interface BackupSchedulerOptions {
  config: Pick<Config, 'backupDir' | 'backupCron' | 'backupRetentionDays' | 'backupKey' | 'dataDir' | 'node'>;
  /** A fresh system context for each run (its `now` is the run's time). */
  ctx: () => Ctx;
  log?: Pick<Logger, 'info' | 'error'>;
  /** Settings built elsewhere (tests); by default they are built from `config`. */
  settings?: BackupSettings;
}

export interface BackupScheduler {
  /** When the cron fires next. */
  nextRun(): Date | null;
  /** Settles when the start-up check (and its catch-up backup, if one was due) is done; never rejects. */
  started: Promise<void>;
  /** Runs the job now unless one is running (then waits for that one); null when it failed. */
  runNow(): Promise<BackupRun | null>;
  stop(): void;
}

const silent = { info: () => undefined, error: () => undefined };

/** Starts the schedule and installs the settings the backup routes use. Throws on a bad configuration. */
export function startBackupScheduler(opts: BackupSchedulerOptions): BackupScheduler {
  const settings = opts.settings ?? backupSettingsFrom(opts.config);
  configureBackups(settings);
  const log = opts.log ?? silent;
  let running: Promise<BackupRun | null> | undefined;

  const run = (why: string): Promise<BackupRun | null> => {
    running ??= (async () => {
      try {
        const r = await runBackupJob(opts.ctx(), settings);
        log.info({ backup: r.backup.id, bytes: r.backup.sizeBytes, pruned: r.pruned, why }, 'backup done');
        return r;
      } catch (err) {
        log.error({ err, why }, 'backup failed');
        return null;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const job = new Cron(settings.cron, { timezone: CRON_TIME_ZONE, unref: true, protect: true }, async () => {
    await run('schedule');
  });

  const started = (async () => {
    const now = opts.ctx().now.getTime();
    const good = (await listItems(settings)).find((i) => i.status === 'good');
    if (!good || now - new Date(good.createdAt).getTime() > settings.periodMs) await run('catch-up at start');
  })().catch((err: unknown) => log.error({ err }, 'backup start-up check failed'));

  return { nextRun: () => job.nextRun(), started, runNow: () => run('on demand'), stop: () => job.stop() };
}
