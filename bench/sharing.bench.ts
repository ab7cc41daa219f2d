// Data-sharing benchmark (BENCH_SHARING=1): what a client's call costs end to end through HTTP (inject)
// on an in-memory PGlite with the demo seeded (BENCH_SHARING_N people, default 2,000): token issuance
// (argon2id verification dominates), one record by ID number, and a search page of 50 — each call
// rate-checked, scoped in SQL, projected and audited (one hash-chained audit row per call).
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemCtx } from '../src/platform/context.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { buildApp } from '../src/http/app.ts';
import { createClient } from '../src/modules/sharing/index.ts';

const N = Number(process.env.BENCH_SHARING_N ?? 2000);
const CALLS = Number(process.env.BENCH_SHARING_CALLS ?? 300);
const NOW = new Date('2026-11-20T03:00:00Z');

const pct = (xs: number[], p: number) =>
  +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!.toFixed(2);

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export async function runSharingBench(): Promise<Record<string, unknown>> {
  const d = await connect({});
  try {
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, NOW, 'system:bench');
    await seedDemo(ctx, { employees: N });
    const root = await d.db
      .selectFrom('org_units')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const people = (await d.db.selectFrom('employees').select('person_id').limit(CALLS).execute()).map(
      (r) => r.person_id,
    );
    const { client, clientSecret } = await createClient(ctx, {
      name: 'Bench',
      ownerBody: 'Bench',
      contact: 'bench',
      authMethod: 'client_secret',
      scopes: ['employees.read', 'employees.search'],
      fields: ['fullName', 'birthDate', 'rankCode', 'groups.employment'],
      purposes: ['thong_ke'],
      orgUnitIds: [root.id],
      ratePerMinute: 6000,
    });
    const app = await buildApp({ db: d.db, clock: fixedClock(NOW), logger: false });
    const basic = `Basic ${Buffer.from(`${client.id}:${clientSecret}`).toString('base64')}`;
    let token = '';
    const tokenMs = await timed(20, async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        headers: { authorization: basic },
        payload: { grant_type: 'client_credentials' },
      });
      token = res.json().access_token;
    });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'thong_ke' };
    const readMs = await timed(people.length, async (i) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/share/employees/${people[i]}`, headers });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    const searchMs = await timed(50, async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/share/employees?limit=50', headers });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    await app.close();
    const result = {
      people: N,
      tokenMs: { p50: pct(tokenMs, 0.5), p95: pct(tokenMs, 0.95) },
      readByIdNumberMs: { calls: readMs.length, p50: pct(readMs, 0.5), p95: pct(readMs, 0.95) },
      searchPage50Ms: { p50: pct(searchMs, 0.5), p95: pct(searchMs, 0.95) },
    };
    console.log('sharing', result);
    return result;
  } finally {
    await d.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { installKeys, parseKeys } = await import('../src/platform/crypto.ts');
  const { randomBytes } = await import('node:crypto');
  installKeys(parseKeys(`b1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')));
  await runSharingBench();
  process.exit(0);
}
