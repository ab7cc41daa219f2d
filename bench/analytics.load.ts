// Loads the analytics bench world into a PostgreSQL database with COPY streams (pg-copy-streams):
// org units, then people — employees, the ledger, spans, movements — streamed concurrently while they
// are generated. Foreign keys and secondary indexes are dropped for the load and rebuilt afterwards.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildWorld, type BenchWorld } from './analytics.world.ts';
import { Worker } from 'node:worker_threads';
import { COPY_TABLES, line, type Batch } from './analytics.copy.ts';

/** Generator threads (the machine has two cores; PostgreSQL takes its share while COPY runs). */
const THREADS = Number(process.env.BENCH_ANALYTICS_THREADS ?? 2);
const TABLES = [
  'employees',
  'personnel_actions',
  'analytics_spans',
  'analytics_movements',
  'analytics_refreshed',
];
async function dropForLoad(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ def: string; drop: string }>(
    `SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS def,
            format('ALTER TABLE %I DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop
     FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)
     UNION ALL
     SELECT indexdef, format('DROP INDEX %I', indexname) FROM pg_indexes i
     WHERE tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  );
  for (const x of r.rows) await c.query(x.drop);
  return r.rows.map((x) => x.def).reverse();
}

class Copier {
  private streams = new Map<string, { s: Writable; done: Promise<unknown> }>();
  constructor(private readonly clients: pg.Client[]) {}
  open(table: string, columns: string, i: number): void {
    const s = this.clients[i]!.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
    this.streams.set(table, { s, done: once(s, 'finish') });
  }
  async write(table: string, text: string): Promise<void> {
    const { s } = this.streams.get(table)!;
    if (!s.write(text)) await once(s, 'drain');
  }
  async close(): Promise<void> {
    for (const { s, done } of this.streams.values()) {
      s.end();
      await done;
    }
  }
}

async function loadUnits(c: pg.Client, w: BenchWorld, at: Date): Promise<void> {
  const rows = w.units.map((u) =>
    line([
      u.id,
      u.code,
      u.name,
      u.kind,
      u.parentId,
      u.path,
      u.provinceCode,
      u.validFrom,
      u.validTo,
      u.successorId,
      u.name.toLowerCase(),
      at,
      at,
    ]),
  );
  const s = c.query(
    copyFrom(`COPY org_units (id, code, name, kind, parent_id, path, province_code, valid_from, valid_to, successor_id,
      search_name, created_at, updated_at) FROM STDIN`),
  );
  await pipeline(Readable.from(rows), s);
  await c.query(`SELECT setval('org_units_id_seq', $1)`, [w.units.length]);
}

/** A generator thread running TypeScript: tsx's loader is registered inside the thread first. */
function startWorker(workerData: { index: number; count: number; n: number }): Worker {
  const url = new URL('./analytics.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(url)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData });
}

export interface LoadResult {
  world: BenchWorld;
  people: number;
  actions: number;
  spans: number;
  movements: number;
  generateAndCopyMs: number;
  indexMs: number;
}

/** Generates and COPYs n people; the caller's database is migrated, with catalogs, and empty. */
export async function loadBench(
  url: string,
  n: number,
  at: Date,
  onProgress: (i: number) => void,
): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const main = clients[5]!;
  const world = buildWorld();
  await loadUnits(main, world, at);
  const deferred = await dropForLoad(main);
  const t0 = Date.now();
  const copier = new Copier(clients);
  Object.entries(COPY_TABLES).forEach(([table, columns], i) => copier.open(table, columns, i));
  const counts = { actions: 0, spans: 0, movements: 0 };
  let latest = 0;
  let people = 0;
  let nextReport = 100_000;
  // Generation runs in worker threads; this thread only writes their batches to the COPY streams.
  await Promise.all(
    Array.from({ length: THREADS }, (_, index) => {
      const worker = startWorker({ index, count: THREADS, n });
      let queue = Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: Batch | 'done') => {
          queue = queue.then(async () => {
            if (m === 'done') return void (await worker.terminate(), resolve());
            for (const [table, text] of Object.entries(m.tables)) await copier.write(table, text);
            worker.postMessage('ack');
            counts.actions += m.actions;
            counts.spans += m.spans;
            counts.movements += m.movements;
            latest = Math.max(latest, m.latest);
            people += m.people;
            if (people >= nextReport) onProgress((nextReport += 100_000) - 100_000);
          }, reject);
        });
      });
    }),
  );
  await copier.close();
  const generateAndCopyMs = Date.now() - t0;
  const t1 = Date.now();
  await main.query(`SELECT setval(pg_get_serial_sequence('personnel_actions', 'id'), $1)`, [n * 8 + 1]);
  await main.query(`INSERT INTO analytics_watermark (id, updated_through) VALUES (true, $1)`, [
    new Date(latest),
  ]);
  // Quotas near the headcount of 2026-11 (some units over, most under), for 2025 and 2026.
  await main.query(`
    INSERT INTO staffing_quotas (unit_id, year, civil_servants, public_employees, contract_workers, decision_no, decision_date, updated_at)
    SELECT working_unit_id, y,
      (count(*) FILTER (WHERE category IN ('cadre', 'civil_servant')) * (0.9 + (working_unit_id % 5) * 0.06))::int,
      (count(*) FILTER (WHERE category = 'public_employee') * (0.9 + (working_unit_id % 7) * 0.04))::int,
      (count(*) FILTER (WHERE category = 'worker') * 1.1)::int, 'bench/QĐ', make_date(y, 1, 5), now()
    FROM employees, (VALUES (2025), (2026)) v(y) WHERE status IN ('active', 'on_leave') GROUP BY working_unit_id, y`);
  // Rebuild indexes and constraints two at a time (two cores).
  for (let i = 0; i < deferred.length; i += 2)
    await Promise.all(deferred.slice(i, i + 2).map((d, k) => clients[k]!.query(d)));
  await main.query('VACUUM ANALYZE');
  const indexMs = Date.now() - t1;
  await Promise.all(clients.map((c) => c.end()));
  return { world, people: n, ...counts, generateAndCopyMs, indexMs };
}
