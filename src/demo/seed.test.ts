import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { reference } from '../modules/catalogs/index.ts';
import { checkActionContent, project, type LedgerEntry } from '../modules/employees/index.ts';
import { GROUPS } from '../../api/record/groups.ts';
import { findRowKind } from '../../api/record/spec.ts';
import type { ERecord } from '../../api/employees.ts';
import type { Category } from '../../api/actions.ts';
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

  it('writes only typed kinds of the record, each valid under the content rules as an API write would be', async () => {
    const rows = await d.db
      .selectFrom('personnel_actions')
      .select(['employee_id', 'type', 'effective_date', 'payload', 'recorded_at'])
      .orderBy('employee_id')
      .orderBy('seq')
      .execute();
    const recruits = new Map(
      rows
        .filter((r) => r.type === 'recruit')
        .map((r) => [r.employee_id, r.payload as Record<string, unknown>]),
    );
    const problems: string[] = [];
    const kinds = new Set<string>();
    for (const r of rows) {
      const recruit = recruits.get(r.employee_id)!;
      const identity = recruit.identity as { birthDate: string };
      const today = r.recorded_at.toISOString().slice(0, 10);
      if (r.type === 'declare') {
        const p = r.payload as { group: string; kind: string };
        const spec = findRowKind(p.kind);
        if (!spec?.declarable || spec.group !== p.group) problems.push(`untyped ${p.group}/${p.kind}`);
        kinds.add(p.kind);
      }
      try {
        // The day it was recorded is "today" for the rule that no date lies in the future.
        checkActionContent(r.type, r.payload as Record<string, unknown>, {
          today,
          birthDate: identity.birthDate,
          category: recruit.category as Category,
        });
      } catch (e) {
        problems.push(
          `${r.type} ${JSON.stringify(r.payload)}: ${JSON.stringify((e as { details?: unknown }).details)}`,
        );
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(rows.length).toBeGreaterThan(N * 25);
    for (const k of ['member', 'work_period', 'membership', 'health_status', 'language', 'general_education'])
      expect(kinds).toContain(k);
    const records = await d.db.selectFrom('employees').select('record').execute();
    const legacy = records.flatMap((e) =>
      GROUPS.flatMap((g) =>
        (e.record as ERecord).groups[g].filter((x) => x.kind.startsWith('legacy_') || x.data.notes),
      ),
    );
    expect(legacy).toEqual([]);
  });

  it('gives public employees professional titles (V.xx) and civil servants ranks, never the other way round', async () => {
    const records = (await d.db.selectFrom('employees').select('record').execute()).map(
      (e) => e.record as ERecord,
    );
    const seen = { public_employee: 0, civil_servant: 0 };
    for (const rec of records) {
      const ranks = rec.groups.employment.filter((x) => x.kind === 'rank_salary');
      for (const row of ranks) {
        const kind = reference().ranks.get(String(row.data.rankCode))?.kind;
        if (rec.category === 'public_employee') expect(kind, String(row.data.rankCode)).toBe('title');
        else expect(kind, `${rec.category} ${String(row.data.rankCode)}`).toBe('rank');
      }
      if (rec.category === 'public_employee' || rec.category === 'civil_servant') seen[rec.category]++;
    }
    expect(seen.public_employee).toBeGreaterThan(0);
    expect(seen.civil_servant).toBeGreaterThan(0);
  });

  it('fills every group of the record for the show person, and realistic shares across people', async () => {
    const records = (await d.db.selectFrom('employees').select('record').execute()).map(
      (e) => e.record as ERecord,
    );
    const full = records.filter((rec) => GROUPS.every((g) => rec.groups[g].length > 0));
    expect(full.length).toBeGreaterThan(0);
    const has = (rec: ERecord, kind: string, test: (d: Record<string, unknown>) => boolean = () => true) =>
      GROUPS.some((g) => rec.groups[g].some((x) => x.kind === kind && test(x.data)));
    const share = (f: (rec: ERecord) => boolean) => records.filter(f).length / records.length;
    expect(share((rec) => has(rec, 'membership', (x) => x.organisationKind === 'DANG'))).toBeGreaterThan(
      0.25,
    );
    expect(share((rec) => has(rec, 'membership', (x) => x.organisationKind === 'DANG'))).toBeLessThan(0.6);
    expect(share((rec) => rec.ethnicCode !== '01')).toBeGreaterThan(0.05);
    expect(share((rec) => rec.ethnicCode !== '01')).toBeLessThan(0.25);
    expect(
      share((rec) => has(rec, 'member', (x) => x.relationship === 'VO' || x.relationship === 'CHONG')),
    ).toBeGreaterThan(0.6);
    expect(share((rec) => has(rec, 'service'))).toBeGreaterThan(0.01);
    expect(share((rec) => has(rec, 'leadership'))).toBeGreaterThan(0.05);
    expect(share((rec) => has(rec, 'asset_income'))).toBeGreaterThan(0.05);
    for (const rec of records) {
      const idn = rec.identity;
      expect(idn.socialInsuranceNo).toMatch(/^\d{10}$/);
      expect(idn.birthPlaceProvince).toBeTruthy();
      expect(rec.groups.health.length + rec.groups.family.length).toBeGreaterThan(2);
      // An assessment for every full year served.
      const years = rec.groups.employment.filter((x) => x.kind === 'assessment').length;
      expect(years).toBeGreaterThanOrEqual(
        Math.min(4, Number(rec.recruitedOn.slice(0, 4)) > 2021 ? 4 : 5) - 1,
      );
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
