// Issue 7 benchmark (BENCH_BACKUP=1): seed N e-records (BENCH_EMPLOYEES, default 200,000) into each
// engine, then time a backup, its restore test (into an in-memory PGlite) and a restore into the other
// engine (PGlite → PostgreSQL, PostgreSQL → a PGlite folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Database, type Engine } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemCtx } from '../src/platform/context.ts';
import { backupKeysFrom } from '../src/platform/backup-keys.ts';
import { seedDemo } from '../src/demo/seed.ts';
import {
  checkedPeriodMs,
  createBackup,
  restoreBackup,
  verifyBackup,
  type BackupSettings,
} from '../src/modules/backups/index.ts';

const N = Number(process.env.BENCH_EMPLOYEES ?? 200_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-20T03:00:00Z');

async function freshServerDb(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function open(engine: Engine): Promise<Database> {
  if (engine === 'postgres') return connect({ databaseUrl: await freshServerDb('hoso_bench_backup') });
  const dir = '/tmp/hoso-bench-backup-pglite';
  rmSync(dir, { recursive: true, force: true });
  return connect({ dataDir: dir });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = Date.now();
  const value = await fn();
  return { ms: Date.now() - t, value };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function runEngine(engine: Engine, s: BackupSettings): Promise<Record<string, unknown>> {
  const d = await open(engine);
  const ctx = () => systemCtx(d.db, NOW, 'system:bench');
  const other = engine === 'pglite' ? 'postgres' : 'pglite';
  const scratchDir = mkdtempSync(join(tmpdir(), 'hoso-bench-restore-'));
  try {
    await migrateToLatest(d.db);
    const seed = await timed(() =>
      seedDemo(ctx(), {
        employees: N,
        onProgress: (n) => n % 50_000 === 0 && console.error(`  [${engine}] seeded ${n}/${N}`),
      }),
    );
    const backup = await timed(() => createBackup(ctx(), s));
    const b = backup.value;
    console.error(
      `  [${engine}] backup ${b.id}: ${mib(b.sizeBytes ?? 0)}, ${b.totalRows} rows, ${backup.ms} ms`,
    );
    const verify = await timed(() => verifyBackup(ctx(), b.id, s));
    console.error(`  [${engine}] restore test (in-memory PGlite): ${verify.ms} ms`);
    const target = other === 'postgres' ? await freshServerDb('hoso_bench_restore') : scratchDir;
    const restore = await timed(() => restoreBackup(ctx(), b.id, { target }, s));
    console.error(`  [${engine}] restore into ${other}: ${restore.ms} ms`);
    return {
      engine,
      employees: N,
      seedMs: seed.ms,
      rows: b.totalRows,
      bytes: b.sizeBytes,
      backupMs: backup.ms,
      verifyMs: verify.ms,
      restoreInto: other,
      restoreMs: restore.ms,
    };
  } finally {
    await d.close();
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

export async function runBackupBench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-bench-backups-'));
  const s: BackupSettings = {
    dir,
    cron: '0 2 1 * *',
    retentionDays: 100,
    keys: backupKeysFrom(randomBytes(32)),
    periodMs: checkedPeriodMs('0 2 1 * *'),
  };
  const results: Record<string, unknown>[] = [];
  try {
    for (const engine of ENGINES) {
      console.error(`backup bench: ${engine}, ${N} people`);
      results.push(await runEngine(engine, s));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nbackup and restore');
  console.log('engine    rows       size        backup     restore test   restore into other');
  for (const r of results) {
    console.log(
      `${String(r.engine).padEnd(9)} ${String(r.rows).padEnd(10)} ${mib(Number(r.bytes)).padEnd(11)} ` +
        `${`${r.backupMs} ms`.padEnd(10)} ${`${r.verifyMs} ms`.padEnd(14)} ${r.restoreMs} ms (${r.restoreInto})`,
    );
  }
  return results;
}
