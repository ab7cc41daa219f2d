// The 63 → 34 demonstration, re-run from scratch on each engine: the restructuring operations turn the
// 63 pre-merger provinces into 34 on 01/07/2025, nobody is lost, and records read either side of the date
// name the unit of that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase } from '../../test/helpers/db.ts';
import type { Database } from '../db/connect.ts';
import { systemCtx } from '../platform/context.ts';
import { reference } from '../modules/catalogs/index.ts';
import { BEFORE_MERGER, MERGER_NOW, MERGER_ON, runMergerDemo, type MergerReport } from './merger.ts';

describe.each(ENGINES)('the 63 → 34 merger demonstration on %s', (engine) => {
  let d: Database;
  let report: MergerReport;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    report = await runMergerDemo(systemCtx(d.db, MERGER_NOW, 'system:demo'), { perProvince: 2 });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('shows 63 provinces before the date and 34 after, with everyone accounted for', () => {
    const people = (xs: { people: number }[]) => xs.reduce((s, x) => s + x.people, 0);
    expect(report.before).toHaveLength(63);
    expect(report.after).toHaveLength(34);
    expect(people(report.before)).toBe(126);
    expect(people(report.after)).toBe(126);
    expect(report.after.map((a) => a.name).sort()).toEqual(
      reference()
        .provinces.map((p) => p.fullName)
        .sort(),
    );
    for (const g of report.groups) expect(g.people).toBe(people(g.from));
    // 23 merged provinces: three department merges and one province merge each; Huế's four renames.
    expect(report.operations).toBe(23 * 4 + 4);
    expect(report.rehomed).toBe(2 * (63 - 34));
  });

  it('reads a moved person’s record with the unit names of each date', () => {
    expect(report.sample).toEqual({
      name: expect.any(String),
      before: 'Sở Nội vụ tỉnh Hà Giang',
      after: 'Sở Nội vụ tỉnh Tuyên Quang',
    });
  });

  it('left the old provinces closed with their successor, and one record per operation', async () => {
    const closed = await d.db
      .selectFrom('org_units')
      .select(['valid_to', 'successor_id'])
      .where('kind', '=', 'province')
      .where('valid_to', 'is not', null)
      .execute();
    expect(closed).toHaveLength(63 - 34);
    expect(closed.every((u) => u.valid_to === MERGER_ON && u.successor_id !== null)).toBe(true);
    const ops = await d.db.selectFrom('org_restructurings').select('effective_date').execute();
    expect(ops).toHaveLength(96);
    expect(BEFORE_MERGER < MERGER_ON).toBe(true);
  });
});
