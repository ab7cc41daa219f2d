// The demo organisation: the nation, every ministry and the 34 provinces, with departments in every
// province, old (pre-2025) provinces and districts closed on 01/07/2025 with their successors, and a
// fuller sub-tree (communes, public service units, job positions, quotas) for a few provinces and ministries.
import type { Ctx } from '../platform/context.ts';
import type { Tx } from '../db/transaction.ts';
import type { OrgKind } from '../../api/org-units.ts';
import { reference } from '../modules/catalogs/index.ts';
import { addJobPosition, closeUnit, createUnits, setQuota } from '../modules/org-units/index.ts';
import {
  COMMUNE_NAMES,
  COMMUNE_PREFIXES,
  MINISTRY_DEPARTMENTS,
  PROVINCIAL_DEPARTMENTS,
  PUBLIC_SERVICE_UNITS,
  pickOne,
} from './names.ts';

export const MERGER_DATE = '2025-07-01';
export const DETAILED_PROVINCES = ['01', '08', '37'];
export const DETAILED_MINISTRIES = ['BNV', 'BTC', 'BYT'];

export interface DemoUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  /** The new province code or ministry code the unit belongs to (old provinces map to their successor). */
  org: string;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
  /** Whether people work here (leaf units with staff). */
  staffed: boolean;
}

interface Plan {
  code: string;
  name: string;
  kind: OrgKind;
  validFrom: string;
  provinceCode?: string;
  org: string;
  staffed: boolean;
  closeOn?: string;
  successorCode?: string;
  children?: Plan[];
}

const PROVINCE_FROM = '1991-10-01';
const OLD_FROM = '1997-01-01';

function departments(
  prefix: string,
  suffix: string,
  from: string,
  org: string,
  closeOn?: string,
  successorPrefix?: string,
): Plan[] {
  return PROVINCIAL_DEPARTMENTS.map((d) => ({
    code: `${prefix}-${d.code}`,
    name: `${d.name} ${suffix}`,
    kind: d.code === 'VP' || d.code === 'TTT' ? 'provincial_department' : 'provincial_department',
    validFrom: from,
    org,
    staffed: true,
    ...(closeOn ? { closeOn, successorCode: `${successorPrefix}-${d.code}` } : {}),
  }));
}

function plan(r: () => number): Plan[] {
  const ref = reference();
  const ministries: Plan[] = ref.catalogs.ministries.map((m) => ({
    code: m.code,
    name: m.name,
    kind: 'central_body',
    validFrom: '1990-01-01',
    org: m.code,
    staffed: !DETAILED_MINISTRIES.includes(m.code),
    children: DETAILED_MINISTRIES.includes(m.code)
      ? MINISTRY_DEPARTMENTS.map((d) => ({
          code: `${m.code}-${d.code}`,
          name: d.name,
          kind: d.kind,
          validFrom: '1995-01-01',
          org: m.code,
          staffed: true,
        }))
      : [],
  }));
  const provinces: Plan[] = [];
  for (const p of ref.provinces) {
    const code = `T${p.code}`;
    const detailed = DETAILED_PROVINCES.includes(p.code);
    const where = p.fullName.replace(/^(Tỉnh|Thành phố) /, '');
    const children: Plan[] = [...departments(code, where, p.merged ? MERGER_DATE : PROVINCE_FROM, p.code)];
    if (detailed) {
      children.push(
        ...PUBLIC_SERVICE_UNITS.slice(0, 6).map((n, i) => ({
          code: `${code}-DVSN${i + 1}`,
          name: `${n} ${where}`,
          kind: 'public_service_unit' as const,
          validFrom: p.merged ? MERGER_DATE : '1995-01-01',
          org: p.code,
          staffed: true,
        })),
        ...Array.from({ length: 12 }, (_, i) => ({
          code: `${code}-X${String(i + 1).padStart(3, '0')}`,
          name: `${pickOne(r, COMMUNE_PREFIXES)} ${COMMUNE_NAMES[(i * 7 + Number(p.code)) % COMMUNE_NAMES.length]}`,
          kind: 'commune' as const,
          validFrom: MERGER_DATE,
          org: p.code,
          staffed: true,
        })),
      );
    }
    provinces.push({
      code,
      name: p.fullName,
      kind: 'province',
      provinceCode: p.code,
      validFrom: p.merged ? MERGER_DATE : PROVINCE_FROM,
      org: p.code,
      staffed: false,
      children,
    });
    // Before 01/07/2025: the old provinces this one was merged from, each with its departments and,
    // for detailed provinces, its districts (abolished with the two-level local government).
    for (const old of p.merged ? p.mergedFrom : detailed ? [old0(p.code, p.fullName)] : []) {
      const oldCode = `T${old.code}-2004`;
      const oldWhere = old.name.replace(/^(Tỉnh|Thành phố) /, '');
      const oldChildren = p.merged ? departments(oldCode, oldWhere, OLD_FROM, p.code, MERGER_DATE, code) : [];
      if (detailed) {
        oldChildren.push(
          ...Array.from({ length: 4 }, (_, i) => ({
            code: `${oldCode}-H${i + 1}`,
            name: `Ủy ban nhân dân huyện ${COMMUNE_NAMES[(i * 11 + Number(old.code) * 3) % COMMUNE_NAMES.length]} (${oldWhere})`,
            kind: 'district' as const,
            validFrom: OLD_FROM,
            org: p.code,
            staffed: true,
            closeOn: MERGER_DATE,
            successorCode: `${code}-X${String(i * 3 + 1).padStart(3, '0')}`,
          })),
        );
        if (p.merged) {
          oldChildren.push(
            ...PUBLIC_SERVICE_UNITS.slice(0, 3).map((n, i) => ({
              code: `${oldCode}-DVSN${i + 1}`,
              name: `${n} ${oldWhere}`,
              kind: 'public_service_unit' as const,
              validFrom: OLD_FROM,
              org: p.code,
              staffed: true,
              closeOn: MERGER_DATE,
              successorCode: `${code}-DVSN${i + 1}`,
            })),
          );
        }
      }
      if (p.merged) {
        provinces.push({
          code: oldCode,
          name: old.name,
          kind: 'province',
          provinceCode: old.code,
          validFrom: OLD_FROM,
          org: p.code,
          staffed: false,
          closeOn: MERGER_DATE,
          successorCode: code,
          children: oldChildren,
        });
      } else {
        // An unmerged province keeps its unit; only its districts are closed.
        provinces[provinces.length - 1]!.children!.push(...oldChildren);
      }
    }
  }
  return [
    {
      code: 'VN',
      name: 'Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam',
      kind: 'national',
      validFrom: '1945-08-01',
      org: 'VN',
      staffed: false,
      children: [...ministries, ...provinces],
    },
  ];
}

const old0 = (code: string, name: string) => ({ code, name });

/** Creates the demo tree inside the seeding transaction and returns every unit with its id. */
export async function createDemoTree(ctx: Ctx, trx: Tx, r: () => number): Promise<DemoUnit[]> {
  const out: DemoUnit[] = [];
  const byCode = new Map<string, DemoUnit>();
  const closing: Plan[] = [];
  let level: { plan: Plan; parentId?: number }[] = plan(r).map((p) => ({ plan: p }));
  while (level.length) {
    const created = await createUnits(
      ctx,
      trx,
      level.map(({ plan: p, parentId }) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        validFrom: p.validFrom,
        ...(parentId ? { parentId } : {}),
        ...(p.provinceCode ? { provinceCode: p.provinceCode } : {}),
      })),
    );
    const next: typeof level = [];
    created.forEach((u, i) => {
      const p = level[i]!.plan;
      const d: DemoUnit = {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: p.kind,
        org: p.org,
        provinceCode: u.provinceCode,
        validFrom: u.validFrom,
        validTo: null,
        successorId: null,
        staffed: p.staffed,
      };
      out.push(d);
      byCode.set(u.code, d);
      if (p.closeOn) closing.push(p);
      for (const c of p.children ?? []) next.push({ plan: c, parentId: u.id });
    });
    level = next;
  }
  // Close the pre-2025 units, deepest first, each pointing at its successor.
  const decision = {
    number: '1656/QĐ-TTg',
    date: '2025-06-30',
    signerName: 'Thủ tướng Chính phủ',
    issuingBody: 'Chính phủ',
  };
  for (const p of closing.reverse()) {
    const u = byCode.get(p.code)!;
    const succ = p.successorCode ? byCode.get(p.successorCode) : undefined;
    await closeUnit(
      ctx,
      u.id,
      { validTo: p.closeOn!, ...(succ ? { successorId: succ.id } : {}), decision },
      trx,
    );
    u.validTo = p.closeOn!;
    u.successorId = succ?.id ?? null;
  }
  return out;
}

/** Quotas for 2024–2026 and a few job positions, for the staffed units of the detailed organisations. */
export async function addDemoStaffing(
  ctx: Ctx,
  trx: Tx,
  units: DemoUnit[],
  headcount: Map<number, number>,
  year: number,
): Promise<void> {
  for (const u of units) {
    if (!u.staffed || u.validTo !== null) continue;
    const n = headcount.get(u.id) ?? 0;
    if (n === 0) continue;
    for (const y of [year - 2, year - 1, year]) {
      const base = Math.max(1, Math.round(n * (0.95 + 0.02 * (y - year + 2))));
      await setQuota(
        ctx,
        u.id,
        y,
        {
          civilServants: u.kind === 'public_service_unit' ? 0 : base,
          publicEmployees: u.kind === 'public_service_unit' ? base : 0,
          contractWorkers: Math.round(base / 10),
          decisionNo: `${100 + y - 2000}/QĐ-BNV`,
          decisionDate: `${y - 1}-12-15`,
        },
        trx,
      );
    }
  }
}

export { addJobPosition };
