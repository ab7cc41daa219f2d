// How a row of the record reads to a person: each field's Vietnamese label and its value as a name,
// never a key, a bare code or an id. The extract, the XLSX export and the portal all read rows this way.
import type { FieldSpec, RowKindSpec } from './fields.ts';
import { findRowKind, NOTES_FIELD } from './spec.ts';

export interface Lookups {
  /** The name of a catalog code (ranks and professional titles under 'civil-servant-ranks'). */
  catalogName(catalog: string, code: string): string | undefined;
  /** The name of an org unit (as it was on the row's date, where the caller knows it). */
  unitName(id: number): string | undefined;
  /** 'vi' (default) or 'en' for the labels. */
  lang?: 'vi' | 'en';
}

export function vnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const groupDigits = (n: number): string => {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
};

/** One field's value as a person reads it; '' when there is none. */
export function displayValue(f: FieldSpec, v: unknown, look: Lookups): string {
  if (v === null || v === undefined || v === '') return '';
  const en = look.lang === 'en';
  switch (f.type) {
    case 'date':
      return typeof v === 'string' ? vnDate(v) : String(v);
    case 'boolean':
      return v === true ? (en ? 'Yes' : 'Có') : en ? 'No' : 'Không';
    case 'enum': {
      const o = f.options?.find((x) => x.value === v);
      return o ? (en ? o.labelEn : o.label) : String(v);
    }
    case 'code': {
      const name = look.catalogName(f.catalog ?? '', String(v));
      return name ?? `${String(v)} (${en ? 'not in catalog' : 'không có trong danh mục'})`;
    }
    case 'rank': {
      const name =
        look.catalogName('civil-servant-ranks', String(v)) ??
        look.catalogName('professional-titles', String(v));
      return name ? `${name} (mã ${String(v)})` : String(v);
    }
    case 'unit': {
      const name = typeof v === 'number' ? look.unitName(v) : undefined;
      return name ?? (en ? 'Unit no longer in the tree' : 'Đơn vị không còn trong cây tổ chức');
    }
    case 'money':
      return typeof v === 'number' ? `${groupDigits(v)} đồng` : String(v);
    case 'number':
    case 'integer':
      return typeof v === 'number' ? groupDigits(v) : String(v);
    case 'photo':
      return en ? 'Photo attached' : 'Có ảnh';
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export interface DisplayedField {
  key: string;
  label: string;
  value: string;
}

/** The fields of a row that have a value, labelled, in the spec's order, notes last. */
export function displayRow(kind: string, data: Record<string, unknown>, look: Lookups): DisplayedField[] {
  const spec: RowKindSpec | undefined = findRowKind(kind);
  const fields = [...(spec?.fields ?? []), NOTES_FIELD];
  const en = look.lang === 'en';
  const out: DisplayedField[] = [];
  for (const f of fields) {
    if (f.hidden || f.type === 'photo') continue;
    const by = f.catalogBy && f.catalogBy.catalogs[String(data[f.catalogBy.field])];
    const named =
      by && typeof data[f.key] === 'string' ? look.catalogName(by, data[f.key] as string) : undefined;
    const value = named ?? displayValue(f, data[f.key], look);
    if (value)
      out.push({ key: f.key, label: en ? f.labelEn : f.label, value: f.upper ? value.toUpperCase() : value });
  }
  return out;
}

/** The kind's label ("Thành viên gia đình"), or a neutral one for a kind this version does not know. */
export function kindLabel(kind: string, lang: 'vi' | 'en' = 'vi'): string {
  const spec = findRowKind(kind);
  if (spec) return lang === 'en' ? spec.labelEn : spec.label;
  return lang === 'en' ? 'Other information' : 'Thông tin khác';
}
