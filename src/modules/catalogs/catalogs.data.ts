// The reference catalogs shipped in data/catalogs/, read once from disk. Business rules use these
// in-memory lookups; the database copy (catalog_entries) serves the API and SQL joins.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CATALOG_NAMES = [
  'provinces',
  'ethnic-groups',
  'religions',
  'civil-servant-ranks',
  'salary-scales',
  'education-levels',
  'political-theory-levels',
  'state-management-levels',
  'ministries',
] as const;
export type CatalogName = (typeof CATALOG_NAMES)[number];

export type CatalogItem = Record<string, unknown> & { code: string; name: string; nameEn?: string };

export interface Province extends CatalogItem {
  fullName: string;
  type: string;
  merged: boolean;
  mergedFrom: { code: string; name: string }[];
}
export interface Rank extends CatalogItem {
  salaryGroup: string;
}
export interface SalaryScale extends CatalogItem {
  steps: { step: number; coefficient: number }[];
  stepCount: number;
  yearsBetweenSteps: number;
}

const DIR = fileURLToPath(new URL('../../../data/catalogs/', import.meta.url));

function readCatalog(name: CatalogName): CatalogItem[] {
  const raw = JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as Record<string, unknown>[];
  // salary-scales are keyed by their group ("A1"); every other catalog by "code".
  return raw.map((r) => ({ ...r, code: String(r.code ?? r.group), name: String(r.name) }));
}

export interface Reference {
  catalogs: Record<CatalogName, CatalogItem[]>;
  provinces: Province[];
  /** Every province code that may appear in a personal ID number: current and pre-2025. */
  provinceCodes: ReadonlySet<string>;
  ranks: Map<string, Rank>;
  scales: Map<string, SalaryScale>;
  ethnicCodes: ReadonlySet<string>;
  religionCodes: ReadonlySet<string>;
}

let cached: Reference | undefined;

export function reference(): Reference {
  if (cached) return cached;
  const catalogs = Object.fromEntries(CATALOG_NAMES.map((n) => [n, readCatalog(n)])) as Record<
    CatalogName,
    CatalogItem[]
  >;
  const provinces = catalogs.provinces as Province[];
  const provinceCodes = new Set<string>();
  for (const p of provinces) {
    provinceCodes.add(p.code);
    for (const old of p.mergedFrom) provinceCodes.add(old.code);
  }
  cached = {
    catalogs,
    provinces,
    provinceCodes,
    ranks: new Map((catalogs['civil-servant-ranks'] as Rank[]).map((r) => [r.code, r])),
    scales: new Map((catalogs['salary-scales'] as SalaryScale[]).map((s) => [s.code, s])),
    ethnicCodes: new Set(catalogs['ethnic-groups'].map((e) => e.code)),
    religionCodes: new Set(catalogs.religions.map((e) => e.code)),
  };
  return cached;
}

/** The salary coefficient of a rank at a step, or undefined when the step is outside its scale. */
export function coefficientFor(rankCode: string, step: number): number | undefined {
  const ref = reference();
  const rank = ref.ranks.get(rankCode);
  const scale = rank ? ref.scales.get(rank.salaryGroup) : undefined;
  return scale?.steps.find((s) => s.step === step)?.coefficient;
}
