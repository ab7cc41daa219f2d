// Seeds the demo world into an empty database in one transaction: catalogs, the organisation tree,
// N people with their ledgers (projected by the same fold the API uses), quotas and job positions.
import { sql } from 'kysely';
import type { Ctx } from '../platform/context.ts';
import { localDate } from '../platform/clock.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { audit } from '../modules/audit/index.ts';
import { importCatalogs, reference } from '../modules/catalogs/index.ts';
import { insertProjections, project, projectionRow, type LedgerEntry } from '../modules/employees/index.ts';
import { insertActionBatch, reserveActionIds } from '../modules/personnel-actions/index.ts';
import { addJobPosition } from '../modules/org-units/index.ts';
import { rng } from './names.ts';
import {
  addDemoStaffing,
  createDemoTree,
  DETAILED_MINISTRIES,
  DETAILED_PROVINCES,
  type DemoUnit,
} from './org-tree.ts';
import { PeopleFactory } from './people.ts';
import { randomUUID } from 'node:crypto';

export interface SeedResult {
  units: number;
  employees: number;
  actions: number;
  ms: number;
}

export async function isSeeded(ctx: Ctx): Promise<boolean> {
  const r = await ctx.db.selectFrom('meta').select('key').where('key', '=', 'demo').executeTakeFirst();
  return r !== undefined;
}

function orgWeights(units: DemoUnit[]): [string, number][] {
  const orgs = [...new Set(units.filter((u) => u.staffed).map((u) => u.org))];
  const major = new Set([...DETAILED_PROVINCES, ...DETAILED_MINISTRIES]);
  const minor = orgs.filter((o) => !major.has(o));
  return orgs.map((o) => [
    o,
    DETAILED_PROVINCES.includes(o) ? 25 : DETAILED_MINISTRIES.includes(o) ? 5 : 10 / minor.length,
  ]);
}

const BATCH = 500;

/** Writes `count` synthetic people; returns how many ledger rows were written. */
export async function seedPeople(
  ctx: Ctx,
  trx: Tx,
  units: DemoUnit[],
  count: number,
  seed: number,
  headcount: Map<number, number>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const factory = new PeopleFactory(rng(seed), units, localDate(ctx.now), orgWeights(units));
  let actions = 0;
  for (let done = 0; done < count; done += BATCH) {
    const people = Array.from({ length: Math.min(BATCH, count - done) }, () => factory.person());
    const ids = await reserveActionIds(
      trx,
      people.reduce((s, p) => s + p.actions.length, 0),
    );
    let k = 0;
    const projections = [];
    const rows: Parameters<typeof insertActionBatch>[1] = [];
    for (const p of people) {
      const employeeId = randomUUID();
      const sorted = [...p.actions].sort((a, b) =>
        a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
      );
      const entries: LedgerEntry[] = sorted.map((a, i) => {
        const recordedAt = new Date(
          Math.min(Date.parse(`${a.effectiveDate}T09:00:00+07:00`) + 2 * 86_400_000, ctx.now.getTime()),
        );
        const id = ids[k++]!;
        rows.push({
          id,
          employee_id: employeeId,
          seq: i + 1,
          type: a.type,
          effective_date: a.effectiveDate,
          decision_no: a.decision?.number ?? null,
          decision_date: a.decision?.date ?? null,
          signer_name: a.decision?.signerName ?? null,
          signer_title: a.decision?.signerTitle ?? null,
          issuing_body: a.decision?.issuingBody ?? null,
          legal_basis: null,
          payload: a.payload,
          target_action_id: null,
          note: null,
          recorded_at: recordedAt,
          recorded_by: 'system:demo',
          request_id: null,
        });
        return {
          id,
          seq: i + 1,
          type: a.type,
          effectiveDate: a.effectiveDate,
          decisionNo: a.decision?.number ?? null,
          payload: a.payload,
          recordedAt,
        };
      });
      const rec = project(employeeId, entries);
      if (rec.status === 'active' || rec.status === 'on_leave')
        headcount.set(rec.workingUnitId, (headcount.get(rec.workingUnitId) ?? 0) + 1);
      projections.push(projectionRow(rec, entries.length));
    }
    await insertProjections(trx, projections, ctx.now);
    for (let i = 0; i < rows.length; i += 2000) await insertActionBatch(trx, rows.slice(i, i + 2000));
    actions += rows.length;
    onProgress?.(done + people.length);
  }
  return actions;
}

async function addDemoJobPositions(
  ctx: Ctx,
  trx: Tx,
  units: DemoUnit[],
  headcount: Map<number, number>,
): Promise<void> {
  const today = localDate(ctx.now);
  for (const u of units) {
    if (
      !u.staffed ||
      u.validTo !== null ||
      u.kind !== 'provincial_department' ||
      !DETAILED_PROVINCES.includes(u.org)
    )
      continue;
    const n = headcount.get(u.id) ?? 0;
    const lead = {
      code: 'LD-GD',
      name: 'Giám đốc',
      kind: 'leadership' as const,
      plannedCount: 1,
      validFrom: today,
    };
    const prof = {
      code: 'CM-CV',
      name: 'Chuyên viên về quản lý chuyên ngành',
      kind: 'professional' as const,
      requiredRankCode: '01.003',
      plannedCount: Math.max(1, Math.round(n * 0.7)),
      validFrom: today,
    };
    const support = {
      code: 'HT-KT',
      name: 'Kế toán',
      kind: 'shared_professional' as const,
      requiredRankCode: '06.031',
      plannedCount: 2,
      validFrom: today,
    };
    for (const j of [lead, prof, support]) await addJobPosition(ctx, u.id, j, trx);
  }
}

export async function seedDemo(
  ctx: Ctx,
  opts: { employees: number; seed?: number; onProgress?: (done: number) => void },
): Promise<SeedResult | null> {
  if (await isSeeded(ctx)) return null;
  const started = Date.now();
  reference();
  await importCatalogs(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const units = await createDemoTree(ctx, trx, rng((opts.seed ?? 2025) + 1));
    const headcount = new Map<number, number>();
    const actions = await seedPeople(
      ctx,
      trx,
      units,
      opts.employees,
      opts.seed ?? 2025,
      headcount,
      opts.onProgress,
    );
    await addDemoStaffing(ctx, trx, units, headcount, Number(localDate(ctx.now).slice(0, 4)));
    await addDemoJobPositions(ctx, trx, units, headcount);
    const result = { units: units.length, employees: opts.employees, actions, ms: 0 };
    await trx
      .insertInto('meta')
      .values({ key: 'demo', value: JSON.stringify(result) })
      .execute();
    await audit(ctx, trx, { action: 'demo.seed', entity: 'system', details: { ...result } });
    await sql`ANALYZE`.execute(trx).catch(() => undefined);
    return { ...result, ms: Date.now() - started };
  });
}
