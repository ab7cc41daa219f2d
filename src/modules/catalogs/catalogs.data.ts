// The reference catalogs shipped in data/catalogs/, read once from disk. Business rules use these
// in-memory lookups; the database copy (catalog_entries) serves the API and SQL joins. A ministry/
// province node validates against the catalogs it took from the national node instead (`useCatalogs`):
// a code the national node added must be accepted on the node that owns the record.
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
  'professional-titles',
  'family-relationships',
  'organisation-kinds',
  'military-ranks',
  'awarded-titles',
  'war-invalid-grades',
  'policy-families',
  'blood-groups',
  'leadership-positions',
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
  /** A civil servant's rank (ngạch) or a public employee's professional title (chức danh nghề nghiệp). */
  kind: 'rank' | 'title';
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
  /** Civil-servant ranks and public employees' professional titles, by code (both carry a salary group). */
  ranks: Map<string, Rank>;
  /** Every catalog's codes, for validating coded fields. */
  codes: Record<CatalogName, ReadonlySet<string>>;
  /** Every catalog's names by code, for showing coded values to people. */
  names: Record<CatalogName, ReadonlyMap<string, string>>;
  scales: Map<string, SalaryScale>;
  ethnicCodes: ReadonlySet<string>;
  religionCodes: ReadonlySet<string>;
}

let shipped: Reference | undefined;
let taken: (Reference & { version: string }) | undefined;

function perCatalog<T>(make: (name: CatalogName) => T): Record<CatalogName, T> {
  const out: Partial<Record<CatalogName, T>> = {};
  for (const n of CATALOG_NAMES) out[n] = make(n);
  return out as Record<CatalogName, T>;
}

function build(catalogs: Record<CatalogName, CatalogItem[]>): Reference {
  const provinces = catalogs.provinces as Province[];
  const provinceCodes = new Set<string>();
  for (const p of provinces) {
    provinceCodes.add(p.code);
    for (const old of p.mergedFrom ?? []) provinceCodes.add(old.code);
  }
  // A birthplace or hometown before 01/07/2025 names one of the 63 old provinces: keep its old name.
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  for (const p of provinces)
    for (const old of p.mergedFrom ?? [])
      if (!provinceNames.has(old.code)) provinceNames.set(old.code, `${old.name} (trước 01/07/2025)`);
  const codes = perCatalog((n) => new Set(catalogs[n].map((e) => e.code)));
  const names = perCatalog((n) => new Map(catalogs[n].map((e) => [e.code, e.name])));
  return {
    catalogs,
    provinces,
    codes: { ...codes, provinces: provinceCodes },
    names: { ...names, provinces: provinceNames },
    provinceCodes,
    ranks: new Map([
      ...catalogs['civil-servant-ranks'].map((r): [string, Rank] => [
        r.code,
        { ...(r as Rank), kind: 'rank' },
      ]),
      ...catalogs['professional-titles'].map((r): [string, Rank] => [
        r.code,
        { ...(r as Rank), kind: 'title' },
      ]),
    ]),

    scales: new Map((catalogs['salary-scales'] as SalaryScale[]).map((s) => [s.code, s])),
    ethnicCodes: new Set(catalogs['ethnic-groups'].map((e) => e.code)),
    religionCodes: new Set(catalogs.religions.map((e) => e.code)),
  };
}

function shippedReference(): Reference {
  shipped ??= build(
    Object.fromEntries(CATALOG_NAMES.map((n) => [n, readCatalog(n)])) as Record<CatalogName, CatalogItem[]>,
  );
  return shipped;
}

/** The catalogs business rules check against: the node's taken ones if any, else the shipped ones. */
export function reference(): Reference {
  return taken ?? shippedReference();
}

/** The catalogs shipped with this version of the software (what `import-catalogs` stores). */
export const shippedCatalogs = (): Record<CatalogName, CatalogItem[]> => shippedReference().catalogs;

/**
 * Validate against these catalogs (a node's, from the national node, with their version) instead of
 * the shipped ones; undefined goes back to the shipped ones. An incomplete set is not taken.
 */
export function useCatalogs(
  snapshot: { version: string; catalogs: Partial<Record<CatalogName, CatalogItem[]>> } | undefined,
): boolean {
  if (!snapshot) {
    taken = undefined;
    return false;
  }
  const { catalogs, version } = snapshot;
  if (!CATALOG_NAMES.every((n) => (catalogs[n]?.length ?? 0) > 0)) return false;
  taken = { ...build(catalogs as Record<CatalogName, CatalogItem[]>), version };
  return true;
}

/** The version of the taken catalogs business rules use, if any (see `useCatalogs`). */
export const catalogsInUse = (): string | undefined => taken?.version;

/** The salary coefficient of a rank at a step, or undefined when the step is outside its scale. */
export function coefficientFor(rankCode: string, step: number): number | undefined {
  const ref = reference();
  const rank = ref.ranks.get(rankCode);
  const scale = rank ? ref.scales.get(rank.salaryGroup) : undefined;
  return scale?.steps.find((s) => s.step === step)?.coefficient;
}
