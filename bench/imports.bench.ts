// Issue 9 benchmark (BENCH_IMPORT=1): 100,000 people (BENCH_IMPORT_N) imported from an XLSX and from a
// CSV into fresh databases on the PostgreSQL server (BENCH_DATABASE_URL), then the same file again
// (idempotent: nothing written). Target: under 60 s for 100,000 rows.
import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemCtx, type Ctx } from '../src/platform/context.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { importCatalogs } from '../src/modules/catalogs/index.ts';
import { createUnits } from '../src/modules/org-units/index.ts';
import { runImport } from '../src/modules/imports/index.ts';
import { benchRows, writeCsv, writeXlsx } from './imports.people.ts';

const N = Number(process.env.BENCH_IMPORT_N ?? 100_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-20T03:00:00Z');

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(q);
  await c.end();
}

/**
 * CPU seconds used so far by the server's backends for one database (local server, /proc readable):
 * with the machine shared, client + server CPU says what the import costs whatever the wall clock.
 */
async function serverCpu(db: string): Promise<number> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db]);
  await c.end();
  let ticks = 0;
  for (const { pid } of r.rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // a backend that ended, or a server on another machine
    }
  }
  return ticks / 100;
}

async function world(ctx: Ctx): Promise<string[]> {
  await importCatalogs(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const [nation] = await createUnits(ctx, trx, [
      { code: 'VN', name: 'Việt Nam', kind: 'national', validFrom: '1945-08-01' },
    ]);
    const [hanoi] = await createUnits(ctx, trx, [
      {
        code: 'T01',
        name: 'Thành phố Hà Nội',
        kind: 'province',
        parentId: nation!.id,
        provinceCode: '01',
        validFrom: '1954-10-10',
      },
    ]);
    const depts = Array.from({ length: 20 }, (_, i) => ({
      code: `T01-D${String(i + 1).padStart(2, '0')}`,
      name: `Sở số ${i + 1} Hà Nội`,
      kind: 'provincial_department' as const,
      parentId: hanoi!.id,
      validFrom: '1980-01-01',
    }));
    return (await createUnits(ctx, trx, depts)).map((u) => u.code);
  });
}

async function importInto(name: string, path: string, codes: (ctx: Ctx) => Promise<unknown>) {
  const db = `hoso_bench_import_${name}`;
  await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${db}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  const d = await connect({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, NOW, 'system:bench');
    await codes(ctx);
    const file = { name: path.split('/').pop()!, open: () => createReadStream(path) };
    const t1 = Date.now();
    const cpu1 = process.cpuUsage();
    const srv1 = await serverCpu(db);
    const first = await runImport(ctx, file);
    const s1 = (Date.now() - t1) / 1000;
    const c1 = process.cpuUsage(cpu1);
    const clientCpu = (c1.user + c1.system) / 1e6;
    const dbCpu = (await serverCpu(db)) - srv1;
    const t2 = Date.now();
    const again = await runImport({ ...ctx, now: new Date(NOW.getTime() + 60_000) }, file);
    const s2 = (Date.now() - t2) / 1000;
    const line = `[import] ${name}: ${first.created} created in ${s1.toFixed(1)} s (${Math.round(N / s1)} rows/s; CPU: client ${clientCpu.toFixed(1)} s, server ${dbCpu.toFixed(1)} s); again: ${again.unchanged} unchanged, ${again.created + again.updated} written in ${s2.toFixed(1)} s`;
    console.error(line);
    if (first.status !== 'done' || first.created !== N)
      console.error(JSON.stringify(first.issues.slice(0, 5)));
    return {
      seconds: s1,
      rowsPerSecond: Math.round(N / s1),
      writeMs: first.timings.writeMs,
      clientCpuSeconds: clientCpu,
      serverCpuSeconds: dbCpu,
      status: first.status,
      created: first.created,
      againSeconds: s2,
      againWritten: again.created + again.updated,
      againUnchanged: again.unchanged,
    };
  } finally {
    await d.close();
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

export async function runImportBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-bench-import-'));
  try {
    const codes = Array.from({ length: 20 }, (_, i) => `T01-D${String(i + 1).padStart(2, '0')}`);
    const xlsx = join(dir, 'nhap.xlsx');
    const csv = join(dir, 'nhap.csv');
    let t = Date.now();
    await writeXlsx(xlsx, benchRows(N, codes));
    await writeCsv(csv, benchRows(N, codes));
    console.error(
      `[import] files for ${N} rows in ${Date.now() - t} ms: xlsx ${statSync(xlsx).size} B, csv ${statSync(csv).size} B`,
    );
    const loadBefore = loadavg();
    t = Date.now();
    const x = await importInto('xlsx', xlsx, world);
    const c = await importInto('csv', csv, world);
    return {
      rows: N,
      xlsx: x,
      csv: c,
      loadavg: { before: loadBefore, after: loadavg() },
      ms: Date.now() - t,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
