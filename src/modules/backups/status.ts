// What is in the backup folder and whether the schedule is healthy. A backup is good when its manifest
// is signed by the configured key, its data file has the signed size, and no restore test failed; the
// full checksum is checked by verify and restore, not on every listing.
import type { BackupAlert, BackupItem, BackupList } from '../../../api/backups.ts';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './backups.repository.ts';
import { readManifest, readVerification, scanFolder, timeOfId, type Entry } from './format.ts';
import type { BackupSettings } from './settings.ts';

const DAY = 86_400_000;
/** A backup this much older than the schedule's period is overdue. */
export const OVERDUE_GRACE_MS = 2 * DAY;

let lastFailureSeen: { at: Date; message: string } | undefined;

/** Kept in memory too, for when the failure could not even be written to the audit log. */
export function rememberFailure(at: Date, message: string): void {
  lastFailureSeen = { at, message };
}

const emptyItem = (id: string, reason: string, sizeBytes: number | null): BackupItem => ({
  id,
  createdAt: timeOfId(id).toISOString(),
  status: 'invalid',
  reason,
  verifiedAt: null,
  verified: null,
  sizeBytes,
  engine: null,
  schema: [],
  totalRows: null,
  tables: [],
});

async function describe(s: BackupSettings, e: Entry): Promise<BackupItem> {
  if (!e.hasManifest) return emptyItem(e.id, 'incomplete: no manifest (interrupted backup)', e.dataBytes);
  const r = await readManifest(s.dir, e.id, s.keys);
  if ('reason' in r) return emptyItem(e.id, r.reason, e.dataBytes);
  const m = r.manifest;
  const v = await readVerification(s.dir, e.id, s.keys);
  const reason = !e.hasData
    ? 'data file missing'
    : e.dataBytes !== m.data.bytes
      ? `data file is ${e.dataBytes} bytes, manifest says ${m.data.bytes}`
      : v && !v.ok
        ? `restore test failed: ${v.detail}`
        : null;
  return {
    id: m.id,
    createdAt: m.createdAt,
    status: reason ? 'invalid' : 'good',
    reason,
    verifiedAt: v?.at ?? null,
    verified: v ? v.ok : null,
    sizeBytes: e.dataBytes,
    engine: m.engine,
    schema: m.schema,
    totalRows: m.tables.reduce((n, t) => n + t.rows, 0),
    tables: m.tables.map((t) => ({ name: t.name, rows: t.rows })),
  };
}

/** Every backup in the folder, newest first. */
export async function listItems(s: BackupSettings): Promise<BackupItem[]> {
  const items: BackupItem[] = [];
  for (const e of await scanFolder(s.dir)) items.push(await describe(s, e));
  return items;
}

/**
 * When the newest good backup was taken, or null: read from the backup folder, whose signed manifests
 * are the record of what can be restored (the database itself may be what is lost). For /metrics.
 */
export async function lastGoodBackupAt(s: BackupSettings): Promise<Date | null> {
  const good = (await listItems(s)).find((i) => i.status === 'good');
  return good ? new Date(good.createdAt) : null;
}

async function lastFailure(ctx: Ctx): Promise<{ at: Date; message: string } | null> {
  const [event] = await repo.latestBackupEvents(ctx.db, ['backup.failed']);
  const logged = event
    ? { at: event.at, message: String((event.details as { message?: unknown })?.message ?? 'unknown') }
    : null;
  if (lastFailureSeen && (!logged || lastFailureSeen.at > logged.at)) return lastFailureSeen;
  return logged;
}

export async function statusOf(ctx: Ctx, s: BackupSettings): Promise<BackupList> {
  const items = await listItems(s);
  const lastGood = items.find((i) => i.status === 'good');
  const lastGoodAt = lastGood ? new Date(lastGood.createdAt) : null;
  const overdue = !lastGoodAt || ctx.now.getTime() - lastGoodAt.getTime() > s.periodMs + OVERDUE_GRACE_MS;
  const failure = await lastFailure(ctx);
  const alerts: BackupAlert[] = [];
  if (overdue) {
    alerts.push({
      code: 'BACKUP_OVERDUE',
      message: lastGoodAt
        ? `Bản sao lưu tốt gần nhất đã quá hạn (${lastGoodAt.toISOString()})`
        : 'Chưa có bản sao lưu tốt nào',
    });
  }
  if (failure && (!lastGoodAt || failure.at > lastGoodAt)) {
    alerts.push({
      code: 'BACKUP_FAILED',
      message: `Sao lưu thất bại lúc ${failure.at.toISOString()}: ${failure.message}`,
    });
  }
  const newest = items[0];
  if (newest && newest.status === 'invalid') {
    alerts.push({
      code: 'BACKUP_INVALID',
      message: `Bản sao lưu mới nhất ${newest.id} không dùng được: ${newest.reason}`,
    });
  }
  return {
    items,
    status: {
      lastGoodAt: lastGoodAt?.toISOString() ?? null,
      overdue,
      periodDays: Math.round((s.periodMs / DAY) * 100) / 100,
      retentionDays: s.retentionDays,
      lastFailure: failure ? { at: failure.at.toISOString(), message: failure.message } : null,
    },
    alerts,
  };
}
