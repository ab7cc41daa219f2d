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
import { BenchPeople } from './analytics.people.ts';
import {
  SPAN_COLUMNS,
  MOVEMENT_COLUMNS,
  spanValues,
  movementValues,
} from '../src/modules/analytics/refresh.repository.ts';

const TABLES = [
  'employees',
  'personnel_actions',
  'analytics_spans',
  'analytics_movements',
  'analytics_refreshed',
];
const EMPLOYEE_COLUMNS = [
  'id',
  'person_id',
  'full_name',
  'search_name',
  'sort_key',
  'birth_date',
  'sex',
  'ethnic_code',
  'religion_code',
  'category',
  'status',
  'managing_unit_id',
  'working_unit_id',
  'rank_code',
  'salary_group',
  'salary_step',
  'salary_coefficient',
  'position_title',
  'job_position_id',
  'record',
  'action_count',
  'created_at',
  'updated_at',
] as const;
const ACTION_COLUMNS =
  'id, employee_id, seq, type, effective_date, decision_no, payload, recorded_at, recorded_by';

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function line(values: unknown[]): string {
  return `${values
    .map((v) => {
      if (v === null || v === undefined) return '\\N';
      const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    })
    .join('\t')}\n`;
}

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
  copier.open('employees', EMPLOYEE_COLUMNS.join(', '), 0);
  copier.open('personnel_actions', ACTION_COLUMNS, 1);
  copier.open('analytics_spans', SPAN_COLUMNS, 2);
  copier.open('analytics_movements', MOVEMENT_COLUMNS, 3);
  copier.open('analytics_refreshed', 'employee_id, projection_updated_at, action_count', 4);
  const gen = new BenchPeople(world);
  const counts = { actions: 0, spans: 0, movements: 0 };
  let latest = new Date(0);
  const buf: Record<string, string[]> = Object.fromEntries(TABLES.map((t) => [t, []]));
  const flush = async () => {
    for (const t of TABLES) {
      if (buf[t]!.length) await copier.write(t, buf[t]!.join(''));
      buf[t] = [];
    }
  };
  for (let i = 0; i < n; i++) {
    const p = gen.person(i);
    const e = p.employee;
    buf.employees!.push(
      line([...EMPLOYEE_COLUMNS.slice(0, -2).map((k) => e[k as keyof typeof e]), p.updatedAt, p.updatedAt]),
    );
    for (const a of p.entries)
      buf.personnel_actions!.push(
        line([
          a.id,
          p.id,
          a.seq,
          a.type,
          a.effectiveDate,
          a.decisionNo,
          a.payload,
          a.recordedAt,
          'system:bench',
        ]),
      );
    for (const s of p.spans) buf.analytics_spans!.push(line(spanValues(p.id, s)));
    for (const m of p.movements) buf.analytics_movements!.push(line(movementValues(p.id, m)));
    buf.analytics_refreshed!.push(line([p.id, p.updatedAt, p.entries.length]));
    counts.actions += p.entries.length;
    counts.spans += p.spans.length;
    counts.movements += p.movements.length;
    if (p.updatedAt > latest) latest = p.updatedAt;
    if ((i + 1) % 500 === 0) await flush();
    if ((i + 1) % 100_000 === 0) onProgress(i + 1);
  }
  await flush();
  await copier.close();
  const generateAndCopyMs = Date.now() - t0;
  const t1 = Date.now();
  await main.query(`SELECT setval(pg_get_serial_sequence('personnel_actions', 'id'), $1)`, [counts.actions]);
  await main.query(`INSERT INTO analytics_watermark (id, updated_through) VALUES (true, $1)`, [latest]);
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
