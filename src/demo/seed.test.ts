import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { reference } from '../modules/catalogs/index.ts';
import { project, type LedgerEntry } from '../modules/employees/index.ts';
import { checkPersonId } from '../platform/person-id.ts';
import { isSeeded, seedDemo } from './seed.ts';

const N = 400;

describe.each(ENGINES)('demo data on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const result = await seedDemo(testCtx(d, TEST_NOW), { employees: N });
    expect(result).toMatchObject({ employees: N });
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('has the 34 provinces now and the 63 old ones before 01/07/2025', async () => {
    const now = await app.inject({ method: 'GET', url: '/api/v1/org-units/1/tree?maxDepth=1' });
    const before = await app.inject({
      method: 'GET',
      url: '/api/v1/org-units/1/tree?maxDepth=1&asOf=2025-06-30',
    });
    const provinces = (r: typeof now) =>
      (r.json() as { kind: string }[]).filter((u) => u.kind === 'province');
    expect(provinces(now)).toHaveLength(34);
    expect(provinces(before)).toHaveLength(63);
    const central = (now.json() as { kind: string }[]).filter((u) => u.kind === 'central_body');
    expect(central.length).toBe(reference().catalogs.ministries.length);
  });

  it('seeds N people with valid ID numbers, 5–15 years of history, and projections equal to their ledgers', async () => {
    const people = await d.db
      .selectFrom('employees')
      .select(['id', 'person_id', 'birth_date', 'sex', 'record'])
      .execute();
    expect(people).toHaveLength(N);
    for (const p of people) {
      expect(
        checkPersonId(p.person_id, { birthDate: p.birth_date, sex: p.sex }, reference().provinceCodes),
      ).toEqual([]);
    }
    const recruits = await sql<{ first: string }>`
      SELECT min(effective_date)::text AS first FROM personnel_actions GROUP BY employee_id`.execute(d.db);
    for (const r of recruits.rows) {
      expect(r.first >= '2011-11-20' && r.first <= '2021-11-20').toBe(true);
    }
    for (const p of people.slice(0, 40)) {
      const rows = await d.db
        .selectFrom('personnel_actions')
        .selectAll()
        .where('employee_id', '=', p.id)
        .orderBy('seq')
        .execute();
      const entries: LedgerEntry[] = rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        type: r.type as LedgerEntry['type'],
        effectiveDate: r.effective_date,
        decisionNo: r.decision_no,
        payload: r.payload,
        recordedAt: r.recorded_at,
      }));
      expect(project(p.id, entries)).toEqual(p.record);
      expect(rows.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('shows people of a merged province in their old unit as of 2025-06-30', async () => {
    const moved = await sql<{ employee_id: string }>`
      SELECT employee_id FROM personnel_actions
      WHERE type = 'transfer' AND effective_date = '2025-07-01' AND decision_date = '2025-06-30' LIMIT 1`.execute(
      d.db,
    );
    const id = moved.rows[0]!.employee_id;
    const now = (await app.inject({ method: 'GET', url: `/api/v1/employees/${id}` })).json();
    const before = (
      await app.inject({ method: 'GET', url: `/api/v1/employees/${id}?asOf=2025-06-30` })
    ).json();
    expect(before.workingUnitId).not.toBe(now.workingUnitId);
    const oldUnit = (
      await app.inject({ method: 'GET', url: `/api/v1/org-units/${before.workingUnitId}` })
    ).json();
    expect(oldUnit.validTo).toBe('2025-07-01');
    expect(oldUnit.successorId).toBe(now.workingUnitId);
  });

  it('has quotas and job positions for the detailed provinces', async () => {
    const q = await sql<{ n: number }>`SELECT count(*)::int AS n FROM staffing_quotas`.execute(d.db);
    const j = await sql<{ n: number }>`SELECT count(*)::int AS n FROM job_positions`.execute(d.db);
    expect(q.rows[0]!.n).toBeGreaterThan(0);
    expect(j.rows[0]!.n).toBeGreaterThan(0);
  });

  it('reuses the data on a second start', async () => {
    expect(await isSeeded(testCtx(d))).toBe(true);
    expect(await seedDemo(testCtx(d), { employees: N })).toBeNull();
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM employees`.execute(d.db);
    expect(n.rows[0]!.n).toBe(N);
  });
});
