// The 63 → 34 province merger of 01/07/2025 (Resolution 202/2025/QH15), re-enacted by the restructuring
// operation itself on a pre-merger demo world: 63 provinces (data/catalogs/provinces.json, `mergedFrom`)
// with three departments each and their people. For each merged province, the departments of the other
// old provinces merge into the same department of the province whose code the new one keeps (renamed
// after the new province), then the old provinces merge into it — every person re-homed by a transfer
// action dated 01/07/2025 citing the decision. Counting either side of the date shows 63 vs 34.
// The default seed keeps its faster, pre-built merger; this runs in a database of its own.
import type { Ctx } from '../platform/context.ts';
import { inTransaction } from '../db/transaction.ts';
import { importCatalogs, reference } from '../modules/catalogs/index.ts';
import { createUnits, tree } from '../modules/org-units/index.ts';
import { createEmployee, getRecord } from '../modules/personnel-actions/index.ts';
import { restructure } from '../modules/restructuring/index.ts';
import { makePersonId } from '../platform/person-id.ts';
import { PROVINCIAL_DEPARTMENTS, personName, rng } from './names.ts';
import { hasOrgUnits, headcountByUnitOn } from './merger.repository.ts';
import { AppError } from '../platform/errors.ts';

export const MERGER_ON = '2025-07-01';
export const BEFORE_MERGER = '2025-06-30';
/** The demonstration acts on the day the merger took effect. */
export const MERGER_NOW = new Date('2025-07-01T03:00:00Z');
const DEPTS = PROVINCIAL_DEPARTMENTS.slice(0, 3);

export const RESOLUTION = {
  number: '202/2025/QH15',
  date: '2025-06-12',
  signerName: 'Trần Thanh Mẫn',
  signerTitle: 'Chủ tịch Quốc hội',
  issuingBody: 'Quốc hội',
};
const LEGAL_BASIS = 'Nghị quyết 202/2025/QH15 về việc sắp xếp đơn vị hành chính cấp tỉnh';

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const deptName = (d: { name: string }, provinceFullName: string) =>
  `${d.name.replace(/ tỉnh$/, '')} ${lower(provinceFullName)}`;

interface OldProvince {
  code: string;
  name: string;
  unitId: number;
  depts: Map<string, number>;
}

export interface ProvinceCount {
  id: number;
  name: string;
  people: number;
}

export interface MergerReport {
  before: ProvinceCount[];
  after: ProvinceCount[];
  groups: { name: string; from: ProvinceCount[]; people: number }[];
  operations: number;
  rehomed: number;
  sample: { name: string; before: string; after: string } | null;
  ms: { world: number; merger: number };
}

async function buildUnits(ctx: Ctx): Promise<{ nation: number; old: Map<string, OldProvince> }> {
  const olds = reference().provinces.flatMap((p) => p.mergedFrom);
  return inTransaction(ctx.db, async (trx) => {
    const [nation] = await createUnits(ctx, trx, [
      {
        code: 'VN',
        name: 'Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam',
        kind: 'national',
        validFrom: '1945-08-01',
      },
    ]);
    const provinces = await createUnits(
      ctx,
      trx,
      olds.map((o) => ({
        code: `T${o.code}`,
        name: o.name,
        kind: 'province' as const,
        parentId: nation!.id,
        provinceCode: o.code,
        validFrom: '1997-01-01',
      })),
    );
    const depts = await createUnits(
      ctx,
      trx,
      provinces.flatMap((p) =>
        DEPTS.map((d) => ({
          code: `${p.code}-${d.code}`,
          name: deptName(d, p.name),
          kind: 'provincial_department' as const,
          parentId: p.id,
          validFrom: '1997-01-01',
        })),
      ),
    );
    const old = new Map<string, OldProvince>();
    provinces.forEach((p, i) => {
      const mine = depts.slice(i * DEPTS.length, (i + 1) * DEPTS.length);
      old.set(p.provinceCode!, {
        code: p.provinceCode!,
        name: p.name,
        unitId: p.id,
        depts: new Map(DEPTS.map((d, k) => [d.code, mine[k]!.id])),
      });
    });
    return { nation: nation!.id, old };
  });
}

/** Recruits `perProvince` people into each old province's departments, spread over the years. */
async function recruit(
  ctx: Ctx,
  old: Map<string, OldProvince>,
  perProvince: number,
  seed: number,
): Promise<Map<number, string[]>> {
  const r = rng(seed);
  const byDept = new Map<number, string[]>();
  let serial = 0;
  for (const p of old.values()) {
    for (let i = 0; i < perProvince; i++) {
      const sex = r() < 0.5 ? 'M' : 'F';
      const birthDate = `${1965 + Math.floor(r() * 33)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
      const effectiveDate = `${2005 + Math.floor(r() * 20)}-0${1 + Math.floor(r() * 9)}-01`;
      const dept = p.depts.get(DEPTS[i % DEPTS.length]!.code)!;
      const on = effectiveDate < `${Number(birthDate.slice(0, 4)) + 22}` ? '2024-03-01' : effectiveDate;
      const created = await createEmployee(ctx, {
        effectiveDate: on,
        decision: {
          number: `${++serial}/QĐ-UBND`,
          date: on,
          signerName: 'Chủ tịch UBND',
          issuingBody: `UBND ${lower(p.name)}`,
        },
        payload: {
          identity: {
            personId: makePersonId(p.code, { birthDate, sex }, serial),
            fullName: personName(r, sex),
            birthDate,
            sex,
            ethnicCode: '01',
            religionCode: '00',
          },
          category: 'civil_servant',
          managingUnitId: dept,
          workingUnitId: dept,
          rankCode: '01.003',
          salaryStep: 1,
        },
      });
      byDept.set(dept, [...(byDept.get(dept) ?? []), created.id]);
    }
  }
  return byDept;
}

/** Huế became a centrally-run city on 01/01/2025, before the merger (Resolution 175/2024/QH15). */
const HUE = {
  on: '2025-01-01',
  decision: { ...RESOLUTION, number: '175/2024/QH15', date: '2024-11-30', signerName: 'Trần Thanh Mẫn' },
};

/** Unmerged provinces whose name changed meanwhile: renamed, with their departments. */
async function renameUnmerged(ctx: Ctx, old: Map<string, OldProvince>): Promise<number> {
  let operations = 0;
  for (const p of reference().provinces.filter((x) => !x.merged)) {
    const u = old.get(p.code)!;
    if (u.name === p.fullName) continue;
    const renames = [
      { unitId: u.unitId, name: p.fullName },
      ...DEPTS.map((d) => ({ unitId: u.depts.get(d.code)!, name: deptName(d, p.fullName) })),
    ];
    for (const r of renames) {
      await restructure(ctx, { kind: 'rename', effectiveDate: HUE.on, decision: HUE.decision, ...r });
      operations += 1;
    }
  }
  return operations;
}

/** The merger itself: per merged province, its departments first, then the provinces. */
async function merge(
  ctx: Ctx,
  old: Map<string, OldProvince>,
): Promise<{ operations: number; rehomed: number }> {
  let operations = await renameUnmerged(ctx, old);
  let rehomed = 0;
  for (const [i, p] of reference()
    .provinces.filter((x) => x.merged)
    .entries()) {
    const target = old.get(p.code)!;
    const others = p.mergedFrom.filter((o) => o.code !== p.code).map((o) => old.get(o.code)!);
    const provincial = {
      number: `${1000 + i}/QĐ-UBND`,
      date: '2025-06-30',
      signerName: 'Chủ tịch UBND',
      issuingBody: `UBND ${lower(p.fullName)}`,
    };
    const steps = [
      ...DEPTS.map((d) => ({
        decision: provincial,
        sourceIds: others.map((o) => o.depts.get(d.code)!),
        targetId: target.depts.get(d.code)!,
        name: deptName(d, p.fullName),
      })),
      {
        decision: RESOLUTION,
        sourceIds: others.map((o) => o.unitId),
        targetId: target.unitId,
        name: p.fullName,
      },
    ];
    for (const s of steps) {
      const done = await restructure(ctx, {
        kind: 'merge',
        effectiveDate: MERGER_ON,
        legalBasis: LEGAL_BASIS,
        ...s,
      });
      operations += 1;
      rehomed += done.result.rehomed;
    }
  }
  return { operations, rehomed };
}

/** Provinces open on the date with the people working in them then, by their names then. */
export async function provincesOn(ctx: Ctx, nation: number, on: string): Promise<ProvinceCount[]> {
  const nodes = await tree(ctx, nation, on, 2);
  const counts = await headcountByUnitOn(ctx.db, on);
  const rows = new Map<number, ProvinceCount>();
  for (const n of nodes)
    if (n.depth === 1) rows.set(n.id, { id: n.id, name: n.name, people: counts.get(n.id) ?? 0 });
  for (const n of nodes) {
    const row = n.depth === 2 && n.parentId !== null ? rows.get(n.parentId) : undefined;
    if (row) row.people += counts.get(n.id) ?? 0;
  }
  return [...rows.values()];
}

/** One person of a merged-away department, as their record reads either side of the date. */
async function sampleRecord(ctx: Ctx, old: Map<string, OldProvince>, byDept: Map<number, string[]>) {
  const p = reference().provinces.find((x) => x.merged)!;
  const from = old.get(p.mergedFrom.find((o) => o.code !== p.code)!.code)!;
  const id = byDept.get(from.depts.get(DEPTS[1]!.code)!)?.[0];
  if (!id) return null;
  const before = await getRecord(ctx, id, { asOf: BEFORE_MERGER });
  const after = await getRecord(ctx, id, { asOf: MERGER_ON });
  return {
    name: before.fullName,
    before: before.unitNames[String(before.workingUnitId)] ?? '',
    after: after.unitNames[String(after.workingUnitId)] ?? '',
  };
}

/** Builds the pre-merger world in an empty database, applies the merger, counts either side. */
export async function runMergerDemo(
  ctx: Ctx,
  opts: { perProvince: number; seed?: number },
): Promise<MergerReport> {
  if (await hasOrgUnits(ctx.db))
    throw new AppError(
      'INVALID_STATE',
      'Cần một cơ sở dữ liệu trống: bản trình diễn tự dựng cây tổ chức trước sáp nhập',
    );
  const t0 = Date.now();
  await importCatalogs(ctx);
  const { nation, old } = await buildUnits(ctx);
  const byDept = await recruit(ctx, old, opts.perProvince, opts.seed ?? 2025);
  const t1 = Date.now();
  const { operations, rehomed } = await merge(ctx, old);
  const t2 = Date.now();
  const before = await provincesOn(ctx, nation, BEFORE_MERGER);
  const after = await provincesOn(ctx, nation, MERGER_ON);
  const byId = new Map(before.map((b) => [b.id, b]));
  const groups = reference()
    .provinces.filter((p) => p.merged)
    .map((p) => {
      const from = p.mergedFrom.map((o) => byId.get(old.get(o.code)!.unitId)!);
      return {
        name: p.fullName,
        from,
        people: after.find((a) => a.id === old.get(p.code)!.unitId)?.people ?? 0,
      };
    });
  const sample = await sampleRecord(ctx, old, byDept);
  return { before, after, groups, operations, rehomed, sample, ms: { world: t1 - t0, merger: t2 - t1 } };
}
