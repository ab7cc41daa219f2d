// Backups of the whole database (Circular 06 Art. 10): take one, restore-test it, restore it, prune old
// ones. The format is logical (JSON rows), so a backup taken on PGlite restores into a PostgreSQL
// server and back. Backups are national work: only the system or a national administrator runs them.
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { BackupItem, BackupList, BackupRun } from '../../../api/backups.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB } from '../../db/schema.ts';
import { connect, type Database } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { audit, type AuditWrite } from '../audit/index.ts';
import { ROLE_PERMISSIONS, scopeRoots } from '../access/index.ts';
import * as repo from './backups.repository.ts';
import { dump, type DumpHooks } from './dump.ts';
import { backupInvalid, checkDataFile, load, type TableCheck } from './load.ts';
import {
  isBackupId,
  readManifest,
  removeBackupFiles,
  scanFolder,
  tempFiles,
  timeOfId,
  writeVerification,
  type Manifest,
} from './format.ts';
import { listItems, rememberFailure, statusOf } from './status.ts';
import { backupSettings, type BackupSettings } from './settings.ts';

const DAY = 86_400_000;

function assertNational(ctx: Ctx): void {
  const roots = scopeRoots(ctx.actor, 'backup.read');
  if (roots === undefined || roots.some((p) => !p.includes('.'))) return;
  throw new AppError('FORBIDDEN', 'Chỉ quản trị cấp quốc gia được sao lưu và khôi phục', [
    { reason: 'needs backup.read over the national root' },
  ]);
}

const roleOf = (ctx: Ctx): string | null =>
  ctx.actor.grants.find((g) => ROLE_PERMISSIONS[g.role].includes('backup.read'))?.role ?? null;

type BackupEvent = Omit<AuditWrite, 'entity'>;

async function record(ctx: Ctx, q: Queryable | undefined, w: BackupEvent): Promise<void> {
  const write: AuditWrite = { entity: 'backup', role: roleOf(ctx), ...w };
  if (q) await audit(ctx, q, write);
  else await inTransaction(ctx.db, (trx) => audit(ctx, trx, write));
}

async function getManifest(s: BackupSettings, id: string): Promise<Manifest> {
  if (!isBackupId(id)) throw notFound('Bản sao lưu', id);
  const r = await readManifest(s.dir, id, s.keys).catch(() => ({ reason: 'manifest unreadable' }));
  if ('manifest' in r) return r.manifest;
  if (!(await scanFolder(s.dir)).some((e) => e.id === id)) throw notFound('Bản sao lưu', id);
  throw backupInvalid(id, r.reason);
}

export async function listBackups(ctx: Ctx, s: BackupSettings = backupSettings()): Promise<BackupList> {
  assertNational(ctx);
  return statusOf(ctx, s);
}

export async function createBackup(
  ctx: Ctx,
  s: BackupSettings = backupSettings(),
  hooks: DumpHooks = {},
): Promise<BackupItem> {
  assertNational(ctx);
  const started = Date.now();
  const m = await dump(
    { db: ctx.db, dir: s.dir, keys: s.keys, now: ctx.now, takenBy: ctx.actor.id, auditKey: s.auditKey },
    hooks,
  );
  const totalRows = m.tables.reduce((n, t) => n + t.rows, 0);
  await record(ctx, undefined, {
    action: 'backup.create',
    entityId: m.id,
    details: { bytes: m.data.bytes, totalRows, schema: m.schema, ms: Date.now() - started },
  });
  const item = (await listItems(s)).find((i) => i.id === m.id);
  if (!item) throw new Error(`backup ${m.id} vanished from ${s.dir}`);
  return item;
}

export type RestoreTarget = Kysely<DB> | string;

async function openTarget(target: RestoreTarget) {
  if (typeof target !== 'string')
    return { db: target, label: 'the configured database', close: async () => {} };
  const isUrl = /^postgres(ql)?:\/\//.test(target);
  const d = await connect(isUrl ? { databaseUrl: target } : { dataDir: target });
  const label = isUrl ? Object.assign(new URL(target), { password: '' }).toString() : resolve(target);
  return { db: d.db, label, close: () => d.close() };
}

/**
 * Loads a backup into an empty database, migrated by this program: its schema version must be the
 * backup's (migrate.ts offers no way to stop at an older one), then checked table by table.
 */
async function restoreInto(
  ctx: Ctx,
  s: BackupSettings,
  m: Manifest,
  target: Kysely<DB>,
  auditAs?: BackupEvent,
): Promise<TableCheck[]> {
  const filled = await repo.nonEmptyTables(target);
  if (filled.length) {
    throw new AppError('CONFLICT', 'Cơ sở dữ liệu đích không trống', [
      { reason: `target database has rows in: ${filled.join(', ')}` },
    ]);
  }
  await migrateToLatest(target);
  const schema = await repo.appliedMigrations(target);
  if (schema.join(',') !== m.schema.join(',')) {
    throw new AppError('INVALID_STATE', 'Phiên bản cấu trúc dữ liệu của bản sao lưu khác chương trình này', [
      { reason: `backup schema ${m.schema.join(', ')}; this program ${schema.join(', ')}` },
    ]);
  }
  return load({
    target,
    dir: s.dir,
    keys: s.keys,
    manifest: m,
    beforeCommit: auditAs ? (trx) => record(ctx, trx, auditAs) : undefined,
  });
}

export interface VerifyResult {
  id: string;
  ok: boolean;
  tables: TableCheck[];
}

const reasonOf = (err: unknown): string =>
  err instanceof AppError
    ? (err.details[0]?.reason ?? err.message)
    : err instanceof Error
      ? err.message
      : String(err);

/** Restore test: loads the backup into a scratch in-memory database and compares every table. */
export async function verifyBackup(
  ctx: Ctx,
  id: string,
  s: BackupSettings = backupSettings(),
): Promise<VerifyResult> {
  assertNational(ctx);
  const started = Date.now();
  let scratch: Database | undefined;
  try {
    const m = await getManifest(s, id);
    await checkDataFile(s.dir, m);
    scratch = await connect({ dataDir: 'memory://' });
    const tables = await restoreInto(ctx, s, m, scratch.db);
    await writeVerification(s.dir, s.keys, { id, ok: true, at: ctx.now.toISOString(), detail: 'ok' });
    const details = { ok: true, tables: tables.length, ms: Date.now() - started };
    await record(ctx, undefined, { action: 'backup.verify', entityId: id, details });
    return { id, ok: true, tables };
  } catch (err) {
    if (err instanceof AppError && err.code === 'BACKUP_INVALID') {
      const detail = reasonOf(err);
      await writeVerification(s.dir, s.keys, { id, ok: false, at: ctx.now.toISOString(), detail });
      await record(ctx, undefined, {
        action: 'backup.verify',
        entityId: id,
        details: { ok: false, reason: detail },
      });
    }
    throw err;
  } finally {
    await scratch?.close();
  }
}

/**
 * Restores a backup into an empty target: a Kysely instance, a postgres:// URL or a PGlite folder.
 * Refuses a backup whose manifest signature, data checksum or decryption fails (BACKUP_INVALID).
 */
export async function restoreBackup(
  ctx: Ctx,
  id: string,
  opts: { target: RestoreTarget },
  s: BackupSettings = backupSettings(),
): Promise<VerifyResult> {
  assertNational(ctx);
  const sameDb = opts.target === ctx.db;
  let target = 'the configured database';
  try {
    const m = await getManifest(s, id);
    await checkDataFile(s.dir, m);
    const t = await openTarget(opts.target);
    target = t.label;
    const event: BackupEvent = {
      action: 'backup.restore',
      entityId: id,
      details: { ok: true, target, createdAt: m.createdAt },
    };
    try {
      const tables = await restoreInto(ctx, s, m, t.db, event);
      // The event is in the restored database; the database that ran the restore keeps one too.
      if (!sameDb) await record(ctx, undefined, event);
      return { id, ok: true, tables };
    } finally {
      await t.close();
    }
  } catch (err) {
    // A failed restore into this very database leaves it empty, so that it can be tried again.
    if (!sameDb) {
      const details = { ok: false, target, reason: reasonOf(err) };
      await record(ctx, undefined, { action: 'backup.restore', entityId: id, details }).catch(
        () => undefined,
      );
    }
    throw err;
  }
}

/**
 * Removes backups older than the retention period — but only once a newer backup has passed its
 * restore test, so a run of failures never eats the last good copies. Leftovers of interrupted
 * backups go at the same time.
 */
export async function pruneBackups(ctx: Ctx, s: BackupSettings = backupSettings()): Promise<string[]> {
  assertNational(ctx);
  const items = await listItems(s);
  const anchor = items.find((i) => i.status === 'good' && i.verified === true);
  if (!anchor) return [];
  const cutoff = Math.min(ctx.now.getTime() - s.retentionDays * DAY, new Date(anchor.createdAt).getTime());
  const old = items.filter((i) => i.id !== anchor.id && timeOfId(i.id).getTime() < cutoff).map((i) => i.id);
  for (const id of old) await removeBackupFiles(s.dir, id);
  // Interrupted backups older than the anchor can never be restored (their key material is in the
  // manifest that never landed): clear them away.
  for (const e of await scanFolder(s.dir)) {
    if (!e.hasManifest && e.id < anchor.id && !old.includes(e.id)) await removeBackupFiles(s.dir, e.id);
  }
  for (const f of await tempFiles(s.dir)) {
    if (f.id < anchor.id) await rm(join(s.dir, f.name), { force: true });
  }
  if (old.length) await record(ctx, undefined, { action: 'backup.prune', details: { removed: old } });
  return old;
}

/** The scheduled job (and POST /backups): back up, restore-test, prune. A failure is audited and alerted. */
export async function runBackupJob(ctx: Ctx, s: BackupSettings = backupSettings()): Promise<BackupRun> {
  assertNational(ctx);
  try {
    const backup = await createBackup(ctx, s);
    await verifyBackup(ctx, backup.id, s);
    const pruned = await pruneBackups(ctx, s);
    const item = (await listItems(s)).find((i) => i.id === backup.id) ?? backup;
    return { backup: item, verified: true, pruned };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    rememberFailure(ctx.now, message);
    await record(ctx, undefined, { action: 'backup.failed', details: { message } }).catch(() => undefined);
    throw err;
  }
}
