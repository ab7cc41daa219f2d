// One row of the file → the recruitment createEmployee would accept, or the reasons it would not.
// The checks are createEmployee's own (validateIdentity, decision metadata, minimum age, the payload
// schema, units open on the date and inside the operator's subtree, the rank's salary scale), done in
// memory so that 100,000 rows need no query each.
import { Value } from 'typebox/value';
import { Compile } from 'typebox/compile';
import { AppError } from '../../platform/errors.ts';
import { pathWithin } from '../access/index.ts';
import { coefficientFor, reference } from '../catalogs/index.ts';
import { validateIdentity } from '../employees/index.ts';
import { CreateEmployee } from '../../../api/personnel-actions.ts';
import { CATEGORY_VALUES, COLUMNS, type Column } from './columns.ts';
import type { Cell, SourceRow } from './read.ts';

export interface Issue {
  row: number;
  field: string;
  value: string;
  reason: string;
}
export interface UnitRef {
  id: number;
  code: string;
  path: string;
  validFrom: string;
  validTo: string | null;
}
export interface RowContext {
  today: string;
  /** Units by official code (a code may name several units over time). */
  units: Map<string, UnitRef[]>;
  /** Where the operator may create records (employee.write); undefined = everywhere. */
  writeRoots: string[] | undefined;
}
export interface ValidRow {
  row: number;
  input: CreateEmployee;
  managingPath: string;
}

// Compiled once: 100,000 valid rows are checked in well under a second; errors are listed only for the rest.
const createEmployeeSchema = Compile(CreateEmployee);
const MIN_AGE: Record<string, number> = { cadre: 18, civil_servant: 18, public_employee: 18, worker: 15 };
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

type Parsed = Record<string, string | number | undefined>;

function parseCell(col: Column, v: Cell, fail: (reason: string) => void): string | number | undefined {
  if (v === null) {
    if (col.required) fail('Thiếu giá trị bắt buộc');
    return undefined;
  }
  if (col.type === 'date') {
    const d = parseDate(v);
    if (!d) fail('Ngày không hợp lệ (cần dd/mm/yyyy)');
    return d;
  }
  if (col.type === 'integer') {
    const n = typeof v === 'number' ? v : /^\d+$/.test(shown(v)) ? Number(shown(v)) : NaN;
    if (!Number.isInteger(n)) fail('Cần một số nguyên');
    return Number.isInteger(n) ? n : undefined;
  }
  const s = shown(v);
  // Excel drops leading zeros of numeric cells: "01" typed as a number comes back as 1.
  if (typeof v === 'number' && col.catalog) return pad(v);
  if (col.key === 'personId' && typeof v === 'number') return pad(v, 12);
  if (col.key === 'sex') {
    const sex = { nam: 'M', m: 'M', nữ: 'F', nu: 'F', f: 'F' }[s.toLowerCase()];
    if (!sex) fail('Giới tính phải là Nam hoặc Nữ');
    return sex;
  }
  if (col.key === 'category' && !(CATEGORY_VALUES as readonly string[]).includes(s))
    fail(`Đối tượng phải là một trong: ${CATEGORY_VALUES.join(', ')}`);
  return s;
}

function unitOn(ctx: RowContext, code: string, on: string, fail: (reason: string) => void) {
  const all = ctx.units.get(code) ?? [];
  const open = all.find((u) => u.validFrom <= on && (u.validTo === null || u.validTo > on));
  // A unit outside the operator's subtree is, for them, a unit that does not exist (as in createEmployee).
  const visible = open && pathWithin(open.path, ctx.writeRoots) ? open : undefined;
  if (!visible) {
    const seen = all.some((u) => pathWithin(u.path, ctx.writeRoots));
    fail(
      seen
        ? `Đơn vị ${code} không hoạt động vào ngày ${on}`
        : `Đơn vị ${code} không tồn tại hoặc ngoài phạm vi quản lý của người nhập`,
    );
  }
  return visible;
}

const FIELD_OF_PATH: [RegExp, string][] = [
  [/^\/payload\/identity\/(\w+)/, '$1'],
  [/^\/payload\/managingUnitId/, 'managingUnitCode'],
  [/^\/payload\/workingUnitId/, 'workingUnitCode'],
  [/^\/payload\/(\w+)/, '$1'],
  [/^\/effectiveDate/, 'recruitDate'],
  [/^\/decision\/number/, 'decisionNo'],
  [/^\/decision\/date/, 'decisionDate'],
  [/^\/decision\/(\w+)/, '$1'],
  [/^\/(\w+)/, '$1'],
];
export function fieldOfPath(path: string): string {
  for (const [re, to] of FIELD_OF_PATH) if (re.test(path)) return path.replace(re, to).split('/')[0]!;
  return path;
}

function build(p: Parsed, managingUnitId: number, workingUnitId: number): CreateEmployee {
  const s = (k: string) => p[k] as string | undefined;
  const identity: Record<string, unknown> = {};
  for (const k of ['personId', 'fullName', 'otherNames', 'birthDate', 'sex', 'ethnicCode', 'religionCode']) {
    if (p[k] !== undefined) identity[k] = p[k];
  }
  for (const k of ['birthPlace', 'hometown', 'permanentAddress', 'currentAddress', 'phone', 'email']) {
    if (p[k] !== undefined) identity[k] = p[k];
  }
  const payload: Record<string, unknown> = {
    identity,
    category: s('category'),
    managingUnitId,
    workingUnitId,
  };
  for (const k of ['rankCode', 'salaryStep', 'positionTitle', 'form'])
    if (p[k] !== undefined) payload[k] = p[k];
  const decision: Record<string, unknown> = {
    number: s('decisionNo'),
    date: s('decisionDate'),
    signerName: s('signerName'),
    issuingBody: s('issuingBody'),
  };
  if (p.signerTitle !== undefined) decision.signerTitle = p.signerTitle;
  const input: Record<string, unknown> = { effectiveDate: s('recruitDate'), decision, payload };
  if (p.legalBasis !== undefined) input.legalBasis = p.legalBasis;
  return input as unknown as CreateEmployee;
}

/** The rules createEmployee applies after the schema; each broken one is an issue of the row. */
function businessRules(ctx: RowContext, input: CreateEmployee, add: (field: string, reason: string) => void) {
  const p = input.payload;
  try {
    validateIdentity(p.identity, ctx.today);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const d of err.details) add(fieldOfPath(d.field ?? ''), d.reason);
  }
  if (input.decision && input.decision.date > ctx.today)
    add('decisionDate', 'Ngày quyết định không được ở tương lai');
  if (input.effectiveDate < '1945-09-02') add('recruitDate', 'Ngày hiệu lực không hợp lệ');
  const minAge = MIN_AGE[p.category] ?? 18;
  const adult = `${Number(p.identity.birthDate.slice(0, 4)) + minAge}${p.identity.birthDate.slice(4)}`;
  if (input.effectiveDate < adult) add('recruitDate', `Người được tuyển dụng phải đủ ${minAge} tuổi`);
  if (p.rankCode !== undefined) {
    if (!reference().ranks.has(p.rankCode)) add('rankCode', `Mã ngạch ${p.rankCode} không có trong danh mục`);
    else if (coefficientFor(p.rankCode, p.salaryStep ?? 1) === undefined)
      add('salaryStep', `Bậc ${p.salaryStep ?? 1} vượt quá thang lương của ngạch ${p.rankCode}`);
  }
}

export function validateRow(ctx: RowContext, src: SourceRow): { ok: ValidRow } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (field: string, reason: string) =>
    issues.push({ row: src.row, field, value: shown(src.cells[field] ?? null), reason });
  const parsed: Parsed = {};
  for (const col of COLUMNS)
    parsed[col.key] = parseCell(col, src.cells[col.key] ?? null, (r) => add(col.key, r));
  if (issues.length) return { issues };
  const on = parsed.recruitDate as string;
  const managing = unitOn(ctx, parsed.managingUnitCode as string, on, (r) => add('managingUnitCode', r));
  const working = unitOn(ctx, parsed.workingUnitCode as string, on, (r) => add('workingUnitCode', r));
  const input = build(parsed, managing?.id ?? 1, working?.id ?? 1);
  if (!createEmployeeSchema.Check(input))
    for (const e of Value.Errors(CreateEmployee, input)) {
      const extra = e.params as { requiredProperties?: string[] } | undefined;
      add(fieldOfPath(`${e.instancePath}/${extra?.requiredProperties?.[0] ?? ''}`), e.message);
    }
  if (issues.length) return { issues };
  businessRules(ctx, input, add);
  if (issues.length || !managing) return { issues };
  return { ok: { row: src.row, input, managingPath: managing.path } };
}
