// The bench's organisation tree, written straight into org_units: the nation, 63 old provinces
// (closed 2025-07-01, each with departments) merged into 34 new ones (departments and communes), and
// the ministries with departments. Quotas for 2025–2026 for every open staffed unit.
import { reference } from '../src/modules/catalogs/index.ts';

export interface BenchUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  path: string;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
}

export interface BenchWorld {
  units: BenchUnit[];
  /** Staffed units open today, with the share of people they get. */
  provinceUnits: { unit: BenchUnit; oldUnits: BenchUnit[]; isCommune: boolean }[];
  ministryUnits: BenchUnit[];
  ministryRoots: BenchUnit[];
}

export const MERGER = '2025-07-01';
const DEPARTMENTS = 15;
const COMMUNES = 90;

export function buildWorld(): BenchWorld {
  const units: BenchUnit[] = [];
  const add = (u: Omit<BenchUnit, 'id' | 'path'>, parent: BenchUnit | null): BenchUnit => {
    const id = units.length + 1;
    const unit = { ...u, id, path: parent ? `${parent.path}.u${id}` : `u${id}` };
    units.push(unit);
    return unit;
  };
  const nation = add(
    {
      code: 'VN',
      name: 'Việt Nam',
      kind: 'national',
      parentId: null,
      provinceCode: null,
      validFrom: '1945-08-01',
      validTo: null,
      successorId: null,
    },
    null,
  );
  const base = { validTo: null, successorId: null };
  const provinceUnits: BenchWorld['provinceUnits'] = [];
  for (const p of reference().provinces) {
    const np = add(
      {
        ...base,
        code: `T${p.code}`,
        name: p.fullName as string,
        kind: 'province',
        parentId: nation.id,
        provinceCode: p.code,
        validFrom: MERGER,
      },
      nation,
    );
    const olds = p.mergedFrom.map((o) =>
      add(
        {
          code: `OLD${o.code}`,
          name: o.name,
          kind: 'province',
          parentId: nation.id,
          provinceCode: o.code,
          validFrom: '1991-01-01',
          validTo: MERGER,
          successorId: np.id,
        },
        nation,
      ),
    );
    const oldDepts = olds.map((op) =>
      Array.from({ length: DEPARTMENTS }, (_, k) =>
        add(
          {
            code: `OLD${op.provinceCode}-S${k}`,
            name: `Sở ${k + 1} ${op.name}`,
            kind: 'provincial_department',
            parentId: op.id,
            provinceCode: op.provinceCode,
            validFrom: '1991-01-01',
            validTo: MERGER,
            successorId: null,
          },
          op,
        ),
      ),
    );
    for (let k = 0; k < DEPARTMENTS; k++) {
      const u = add(
        {
          ...base,
          code: `T${p.code}-S${k}`,
          name: `Sở ${k + 1} ${p.name}`,
          kind: 'provincial_department',
          parentId: np.id,
          provinceCode: p.code,
          validFrom: MERGER,
        },
        np,
      );
      provinceUnits.push({ unit: u, oldUnits: oldDepts.map((d) => d[k]!), isCommune: false });
    }
    for (let k = 0; k < COMMUNES; k++) {
      const u = add(
        {
          ...base,
          code: `T${p.code}-X${k}`,
          name: `Xã ${k + 1} ${p.name}`,
          kind: 'commune',
          parentId: np.id,
          provinceCode: p.code,
          validFrom: MERGER,
        },
        np,
      );
      provinceUnits.push({ unit: u, oldUnits: oldDepts.map((d) => d[k % DEPARTMENTS]!), isCommune: true });
    }
  }
  const ministryUnits: BenchUnit[] = [];
  const ministryRoots: BenchUnit[] = [];
  for (const m of reference().catalogs.ministries) {
    const mu = add(
      {
        ...base,
        code: m.code,
        name: m.name,
        kind: 'central_body',
        parentId: nation.id,
        provinceCode: null,
        validFrom: '1990-01-01',
      },
      nation,
    );
    ministryRoots.push(mu);
    for (let k = 0; k < DEPARTMENTS + 5; k++) {
      ministryUnits.push(
        add(
          {
            ...base,
            code: `${m.code}-V${k}`,
            name: `Vụ ${k + 1} ${m.name}`,
            kind: 'central_department',
            parentId: mu.id,
            provinceCode: null,
            validFrom: '1990-01-01',
          },
          mu,
        ),
      );
    }
  }
  return { units, provinceUnits, ministryUnits, ministryRoots };
}
