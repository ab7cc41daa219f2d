// Issue 5 benchmark (BENCH_ANALYTICS=1): N synthetic e-records with history (default 2,500,000) generated
// and streamed with COPY into a PostgreSQL server database, then, through the HTTP API, the national
// headcount by province × category, quota vs actual for the whole nation and a ministry dashboard —
// each next to the naive GROUP BY over the base tables in the same run (ratio = naive / API).
import pg from 'pg';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { systemCtx, type Actor } from '../src/platform/context.ts';
import { buildApp } from '../src/http/app.ts';
import { importCatalogs } from '../src/modules/catalogs/index.ts';
import { fmt, measure, type Timing } from './stats.ts';
import { loadBench, type LoadResult } from './analytics.load.ts';
import { buildWorld } from './analytics.world.ts';
import { NAIVE } from './analytics.naive.ts';

const N = Number(process.env.BENCH_ANALYTICS_EMPLOYEES ?? 2_500_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'hoso_analytics_bench';
const NOW = new Date('2026-11-20T03:00:00Z');
const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS ?? 20);
const REFRESH_PEOPLE = Number(process.env.BENCH_ANALYTICS_REFRESH ?? 2000);

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(q);
  await c.end();
}

const row = (t: Timing) =>
  `${t.label.padEnd(58)} p50 ${fmt(t.p50).padStart(8)} ms  p95 ${fmt(t.p95).padStart(8)} ms`;

// BENCH_ANALYTICS_KEEP=1 keeps the generated database; BENCH_ANALYTICS_REUSE=1 then measures it again
// without generating (the world is deterministic), for tuning queries without 25 minutes of loading.
const KEEP = process.env.BENCH_ANALYTICS_KEEP === '1' || process.env.BENCH_ANALYTICS_REUSE === '1';

async function loadedCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM employees');
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function runAnalyticsBench(): Promise<Record<string, unknown>> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  const reuse = process.env.BENCH_ANALYTICS_REUSE === '1' && (await loadedCount(url.toString())) === N;
  if (!reuse) {
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB}`);
  }
  try {
    return await run(url.toString(), reuse);
  } finally {
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

async function prepare(url: string, reuse: boolean): Promise<LoadResult> {
  if (reuse) {
    console.error(`[analytics] reusing the ${N} e-records already in ${DB}`);
    return {
      world: buildWorld(),
      people: N,
      actions: 0,
      spans: 0,
      movements: 0,
      generateAndCopyMs: 0,
      indexMs: 0,
    };
  }
  console.error(`[analytics] generating and copying ${N} e-records…`);
  const load = await loadBench(url, N, NOW, (i) => console.error(`  copied ${i}/${N}`));
  console.error(`[analytics] loaded in ${load.generateAndCopyMs} ms, indexes ${load.indexMs} ms`);
  return load;
}

async function run(url: string, reuse: boolean): Promise<Record<string, unknown>> {
  const d = await connect({ databaseUrl: url, poolSize: 4 });
  await migrateToLatest(d.db);
  if (!reuse) await importCatalogs(systemCtx(d.db, NOW, 'system:bench'));
  const load = await prepare(url, reuse);
  let actor: Actor = { id: 'system:bench', kind: 'system', name: 'bench', grants: [] };
  const app = await buildApp({
    db: d.db,
    clock: fixedClock(NOW),
    logger: false,
    authenticate: async () => ({ actor, stage: 'active' }),
  });
  const get = async (u: string) => {
    const res = await app.inject({ method: 'GET', url: u });
    if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  const naive = (q: string, params: unknown[] = []) => raw.query(q, params);
  const timings: Timing[] = [];
  const time = async (label: string, fn: () => Promise<unknown>, runs = RUNS) => {
    const t = await measure(
      label,
      Array.from({ length: runs }, (_, i) => i),
      fn,
      Math.min(3, runs),
    );
    timings.push(t);
    console.error(row(t));
    return t;
  };
  const once = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    const out = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.error(`${label.padEnd(58)} ${fmt(ms).padStart(8)} ms (once)`);
    return { ms, out };
  };
  const nation = load.world.units[0]!.id;
  const provinceCat = `/api/v1/analytics/headcount?unitId=${nation}&rows=province&cols=category`;
  const cold = await once('cube build for today (first query, cold)', () => get(provinceCat));
  const pastCold = await once('cube build for 2024-06-01 (first query, cold)', () =>
    get(`${provinceCat}&asOf=2024-06-01`),
  );
  const results: Record<string, { api: Timing; naive: Timing; ratio: number }> = {};
  const pair = async (
    key: string,
    api: () => Promise<unknown>,
    base: () => Promise<unknown>,
    runs = RUNS,
    naiveRuns = Math.max(3, Math.floor(RUNS / 4)),
  ) => {
    const a = await time(`${key} — API`, api, runs);
    const b = await time(`${key} — naive GROUP BY`, base, naiveRuns);
    results[key] = { api: a, naive: b, ratio: b.p50 / a.p50 };
  };
  await pair(
    'national headcount province × category (today)',
    () => get(provinceCat),
    () => naive(NAIVE.provinceCategory),
  );
  await pair(
    'national headcount province × category (2024-06-01)',
    () => get(`${provinceCat}&asOf=2024-06-01`),
    () => naive(NAIVE.provinceCategoryAsOf, ['2024-06-01']),
    RUNS,
    2,
  );
  await pair(
    'quota vs actual, whole nation, 2026',
    () => get(`/api/v1/analytics/quota?unitId=${nation}&year=2026`),
    () => naive(NAIVE.quota, [2026]),
  );
  // A ministry's own officer: scoped in SQL to the ministry's subtree.
  const ministry = load.world.ministryRoots.find((m) => m.code === 'BNV') ?? load.world.ministryRoots[0]!;
  actor = {
    id: 'bench:ministry',
    kind: 'user',
    name: 'Bộ',
    grants: [{ role: 'agency_admin', unitId: ministry.id, unitPath: ministry.path }],
  };
  await pair(
    'ministry dashboard (scoped)',
    () => get(`/api/v1/analytics/dashboard?unitId=${ministry.id}`),
    () => NAIVE.dashboard(raw, ministry.path, '2026-11-20'),
    RUNS * 2,
    RUNS,
  );
  actor = { id: 'system:bench', kind: 'system', name: 'bench', grants: [] };
  // The incremental refresh: REFRESH_PEOPLE projections change (as writes would leave them); the next
  // read re-cuts their spans and keeps the two cached cube dates exact.
  const refreshed: number[] = [];
  for (let round = 0; round < 3; round++) {
    await sql`UPDATE employees SET updated_at = (SELECT max(updated_at) FROM employees) + interval '1 second'
      WHERE id IN (SELECT id FROM employees ORDER BY id OFFSET ${round * REFRESH_PEOPLE} LIMIT ${REFRESH_PEOPLE})`.execute(
      d.db,
    );
    refreshed.push(
      (await once(`refresh of ${REFRESH_PEOPLE} changed people (next read)`, () => get(provinceCat))).ms,
    );
  }
  const refreshMs = [...refreshed].sort((a, b) => a - b)[1]!;
  // Dimensions of the typed record: Party membership from the cube's rollup, the leadership post and
  // the political-theory level from the spans.
  const typed = {
    provinceParty: await time('national headcount province × Party (today) — API', () =>
      get(`/api/v1/analytics/headcount?unitId=${nation}&rows=province&cols=party`),
    ),
    leadership: await time('national headcount by leadership post (today) — API', () =>
      get(`/api/v1/analytics/headcount?unitId=${nation}&rows=leadership`),
    ),
    partyLeadership: await time('national headcount Party × political theory (today) — API', () =>
      get(`/api/v1/analytics/headcount?unitId=${nation}&rows=party&cols=politicalTheory`),
    ),
  };
  const check = await checkAgainstNaive(get, naive, provinceCat);
  const sizes = await sql<{ table: string; rows: number; mb: number }>`
    SELECT relname AS table, reltuples::bigint AS rows, (pg_total_relation_size(oid) / 1048576)::int AS mb
    FROM pg_class WHERE relname IN ('employees', 'personnel_actions', 'analytics_spans', 'analytics_movements', 'analytics_cube')
    ORDER BY relname`.execute(d.db);
  await raw.end();
  await app.close();
  await d.close();
  const { world: _w, ...loaded } = load;
  return {
    n: N,
    loaded,
    cubeBuildMs: { today: cold.ms, past: pastCold.ms },
    refreshMs: { people: REFRESH_PEOPLE, median: refreshMs, runs: refreshed },
    typed: Object.fromEntries(Object.entries(typed).map(([k, t]) => [k, { p50: t.p50, p95: t.p95 }])),
    results,
    check,
    sizes: sizes.rows,
    timings,
  };
}

/** The API's national headcount must equal the naive count over the base tables, cell by cell. */
async function checkAgainstNaive(
  get: (u: string) => Promise<{ cells: { row: string | null; col: string | null; count: number }[] }>,
  naive: (q: string) => Promise<pg.QueryResult>,
  url: string,
) {
  const api = await get(url);
  const base = await naive(NAIVE.provinceCategory);
  const a = new Map(api.cells.map((c) => [`${c.row}|${c.col}`, c.count]));
  const b = new Map(
    base.rows.map((r: { province_code: string | null; category: string; n: number }) => [
      `${r.province_code}|${r.category}`,
      Number(r.n),
    ]),
  );
  const diff = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  console.error(
    `[analytics] API vs naive national headcount: ${diff.length === 0 ? 'equal' : `${diff.length} cells differ`}`,
  );
  return { cells: a.size, differing: diff.length };
}
