// One row of the person sheet → the recruitment createEmployee would accept, or the reasons it would
// not. The checks are createEmployee's own (validateIdentity, decision metadata, minimum age, the payload
// schema, the content rules of the identity and of the rank against the category, units open on the
// date and inside the operator's subtree, the rank's salary scale), done in memory so that 100,000 rows
// need no query each.
import { Value } from 'typebox/value';
import { Compile } from 'typebox/compile';
import { AppError } from '../../platform/errors.ts';
import { pathWithin } from '../access/index.ts';
import { coefficientFor, reference } from '../catalogs/index.ts';
import { checkActionContent, validateIdentity } from '../employees/index.ts';
import { CreateEmployee } from '../../../api/personnel-actions.ts';
import { COLUMNS, PERSON_SHEET, RECRUITMENT_KEYS, labelOf, type Sheet } from './columns.ts';
import { parseCell, shown, type Value as CellValue } from './cells.ts';
import type { SourceRow } from './read.ts';

/** A problem of one cell: the sheet, the row, the column's header and the reason, in Vietnamese. */
export interface Issue {
  sheet: string;
  row: number;
  /** The column's field key: stable, for programs; people read `column`. */
  field: string;
  column: string;
  value: string;
  reason: string;
}

export function issueAt(sheet: Sheet, row: number, field: string, value: string, reason: string): Issue {
  return { sheet: sheet.name, row, field, column: labelOf(sheet, field), value, reason };
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
export { parseDate, shown } from './cells.ts';

type Parsed = Record<string, CellValue | undefined>;

export function unitOn(ctx: RowContext, code: string, on: string, fail: (reason: string) => void) {
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

const IDENTITY_KEYS = COLUMNS.filter((c) => !RECRUITMENT_KEYS.has(c.key)).map((c) => c.key);

function build(p: Parsed, managingUnitId: number, workingUnitId: number): CreateEmployee {
  const s = (k: string) => p[k] as string | undefined;
  const identity: Record<string, unknown> = {};
  for (const k of IDENTITY_KEYS) if (p[k] !== undefined) identity[k] = p[k];
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
  // The content rules a recruitment obeys (catalog codes of the identity, dates not in the future, a
  // rank that fits the category), as createEmployee applies them.
  try {
    checkActionContent('recruit', p as unknown as Record<string, unknown>, { today: ctx.today });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const d of err.details) add(fieldOfPath(d.field ?? ''), d.reason);
  }
}

/** TypeBox's (English) schema messages as the row report says them. */
function reasonOf(e: { keyword: string; message: string; params?: unknown }): string {
  const p = (e.params ?? {}) as { limit?: number; pattern?: string };
  switch (e.keyword) {
    case 'required':
      return 'Thiếu giá trị bắt buộc';
    case 'minLength':
      return `Cần ít nhất ${p.limit ?? 1} ký tự`;
    case 'maxLength':
      return `Dài quá ${p.limit ?? ''} ký tự`;
    case 'pattern':
      return 'Không đúng dạng';
    case 'minimum':
      return `Không được nhỏ hơn ${p.limit ?? ''}`;
    case 'maximum':
      return `Không được lớn hơn ${p.limit ?? ''}`;
    default:
      return 'Giá trị không hợp lệ';
  }
}

export function validateRow(ctx: RowContext, src: SourceRow): { ok: ValidRow } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (field: string, reason: string) =>
    issues.push(issueAt(PERSON_SHEET, src.row, field, shown(src.cells[field] ?? null), reason));
  const parsed: Parsed = {};
  for (const col of COLUMNS) {
    const r = parseCell(col.field, src.cells[col.key] ?? null);
    if (r.problem) add(col.key, r.problem);
    parsed[col.key] = r.value;
  }
  if (issues.length) return { issues };
  const on = parsed.recruitDate as string;
  const managing = unitOn(ctx, parsed.managingUnitCode as string, on, (r) => add('managingUnitCode', r));
  const working = unitOn(ctx, parsed.workingUnitCode as string, on, (r) => add('workingUnitCode', r));
  const input = build(parsed, managing?.id ?? 1, working?.id ?? 1);
  if (!createEmployeeSchema.Check(input))
    for (const e of Value.Errors(CreateEmployee, input)) {
      const extra = e.params as { requiredProperties?: string[] } | undefined;
      add(fieldOfPath(`${e.instancePath}/${extra?.requiredProperties?.[0] ?? ''}`), reasonOf(e));
    }
  if (issues.length) return { issues };
  businessRules(ctx, input, add);
  if (issues.length || !managing) return { issues };
  return { ok: { row: src.row, input, managingPath: managing.path } };
}
