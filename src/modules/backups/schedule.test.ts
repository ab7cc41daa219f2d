// The schedule and the rules around it: at least monthly, kept at least three months (refused at
// config load otherwise), pruned only behind a restore-tested newer backup, alerts when overdue or
// failed, and a catch-up backup at start when the last one is too old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld } from '../../../test/helpers/fixtures.ts';
import { testBackupSettings } from '../../../test/helpers/backups.ts';
import type { Database } from '../../db/connect.ts';
import { loadConfig } from '../../platform/config.ts';
import { BACKUP_SECRETS_FILE, backupKeysFromConfig } from '../../platform/backup-keys.ts';
import { checkedPeriodMs, type BackupSettings } from './settings.ts';
import { createBackup, listBackups, pruneBackups, runBackupJob, verifyBackup } from './backups.service.ts';
import { startBackupScheduler } from './scheduler.ts';

const DAY = 86_400_000;
const KEY = Buffer.alloc(32, 5).toString('base64');

describe('backup configuration', () => {
  it('keeps backups at least three months: a shorter retention is refused at config load', () => {
    expect(loadConfig({}).backupRetentionDays).toBe(100);
    expect(loadConfig({ BACKUP_RETENTION_DAYS: '92' }).backupRetentionDays).toBe(92);
    for (const days of ['91', '60', '30', '0']) {
      expect(() => loadConfig({ BACKUP_RETENTION_DAYS: days })).toThrow(/at least 92/);
    }
  });

  it('puts backups in DATA_DIR/backups by default, and never the derived key inside the backup folder', () => {
    const c = loadConfig({ DATA_DIR: '/srv/hoso' });
    expect(c.backupDir).toBe('/srv/hoso/backups');
    expect(c.backupCron).toBe('0 2 1 * *');
    expect(() => loadConfig({ DATA_DIR: '/srv/hoso', BACKUP_DIR: '/srv' })).toThrow(
      /must not contain DATA_DIR/,
    );
    expect(() => loadConfig({ DATA_DIR: '/srv/hoso', BACKUP_DIR: '/srv/hoso' })).toThrow(/DATA_DIR/);
    expect(loadConfig({ DATA_DIR: '/srv/hoso', BACKUP_DIR: '/srv', HOSO_BACKUP_KEY: KEY }).backupDir).toBe(
      '/srv',
    );
    expect(() => loadConfig({ HOSO_BACKUP_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('creates a dedicated key file (0600) in the data dir when no key is configured', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoso-keys-'));
    try {
      const a = backupKeysFromConfig(undefined, dataDir);
      const file = join(dataDir, BACKUP_SECRETS_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(backupKeysFromConfig(undefined, dataDir).keyId).toBe(a.keyId);
      expect(backupKeysFromConfig(KEY, dataDir).keyId).not.toBe(a.keyId);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('accepts a schedule only if it fires at least monthly', () => {
    const from = new Date('2026-01-15T00:00:00Z');
    expect(checkedPeriodMs('0 2 1 * *', from)).toBe(31 * DAY);
    expect(checkedPeriodMs('0 2 * * *', from)).toBe(DAY);
    expect(checkedPeriodMs('*/5 * * * *', from)).toBeLessThanOrEqual(3_600_000);
    expect(checkedPeriodMs('0 3 * * 0', from)).toBe(7 * DAY);
    for (const cron of ['0 2 1 */2 *', '0 2 1 1,3,5,7,8,9,10,11,12 *', '0 0 29 2 *', '0 0 1 1 *']) {
      expect(() => checkedPeriodMs(cron, from), cron).toThrow(/at least monthly/);
    }
    expect(() => checkedPeriodMs('every month', from)).toThrow(/not a cron pattern/);
  });
});

describe.each(ENGINES)('the backup schedule on %s', (engine) => {
  let d: Database;
  let s: BackupSettings;
  const dirs: string[] = [];
  const settings = (over: Partial<BackupSettings> = {}) => {
    const made = testBackupSettings(over);
    dirs.push(made.dir);
    return made;
  };
  const NOW = new Date('2026-11-20T03:00:00Z');
  const at = (t: Date) => testCtx(d, t);
  const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    await buildWorld(testCtx(d));
  });
  afterAll(async () => {
    await d?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a catch-up backup at start when none is recent enough, and none when one is', async () => {
    s = settings();
    const config = { ...loadConfig({}), backupDir: s.dir };
    const first = startBackupScheduler({ config, settings: s, ctx: () => at(NOW) });
    await first.started;
    const next = first.nextRun();
    first.stop();
    // 02:00 on the 1st, Vietnam time, is 19:00 UTC on the last day of the month before.
    expect(next?.getUTCHours()).toBe(19);
    expect(new Date(next!.getTime() + 7 * 3_600_000).getUTCDate()).toBe(1);
    const items = (await listBackups(at(NOW), s)).items;
    expect(items.map((i) => [i.status, i.verified])).toEqual([['good', true]]);

    const again = startBackupScheduler({
      config,
      settings: s,
      ctx: () => at(new Date(NOW.getTime() + 10 * DAY)),
    });
    await again.started;
    again.stop();
    expect((await listBackups(at(NOW), s)).items.length).toBe(1);

    const late = startBackupScheduler({
      config,
      settings: s,
      ctx: () => at(new Date(NOW.getTime() + 40 * DAY)),
    });
    await late.started;
    late.stop();
    expect((await listBackups(at(NOW), s)).items.length).toBe(2);
  });

  it('prunes past the retention period only behind a newer restore-tested backup', async () => {
    s = settings({ retentionDays: 100 });
    const old = await createBackup(at(daysAgo(200)), s);
    const older = await createBackup(at(daysAgo(150)), s);
    const recent = await createBackup(at(daysAgo(50)), s);
    const today = await createBackup(at(NOW), s);
    // Nothing restore-tested yet: nothing goes, however old.
    expect(await pruneBackups(at(NOW), s)).toEqual([]);
    await verifyBackup(at(daysAgo(50)), recent.id, s);
    expect((await pruneBackups(at(NOW), s)).sort()).toEqual([old.id, older.id].sort());
    const left = (await listBackups(at(NOW), s)).items.map((i) => i.id);
    expect(left).toEqual([today.id, recent.id]);
    // Younger than the retention period: kept even behind a newer tested backup.
    await verifyBackup(at(NOW), today.id, s);
    expect(await pruneBackups(at(NOW), s)).toEqual([]);
    expect(existsSync(join(s.dir, `hoso-backup-${recent.id}.data`))).toBe(true);
  });

  it('raises alerts: overdue past the period plus two days, and a failed run', async () => {
    s = settings();
    const none = await listBackups(at(NOW), s);
    expect(none.status).toMatchObject({ lastGoodAt: null, overdue: true });
    expect(none.alerts.map((a) => a.code)).toContain('BACKUP_OVERDUE');

    await createBackup(at(NOW), s);
    const fresh = await listBackups(at(new Date(NOW.getTime() + 32 * DAY)), s);
    expect(fresh.status.overdue).toBe(false);
    expect(fresh.alerts.filter((a) => a.code === 'BACKUP_OVERDUE')).toEqual([]);
    const late = await listBackups(at(new Date(NOW.getTime() + 34 * DAY)), s);
    expect(late.status.overdue).toBe(true);

    // A backup folder that is a file: the run fails, is audited, and shows as an alert.
    const blocked = join(s.dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const failing = { ...s, dir: join(blocked, 'sub') };
    const later = at(new Date(NOW.getTime() + DAY));
    await expect(runBackupJob(later, failing)).rejects.toThrow();
    const status = await listBackups(later, s);
    expect(status.status.lastFailure?.at).toBe(later.now.toISOString());
    expect(status.alerts.map((a) => a.code)).toContain('BACKUP_FAILED');
    const logged = await d.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'backup')
      .orderBy('id')
      .execute();
    expect(logged.map((e) => e.action)).toContain('backup.failed');
  });
});
