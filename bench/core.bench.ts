// Issue 2 benchmark: seed N e-records (default 200,000) into the PostgreSQL server and into PGlite,
// then time name search, record read by id and a province-subtree headcount through the HTTP API,
// each next to the same query run as raw SQL on the same database in the same run (ratio = API / raw).
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, type Database, type Engine } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemCtx, type Actor } from '../src/platform/context.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { searchKey } from '../src/platform/text.ts';
import { buildApp } from '../src/http/app.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { getScopedRecord } from '../src/modules/employees/index.ts';
import { getRecord } from '../src/modules/personnel-actions/index.ts';
import { fmt, measure, type Timing } from './stats.ts';

const N = Number(process.env.BENCH_EMPLOYEES ?? 200_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-20T03:00:00Z');

type Raw = (text: string, params: unknown[]) => Promise<unknown>;

async function open(engine: Engine): Promise<{ d: Database; raw: Raw; done: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = '/tmp/hoso-bench-pglite';
    rmSync(dir, { recursive: true, force: true });
    const d = await connect({ dataDir: dir });
    const raw: Raw = (text, params) => d.pglite!.query(text, params);
    return { d, raw, done: () => d.close() };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS hoso_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE hoso_bench');
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = '/hoso_bench';
  const d = await connect({ databaseUrl: url.toString() });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    d,
    raw: (text, params) => client.query(text, params),
    done: async () => (await client.end(), await d.close()),
  };
}

const SEARCH_SQL = `
  SELECT e.id, e.person_id, e.full_name, e.birth_date, e.sex, e.category, e.status, e.working_unit_id,
         u.name AS unit_name, e.rank_code, e.salary_step, e.position_title, e.sort_key
  FROM employees e JOIN org_units u ON u.id = e.working_unit_id
  WHERE e.search_name LIKE $1 AND e.search_name LIKE $2
  ORDER BY e.sort_key, e.id LIMIT 51`;
const HEADCOUNT_SQL = `
  SELECT e.category AS key, count(*)::int AS count
  FROM employees e JOIN org_units u ON u.id = e.working_unit_id
  WHERE u.path <@ (SELECT path FROM org_units WHERE id = $1) AND e.status IN ('active', 'on_leave')
  GROUP BY 1 ORDER BY 2 DESC, 1`;

async function runEngine(engine: Engine): Promise<Record<string, unknown>> {
  const { d, raw, done } = await open(engine);
  await migrateToLatest(d.db);
  const t0 = Date.now();
  await seedDemo(systemCtx(d.db, NOW, 'system:bench'), {
    employees: N,
    onProgress: (n) => n % 50_000 === 0 && console.error(`  [${engine}] seeded ${n}/${N}`),
  });
  const seedMs = Date.now() - t0;
  await sql`ANALYZE`.execute(d.db);
  const system: Actor = { id: 'system:bench', kind: 'system', name: 'bench', grants: [] };
  const app = await buildApp({
    db: d.db,
    clock: fixedClock(NOW),
    logger: false,
    authenticate: async () => ({ actor: system, stage: 'active' }),
  });

  const sample = await sql<{ id: string; full_name: string }>`
    SELECT id, full_name FROM employees ORDER BY md5(id::text) LIMIT 300`.execute(d.db);
  const people = sample.rows;
  const queries = people.map((p) => searchKey(p.full_name).split(' ').slice(-2).join(' '));
  const province = await sql<{
    id: number;
  }>`SELECT id FROM org_units WHERE code = 'T01' AND valid_to IS NULL`.execute(d.db);
  const provinceId = province.rows[0]!.id;

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  // Issue 3: an HR officer of Hà Nội reads records of Hà Nội people — scope in SQL, masking, and an
  // audit event in the same transaction — against the unscoped, unaudited read of the same rows.
  const hanoi = await sql<{
    path: string;
  }>`SELECT path::text AS path FROM org_units WHERE id = ${provinceId}`.execute(d.db);
  const officer: Actor = {
    id: 'bench-hr',
    kind: 'user',
    name: 'HR',
    grants: [{ role: 'hr_officer', unitId: provinceId, unitPath: hanoi.rows[0]!.path }],
  };
  const scopedApp = await buildApp({
    db: d.db,
    clock: fixedClock(NOW),
    logger: false,
    authenticate: async () => ({ actor: officer, stage: 'active' }),
  });
  const local = await sql<{ id: string }>`
    SELECT e.id FROM employees e JOIN org_units u ON u.id = e.managing_unit_id
    WHERE u.path <@ ${hanoi.rows[0]!.path}::ltree ORDER BY md5(e.id::text) LIMIT 300`.execute(d.db);
  const getScoped = async (id: string) => {
    const res = await scopedApp.inject({ method: 'GET', url: `/api/v1/employees/${id}` });
    if (res.statusCode !== 200) throw new Error(`scoped read → ${res.statusCode}`);
  };
  const pairs: [Timing, Timing][] = [
    [
      await measure('name search — API', queries, (q) =>
        get(`/api/v1/employees?q=${encodeURIComponent(q)}&limit=50`),
      ),
      await measure('name search — raw SQL', queries, (q) => {
        const [a, b] = q.split(' ');
        return raw(SEARCH_SQL, [`% ${a} %`, `% ${b}%`]);
      }),
    ],
    [
      await measure('read by id — API', people, (p) => get(`/api/v1/employees/${p.id}`)),
      await measure('read by id — raw SQL', people, (p) =>
        raw('SELECT record FROM employees WHERE id = $1', [p.id]),
      ),
    ],
    [
      await measure('scoped+audited read — API', local.rows, (p) => getScoped(p.id)),
      await measure('scoped+audited read — raw SQL', local.rows, (p) =>
        raw('SELECT record FROM employees WHERE id = $1', [p.id]),
      ),
    ],
    // The cost of access control on one record read, at the service level (no HTTP): the unscoped,
    // unaudited read is the baseline; then the same read scoped in SQL; then the whole use case
    // (scope, masking, audit event in the same transaction).
    [
      await measure('scoped read (service) — vs unscoped', local.rows, (p) =>
        getScopedRecord(d.db, p.id, officer, 'employee.read'),
      ),
      await measure('unscoped read (service)', local.rows, (p) =>
        getScopedRecord(d.db, p.id, system, 'employee.read'),
      ),
    ],
    [
      await measure('scoped+masked+audited (service) — vs unscoped', local.rows, (p) =>
        getRecord({ db: d.db, actor: officer, now: NOW, requestId: 'bench' }, p.id),
      ),
      await measure('unscoped read (service)', local.rows, (p) =>
        getScopedRecord(d.db, p.id, system, 'employee.read'),
      ),
    ],
    [
      await measure(
        'province headcount — API',
        Array(40).fill(provinceId),
        (id) => get(`/api/v1/employees/headcount?unitId=${id}&by=category`),
        3,
      ),
      await measure(
        'province headcount — raw SQL',
        Array(40).fill(provinceId),
        (id) => raw(HEADCOUNT_SQL, [id]),
        3,
      ),
    ],
  ];
  const size = await sql<{
    size: string;
  }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`.execute(d.db);
  console.log(
    `\n${engine}: ${N} e-records seeded in ${(seedMs / 1000).toFixed(1)} s, database ${size.rows[0]!.size}`,
  );
  console.log('  query (vs baseline)           p50/p95 ms          baseline p50/p95   ratio p50/p95');
  for (const [api, r] of pairs) {
    console.log(
      `  ${api.label.replace(/ — .*$/, '').padEnd(28)}  ${`${fmt(api.p50)} / ${fmt(api.p95)}`.padEnd(18)}  ${`${fmt(r.p50)} / ${fmt(r.p95)}`.padEnd(17)}  ${(api.p50 / r.p50).toFixed(2)} / ${(api.p95 / r.p95).toFixed(2)}`,
    );
  }
  await app.close();
  await scopedApp.close();
  await done();
  return { engine, n: N, seedMs, size: size.rows[0]!.size, timings: pairs.flat() };
}

export async function runCoreBench(): Promise<Record<string, unknown>[]> {
  const out = [];
  for (const e of ENGINES) out.push(await runEngine(e));
  return out;
}
