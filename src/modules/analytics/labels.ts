// How the keys of a headcount table read to a person: names from the catalogs (ranks, professional
// titles, levels, ethnic groups, leadership posts), the record's own option labels and units' names —
// never a code or an id (issue 15 item 4). English beside Vietnamese where the catalogs carry it.
import { reference, type CatalogName } from '../catalogs/index.ts';
import type { Queryable } from '../../db/transaction.ts';
import { CATEGORY_OPTIONS, SEX_OPTIONS } from '../../../api/record/spec.ts';
import type { Dimension } from './headcount.repository.ts';
import { jobPositionNames, unitNames } from './headcount.repository.ts';

type Pair = readonly [vi: string, en: string];
export interface Labels {
  vi: Record<string, string>;
  en: Record<string, string>;
}

const AGE: Record<string, Pair> = {
  '0': ['Dưới 30', 'Under 30'],
  '1': ['30–39', '30–39'],
  '2': ['40–49', '40–49'],
  '3': ['50–59', '50–59'],
  '4': ['Từ 60', '60 and over'],
};
export const PARTY_LABELS: Record<string, Pair> = {
  member: ['Đảng viên chính thức', 'Full Party member'],
  probationary: ['Đảng viên dự bị', 'Probationary Party member'],
  none: ['Không phải đảng viên', 'Not a Party member'],
};
const MINORITY: Record<string, Pair> = {
  kinh: ['Dân tộc Kinh', 'Kinh'],
  minority: ['Dân tộc thiểu số', 'Ethnic minority'],
};
const NO_LEADERSHIP: Pair = ['Không giữ chức vụ lãnh đạo, quản lý', 'No leadership post'];
const STATUS: Record<string, Pair> = {
  active: ['Đang công tác', 'In service'],
  on_leave: ['Tạm nghỉ', 'On leave'],
  retired: ['Đã nghỉ hưu', 'Retired'],
  resigned: ['Đã thôi việc', 'Resigned'],
  terminated: ['Đã chấm dứt', 'Terminated'],
  deceased: ['Đã từ trần', 'Deceased'],
};
const options = (o: readonly { value: string; label: string; labelEn: string }[]) =>
  Object.fromEntries(o.map((x): [string, Pair] => [x.value, [x.label, x.labelEn]]));

/** Dimensions whose keys are codes of one catalog. */
const CATALOG_OF: Partial<Record<Dimension, CatalogName>> = {
  ethnicCode: 'ethnic-groups',
  religionCode: 'religions',
  educationLevel: 'education-levels',
  politicalTheory: 'political-theory-levels',
  stateManagement: 'state-management-levels',
  leadership: 'leadership-positions',
};

function fromCatalog(catalog: CatalogName, code: string): Pair | undefined {
  const e = reference().catalogs[catalog].find((x) => x.code === code);
  return e ? [e.name, e.nameEn ?? e.name] : undefined;
}

/** A civil-servant rank or a public employee's professional title (V.xx.xx.xx), by its name. */
function rankName(code: string): Pair | undefined {
  const r = reference().ranks.get(code);
  return r ? [r.name, r.nameEn ?? r.name] : undefined;
}

function provinceName(code: string): Pair | undefined {
  const name = reference().names.provinces.get(code);
  const p = reference().provinces.find((x) => x.code === code);
  return name ? [name, p?.nameEn ?? name] : undefined;
}

/** The label of one key of a dimension that needs no database lookup; undefined when it has none. */
export function keyLabel(d: Dimension, key: string): Pair | undefined {
  const catalog = CATALOG_OF[d];
  if (d === 'leadership' && key === 'none') return NO_LEADERSHIP;
  if (catalog) return fromCatalog(catalog, key);
  switch (d) {
    case 'category':
      return options(CATEGORY_OPTIONS)[key];
    case 'sex':
      return options(SEX_OPTIONS)[key];
    case 'ageBand':
      return AGE[key];
    case 'party':
      return PARTY_LABELS[key];
    case 'minority':
      return MINORITY[key];
    case 'status':
      return STATUS[key];
    case 'rankCode':
      return rankName(key);
    case 'province':
      return provinceName(key);
    case 'salaryGroup':
      return [`Loại ${key}`, `Group ${key}`];
    case 'title':
      return [key, key];
    default:
      return undefined;
  }
}

/** Labels for every key shown in a table of these dimensions (units and job positions by name). */
export async function labelsFor(
  db: Queryable,
  dims: readonly Dimension[],
  keysOf: (i: number) => string[],
  asOf: string,
): Promise<Labels> {
  const out: Labels = { vi: {}, en: {} };
  const put = (k: string, p: Pair) => {
    out.vi[k] = p[0];
    out.en[k] = p[1];
  };
  for (const [i, d] of dims.entries()) {
    const keys = [...new Set(keysOf(i))];
    if (d === 'unit')
      for (const [id, name] of await unitNames(db, keys.map(Number), asOf)) put(String(id), [name, name]);
    else if (d === 'jobPosition')
      for (const [id, name] of await jobPositionNames(db, keys.map(Number))) put(String(id), [name, name]);
    else
      for (const k of keys) {
        const p = keyLabel(d, k);
        // A code no longer in the catalog still reads as what it is, not as a bare code.
        put(k, p ?? [`${k} (không có trong danh mục)`, `${k} (not in catalog)`]);
      }
  }
  return out;
}
