// One cell of an import file ↔ one field's value, by the field's type in the content schema. Coded
// fields (catalogs, enums, ranks, yes/no) are shown by name — the drop-down lists hold names — and read
// back as codes; a code typed by hand is accepted too. Dates are real date cells (dd/mm/yyyy, ISO text
// and Excel serial days are read as well). Every problem is a Vietnamese sentence for the row report.
import type { FieldSpec } from '../../../api/record/fields.ts';
import { reference } from '../catalogs/index.ts';

export type Cell = string | number | Date | null;
export type Value = string | number | boolean;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const shown = (v: Cell): string =>
  v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

function realDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d)
    return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** dd/mm/yyyy, d-m-yyyy, yyyy-mm-dd, an Excel date cell, or an Excel serial day number. */
export function parseDate(v: Cell): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 200_000) return undefined;
    return new Date(EXCEL_EPOCH + v * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return undefined;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{1,6}$/.test(v)) return parseDate(Number(v));
  return undefined;
}

export interface Choice {
  code: string;
  /** What the drop-down shows: the name, or "name (code)" where two entries share a name. */
  shown: string;
}

const YES_NO: Choice[] = [
  { code: 'true', shown: 'Có' },
  { code: 'false', shown: 'Không' },
];

function named(items: { code: string; name: string }[]): Choice[] {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  return items.map((i) => ({
    code: i.code,
    shown: count.get(i.name)! > 1 ? `${i.name} (${i.code})` : i.name,
  }));
}

const CHOICES = new Map<string, Choice[]>();
/** The catalog, enum or yes/no a field's cell chooses from; undefined for free fields. */
export function choicesOf(f: FieldSpec): Choice[] | undefined {
  const key =
    f.type === 'code' ? `code:${f.catalog}` : f.type === 'enum' ? `enum:${f.key}:${f.label}` : f.type;
  const cached = CHOICES.get(key);
  if (cached) return cached;
  const ref = reference();
  let list: Choice[] | undefined;
  if (f.type === 'boolean') list = YES_NO;
  else if (f.type === 'enum') list = (f.options ?? []).map((o) => ({ code: o.value, shown: o.label }));
  else if (f.type === 'code' && f.catalog)
    list = named([...ref.names[f.catalog]].map(([code, name]) => ({ code, name })));
  else if (f.type === 'rank')
    list = named([...ref.ranks.values()].map((r) => ({ code: r.code, name: r.name })));
  if (list) CHOICES.set(key, list);
  return list;
}

const fold = (s: string) => s.normalize('NFC').trim().toLowerCase();
const LOOKUPS = new Map<Choice[], Map<string, string>>();
function codeOf(list: Choice[], s: string): string | undefined {
  let m = LOOKUPS.get(list);
  if (!m) {
    m = new Map();
    for (const c of list) m.set(fold(c.code), c.code);
    // Names win over codes that look alike ("Không" is both the religion's name and a code elsewhere).
    for (const c of list) m.set(fold(c.shown), c.code);
    LOOKUPS.set(list, m);
  }
  return m.get(fold(s));
}

/** The cell a field's value is written as (the inverse of parseCell). */
export function cellOf(f: FieldSpec, v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (f.type === 'date' && typeof v === 'string') return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  const list = choicesOf(f);
  if (list) return list.find((c) => c.code === String(v))?.shown ?? String(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

const NUMERIC = /^-?\d+([.,]\d+)?$/;

/** A cell → the field's value, or the reason it is not one (undefined: blank). */
export function parseCell(f: FieldSpec, v: Cell): { value?: Value; problem?: string } {
  if (v === null) return f.required ? { problem: 'Thiếu giá trị bắt buộc' } : {};
  const s = shown(v).trim();
  switch (f.type) {
    case 'date': {
      const d = parseDate(v);
      return d ? { value: d } : { problem: 'Ngày không hợp lệ (cần dd/mm/yyyy)' };
    }
    case 'year':
    case 'integer':
    case 'money':
    case 'number': {
      const n = typeof v === 'number' ? v : NUMERIC.test(s) ? Number(s.replace(',', '.')) : NaN;
      if (Number.isNaN(n)) return { problem: 'Cần một số' };
      if (f.type !== 'number' && !Number.isInteger(n)) return { problem: 'Cần một số nguyên' };
      const min = f.min ?? (f.type === 'year' ? 1900 : undefined);
      if (min !== undefined && n < min) return { problem: `Không được nhỏ hơn ${min}` };
      if (f.max !== undefined && n > f.max) return { problem: `Không được lớn hơn ${f.max}` };
      return { value: n };
    }
    case 'unit':
      return { value: s };
    default:
      break;
  }
  const list = choicesOf(f);
  if (list) {
    // Excel drops the leading zeros of a code typed as a number: 1 stands for "01".
    const code = codeOf(list, s) ?? (typeof v === 'number' ? codeOf(list, pad(v)) : undefined);
    if (code === undefined) return { problem: `"${s}" không có trong danh sách chọn của cột` };
    return { value: f.type === 'boolean' ? code === 'true' : code };
  }
  // The ID number typed as a number loses its leading zero.
  const text = f.key === 'personId' && typeof v === 'number' ? pad(v, 12) : s;
  const max = f.maxLength ?? (f.type === 'longtext' ? 2000 : 300);
  if (text.length > max) return { problem: `Dài quá ${max} ký tự` };
  if (f.pattern && !new RegExp(f.pattern).test(text))
    return { problem: `Không đúng dạng${f.patternHint ? `: ${f.patternHint}` : ''}` };
  return { value: text };
}
