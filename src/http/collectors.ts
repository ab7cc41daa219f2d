// The gauges /metrics reads at scrape time, each through its module's public surface. src/main.ts
// picks them (serverCollectors) and hands them to buildApp; a test builds the same list on its database.
import type pg from 'pg';
import type { Database } from '../db/connect.ts';
import type { Ctx } from '../platform/context.ts';
import { lastGoodBackupAt, type BackupSettings } from '../modules/backups/index.ts';
import { syncLags } from '../modules/federation/index.ts';
import { importJobCounts } from '../modules/imports/index.ts';
import { sealerLag } from '../modules/audit/index.ts';
import type { Collector } from './metrics.ts';

/** A context acting as the system now (the scrape's time), made afresh for each read. */
export type CtxAt = () => Ctx;

const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number, pool: pg.Pool): Collector => ({
  name,
  help,
  read: async () => [{ value: read(pool) }],
});

/**
 * The connection pool: size, in use, idle and callers waiting. A PostgreSQL server's pool is counted
 * as it is; PGlite is one connection inside the process, reported as a pool of one (what is in use there
 * is the event loop's business, not a pool's).
 */
export function databasePoolCollectors(database: Pick<Database, 'engine' | 'pool'>): Collector[] {
  const size: Collector = {
    name: 'hoso_db_pool_size',
    help: 'Connections the database pool may open (PGlite: 1)',
    labelNames: ['engine'],
    read: async () => [{ labels: { engine: database.engine }, value: database.pool?.options.max ?? 1 }],
  };
  const pool = database.pool;
  if (!pool) return [size];
  return [
    size,
    poolGauge(
      'hoso_db_pool_in_use',
      'Connections checked out by a query or transaction',
      (p) => p.totalCount - p.idleCount,
      pool,
    ),
    poolGauge('hoso_db_pool_idle', 'Open connections waiting in the pool', (p) => p.idleCount, pool),
    poolGauge('hoso_db_pool_waiting', 'Callers waiting for a connection', (p) => p.waitingCount, pool),
  ];
}

/** Age of the newest good backup (Circular 06 Art. 10: monthly); +Inf when there is none. */
export function backupAgeCollector(settings: BackupSettings, now: () => Date): Collector {
  return {
    name: 'hoso_backup_last_good_age_seconds',
    help: 'Seconds since the newest good backup was taken (+Inf: none)',
    read: async () => {
      const at = await lastGoodBackupAt(settings);
      return [{ value: at ? Math.max(0, (now().getTime() - at.getTime()) / 1000) : Infinity }];
    },
  };
}

/** Each node's sync lag (national: every registered node; local: this node towards the national one). */
export function syncLagCollector(
  ctx: CtxAt,
  node: { role: 'national' | 'local'; code?: string | undefined },
): Collector {
  return {
    name: 'hoso_federation_sync_lag_seconds',
    help: "Seconds since a node's last exchange with the national node (+Inf: it never completed one)",
    labelNames: ['node'],
    read: async () =>
      (await syncLags(ctx(), node)).map((l) => ({
        labels: { node: l.node },
        value: l.lagSeconds ?? Infinity,
      })),
  };
}

export function importJobsCollector(ctx: CtxAt): Collector {
  return {
    name: 'hoso_import_jobs',
    help: 'Import jobs by status (running, done, rejected, checked, failed)',
    labelNames: ['status'],
    read: async () =>
      Object.entries(await importJobCounts(ctx())).map(([status, value]) => ({ labels: { status }, value })),
  };
}

/** How far the audit sealer is behind: events appended but not yet linked into the hash chain. */
export function auditSealerCollectors(ctx: CtxAt): Collector[] {
  // Both gauges of a scrape (read together) share one query.
  let inFlight: ReturnType<typeof sealerLag> | undefined;
  const lag = () => {
    const c = ctx();
    inFlight ??= sealerLag(c.db, c.now).finally(() => (inFlight = undefined));
    return inFlight;
  };
  return [
    {
      name: 'hoso_audit_pending_events',
      help: 'Audit events written but not yet sealed into the hash chain',
      read: async () => [{ value: (await lag()).pending }],
    },
    {
      name: 'hoso_audit_sealer_lag_seconds',
      help: 'Age of the oldest audit event not yet sealed (0: none waiting)',
      read: async () => [{ value: (await lag()).seconds }],
    },
  ];
}

export interface ServerCollectorDeps {
  database: Pick<Database, 'engine' | 'pool'>;
  ctx: CtxAt;
  backups: BackupSettings;
  node: { role: 'national' | 'local'; code?: string | undefined };
}

/** Every collector of a running node, in the order /metrics lists them. */
export function serverCollectors(deps: ServerCollectorDeps): Collector[] {
  return [
    ...databasePoolCollectors(deps.database),
    backupAgeCollector(deps.backups, () => deps.ctx().now),
    syncLagCollector(deps.ctx, deps.node),
    importJobsCollector(deps.ctx),
    ...auditSealerCollectors(deps.ctx),
  ];
}
