// One side of the content benchmark (bench/content.bench.ts), run in a child process against the source
// tree named by HOSO_ROOT (this checkout or the baseline's worktree): seed N people into a fresh
// PostgreSQL database, then time the audited record read and the name search through the HTTP API.
// Prints one JSON line. Imports go through HOSO_ROOT so the baseline runs its own code.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { measure } from './stats.ts';

const root = process.env.HOSO_ROOT!;
const N = Number(process.env.BENCH_CONTENT_EMPLOYEES ?? 20_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-20T03:00:00Z');
const from = async <T>(p: string): Promise<T> => (await import(pathToFileURL(join(root, p)).href)) as T;

type Mod = Record<string, (...a: never[]) => unknown>;
const crypto = await from<Mod>('src/platform/crypto.ts');
(crypto.installKeys as (k: unknown) => void)(
  (crypto.parseKeys as (a: string, b: string) => unknown)(
    `b1:${randomBytes(32).toString('base64')}`,
    randomBytes(32).toString('base64'),
  ),
);
const { connect } = await from<{ connect: (o: object) => Promise<{ db: never; close(): Promise<void> }> }>(
  'src/db/connect.ts',
);
const { migrateToLatest } = await from<{ migrateToLatest: (db: never) => Promise<unknown> }>(
  'src/db/migrate.ts',
);
const { seedDemo } = await from<{ seedDemo: (ctx: unknown, o: object) => Promise<unknown> }>(
  'src/demo/seed.ts',
);
const { systemCtx } = await from<{ systemCtx: (db: never, now: Date, id: string) => unknown }>(
  'src/platform/context.ts',
);
const { fixedClock } = await from<{ fixedClock: (d: Date) => unknown }>('src/platform/clock.ts');
const { buildApp } = await from<{
  buildApp: (d: object) => Promise<{
    inject(o: object): Promise<{ statusCode: number; body: string }>;
    close(): Promise<void>;
  }>;
}>('src/http/app.ts');
const { searchKey } = await from<{ searchKey: (s: string) => string }>('src/platform/text.ts');

const name = `hoso_bench_content_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const d = await connect({ databaseUrl: url.toString(), poolSize: 4 });
try {
  await migrateToLatest(d.db);
  const t0 = Date.now();
  await seedDemo(systemCtx(d.db, NOW, 'system:bench'), { employees: N });
  const seedMs = Date.now() - t0;
  const q = new pg.Client({ connectionString: url.toString() });
  await q.connect();
  await q.query('ANALYZE');
  const province = (
    await q.query(`SELECT id, path::text AS path FROM org_units WHERE code = 'T01' AND valid_to IS NULL`)
  ).rows[0] as { id: number; path: string };
  const local = (
    await q.query(
      `SELECT e.id, e.full_name FROM employees e JOIN org_units u ON u.id = e.managing_unit_id
       WHERE u.path <@ $1::ltree ORDER BY md5(e.id::text) LIMIT 400`,
      [province.path],
    )
  ).rows as { id: string; full_name: string }[];
  const bytes = (await q.query(`SELECT avg(octet_length(record::text))::int AS b FROM employees`)).rows[0].b;
  await q.end();
  const officer = {
    id: 'bench-hr',
    kind: 'user',
    name: 'HR',
    grants: [{ role: 'hr_officer', unitId: province.id, unitPath: province.path }],
  };
  const app = await buildApp({
    db: d.db,
    clock: fixedClock(NOW),
    logger: false,
    authenticate: async () => ({ actor: officer, stage: 'active' }),
  });
  const get = async (u: string) => {
    const r = await app.inject({ method: 'GET', url: u });
    if (r.statusCode !== 200) throw new Error(`${u} → ${r.statusCode} ${r.body.slice(0, 200)}`);
  };
  const read = await measure('record read', local, (p) => get(`/api/v1/employees/${p.id}`), 20);
  const queries = local.map((p) => searchKey(p.full_name).split(' ').slice(-2).join(' '));
  const search = await measure(
    'search',
    queries,
    (s) => get(`/api/v1/employees?q=${encodeURIComponent(s)}&limit=50`),
    20,
  );
  await app.close();
  console.log(JSON.stringify({ seedMs, recordBytes: bytes, read, search }));
} finally {
  await d.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
process.exit(0);
