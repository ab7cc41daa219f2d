// The e-record's content rules: a declaration's data against its kind's schema, every coded value
// against its catalog, and the rules between fields the law implies. Checked before anything is
// written; a violation names the JSON pointer and the rule in Vietnamese.
import { Value } from 'typebox/value';
import type { FieldSpec, RowKindSpec } from '../../../api/record/fields.ts';
import { declarationSchema } from '../../../api/record/schema.ts';
import { findRowKind, NOTES_FIELD } from '../../../api/record/spec.ts';
import type { Category } from '../../../api/actions.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { reference } from '../catalogs/index.ts';

/** What the rules need to know of the person the row belongs to. */
export interface ContentContext {
  today: string;
  /** The person's date of birth, when known (a declaration about an existing record). */
  birthDate?: string | undefined;
  category?: Category | undefined;
}

type Data = Record<string, unknown>;
type Add = (field: string, reason: string, rule?: string) => void;

const RULE_TEXT: Record<string, string> = {
  partyOfficialAfterProbation: 'đảng viên chính thức sau ít nhất 12 tháng dự bị',
  officialOnlyForParty: 'chỉ Đảng có ngày chính thức',
  leftAfterJoined: 'ngày ra khỏi tổ chức sau ngày vào',
  dischargeAfterEnlistment: 'xuất ngũ sau nhập ngũ',
  childBornAfterParent: 'con sinh sau cha mẹ',
  parentBornBeforeChild: 'cha mẹ sinh trước con',
  toAfterFrom: 'ngày kết thúc không trước ngày bắt đầu',
  notInFuture: 'không ghi ngày trong tương lai',
  catalogCode: 'mã phải có trong danh mục',
  rankMatchesCategory: 'ngạch chỉ cho công chức, chức danh nghề nghiệp chỉ cho viên chức',
  degreeLevelInCatalog: 'trình độ phải có trong danh mục tương ứng',
  rateWithinGrade: 'tỷ lệ tổn thương phù hợp với hạng',
};

function addYears(day: string, n: number): string {
  return `${String(Number(day.slice(0, 4)) + n).padStart(4, '0')}${day.slice(4)}`;
}

// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function checkField(f: FieldSpec, v: unknown, at: string, ctx: ContentContext, add: Add): void {
  if (v === undefined || v === null) return;
  // PostgreSQL's jsonb refuses NUL, and no field of a record holds control characters.
  if (typeof v === 'string' && CONTROL.test(v)) add(at, `${f.label} chứa ký tự điều khiển không hợp lệ`);
  const ref = reference();
  if (f.type === 'code' && f.catalog && !ref.codes[f.catalog].has(String(v)))
    add(at, `Mã "${String(v)}" không có trong danh mục ${f.label.toLowerCase()}`, 'catalogCode');
  if (f.type === 'rank' && !ref.ranks.has(String(v)))
    add(at, `Mã "${String(v)}" không phải ngạch hay chức danh nghề nghiệp trong danh mục`, 'catalogCode');
  if (f.type === 'date' && !f.future && typeof v === 'string' && v > ctx.today)
    add(at, `${f.label} không được sau ngày hôm nay`, 'notInFuture');
  if (f.type === 'year' && !f.future && typeof v === 'number' && v > Number(ctx.today.slice(0, 4)))
    add(at, `${f.label} không được sau năm nay`, 'notInFuture');
}

const str = (d: Data, k: string): string | undefined => (typeof d[k] === 'string' ? d[k] : undefined);

/** The rules between the fields of one row. */
function crossRules(kind: string, d: Data, base: string, ctx: ContentContext, add: Add): void {
  const ref = reference();
  for (const [a, b] of [
    ['fromDate', 'toDate'],
    ['from', 'to'],
  ] as const) {
    const x = str(d, a);
    const y = str(d, b);
    if (x && y && y < x) add(`${base}/${b}`, 'Ngày kết thúc trước ngày bắt đầu', 'toAfterFrom');
  }
  if (kind === 'membership') {
    const party =
      ref.catalogs['organisation-kinds'].find((o) => o.code === d.organisationKind)?.party === true;
    const joined = str(d, 'joinedOn');
    const official = str(d, 'officialOn');
    if (official && !party)
      add(`${base}/officialOn`, 'Chỉ đảng viên mới có ngày chính thức', 'officialOnlyForParty');
    if (official && joined && party && official < addYears(joined, 1))
      add(
        `${base}/officialOn`,
        'Ngày chính thức phải sau ngày kết nạp ít nhất 12 tháng (thời gian dự bị)',
        'partyOfficialAfterProbation',
      );
    const left = str(d, 'leftOn');
    if (left && joined && left < joined)
      add(`${base}/leftOn`, 'Ngày ra khỏi tổ chức trước ngày vào', 'leftAfterJoined');
  }
  if (kind === 'service') {
    const on = str(d, 'enlistedOn');
    const off = str(d, 'dischargedOn');
    if (on && off && off <= on)
      add(`${base}/dischargedOn`, 'Ngày xuất ngũ phải sau ngày nhập ngũ', 'dischargeAfterEnlistment');
  }
  if ((kind === 'member' || kind === 'relative_abroad') && ctx.birthDate && typeof d.birthYear === 'number') {
    const gen = ref.catalogs['family-relationships'].find((r) => r.code === d.relationship)?.generation;
    const own = Number(ctx.birthDate.slice(0, 4));
    if (gen === 1 && d.birthYear <= own)
      add(`${base}/birthYear`, `Con phải sinh sau năm sinh của người khai (${own})`, 'childBornAfterParent');
    if (gen === -1 && d.birthYear >= own)
      add(
        `${base}/birthYear`,
        `Cha, mẹ phải sinh trước năm sinh của người khai (${own})`,
        'parentBornBeforeChild',
      );
  }
  if (kind === 'war_invalid' && typeof d.rate === 'number') {
    const g = ref.catalogs['war-invalid-grades'].find((x) => x.code === d.gradeCode);
    if (g && (d.rate < Number(g.rateMin) || d.rate > Number(g.rateMax)))
      add(`${base}/rate`, `Tỷ lệ ${d.rate}% không thuộc ${g.name}`, 'rateWithinGrade');
  }
  // A text code whose catalog follows another field (a degree's level by its kind): the spec says which.
  for (const f of findRowKind(kind)?.fields ?? []) {
    const cat = f.catalogBy?.catalogs[String(d[f.catalogBy.field])];
    const v = d[f.key];
    if (cat && typeof v === 'string' && !ref.codes[cat].has(v))
      add(`${base}/${f.key}`, `${f.label} "${v}" không có trong danh mục`, 'degreeLevelInCatalog');
  }
}

/** A rank only for those who hold ranks, a professional title only for public employees. */
export function rankCategoryProblem(rankCode: string, category: Category): string | undefined {
  const rank = reference().ranks.get(rankCode);
  if (!rank) return undefined;
  if (rank.kind === 'title' && category !== 'public_employee')
    return `${rank.name} là chức danh nghề nghiệp của viên chức, không dùng cho ${category === 'civil_servant' ? 'công chức' : 'đối tượng này'}`;
  if (rank.kind === 'rank' && category === 'public_employee')
    return `${rank.name} là ngạch công chức; viên chức được bổ nhiệm chức danh nghề nghiệp (mã V.xx.xx.xx)`;
  return undefined;
}

function fail(details: ErrorDetail[], what: string): never {
  throw new AppError('VALIDATION_FAILED', `Nội dung "${what}" không hợp lệ`, details.slice(0, 20));
}

function collector(): { details: ErrorDetail[]; add: Add } {
  const details: ErrorDetail[] = [];
  return {
    details,
    add: (field, reason, rule) =>
      details.push({ field, reason: rule ? `${reason} (quy tắc: ${RULE_TEXT[rule] ?? rule})` : reason }),
  };
}

/** Field and cross-field rules of one row's data (already shaped by its schema). */
export function checkRowRules(
  spec: RowKindSpec,
  data: Data,
  base: string,
  ctx: ContentContext,
): ErrorDetail[] {
  const { details, add } = collector();
  for (const f of [...spec.fields, NOTES_FIELD]) checkField(f, data[f.key], `${base}/${f.key}`, ctx, add);
  crossRules(spec.kind, data, base, ctx, add);
  return details;
}

/**
 * Checks a declaration (group, kind, data) against the content schema and rules.
 * `base` is the pointer of the declare payload (`/payload`).
 */
export function checkDeclaration(
  payload: { group: string; kind: string; data: Data },
  ctx: ContentContext,
  base = '/payload',
  opts: { selfService?: boolean } = {},
): RowKindSpec {
  const spec = findRowKind(payload.kind);
  if (!spec || spec.group !== payload.group || !spec.declarable)
    fail(
      [
        {
          field: `${base}/kind`,
          reason: `Nhóm ${payload.group} không có loại thông tin kê khai "${payload.kind}"`,
        },
      ],
      'kê khai',
    );
  if (opts.selfService && !spec.selfService)
    fail(
      [
        {
          field: `${base}/kind`,
          reason: `"${spec.label}" do cơ quan quản lý cập nhật, cá nhân không tự kê khai`,
        },
      ],
      spec.label,
    );
  const schemaErrors = [...Value.Errors(declarationSchema(spec), payload.data)];
  if (schemaErrors.length) {
    fail(
      schemaErrors.map((e) => {
        const extra = e.params as
          { additionalProperties?: string[]; requiredProperties?: string[] } | undefined;
        const name = extra?.requiredProperties?.[0] ?? extra?.additionalProperties?.[0];
        const field = `${base}/data${e.instancePath}${name && !e.instancePath.endsWith(name) ? `/${name}` : ''}`;
        const f = spec.fields.find((x) => `${base}/data/${x.key}` === field);
        const last = e.instancePath.split('/')[1];
        const unknown = last !== undefined && !spec.fields.some((x) => x.key === last) && last !== 'notes';
        const reason = unknown
          ? `Trường "${last}" không có trong mẫu "${spec.label}"`
          : extra?.additionalProperties
            ? `Trường "${name}" không có trong mẫu "${spec.label}"`
            : extra?.requiredProperties
              ? `Thiếu "${spec.fields.find((x) => x.key === name)?.label ?? name}"`
              : f?.patternHint && e.keyword === 'pattern'
                ? `${f.label}: ${f.patternHint}`
                : `${f?.label ?? 'Giá trị'}: ${e.message}`;
        return { field, reason };
      }),
      spec.label,
    );
  }
  const details = checkRowRules(spec, payload.data, `${base}/data`, ctx);
  if (details.length) fail(details, spec.label);
  return spec;
}

function kindSpec(kind: string): RowKindSpec {
  const spec = findRowKind(kind);
  if (!spec) throw new Error(`no content spec for ${kind}`);
  return spec;
}

function failIf(details: ErrorDetail[], what: string): void {
  if (details.length) fail(details, what);
}

/**
 * The content rules of an action's payload (after its TypeBox shape was checked). Rules that need the
 * record (a child's birth year, the category a rank must fit) apply when ctx carries it.
 */
export function checkActionContent(
  type: string,
  payload: Record<string, unknown>,
  ctx: ContentContext,
): void {
  switch (type) {
    case 'declare':
      checkDeclaration(payload as { group: string; kind: string; data: Data }, ctx);
      return;
    case 'recruit': {
      const identity = (payload.identity ?? {}) as Data;
      failIf(checkRowRules(kindSpec('identity'), identity, '/payload/identity', ctx), 'thông tin định danh');
      const rankCode = payload.rankCode;
      const problem =
        typeof rankCode === 'string'
          ? rankCategoryProblem(rankCode, payload.category as Category)
          : undefined;
      if (problem)
        fail(
          [{ field: '/payload/rankCode', reason: `${problem} (quy tắc: ${RULE_TEXT.rankMatchesCategory})` }],
          'tuyển dụng',
        );
      return;
    }
    case 'rank_change': {
      const problem =
        ctx.category && typeof payload.rankCode === 'string'
          ? rankCategoryProblem(payload.rankCode, ctx.category)
          : undefined;
      if (problem)
        fail(
          [{ field: '/payload/rankCode', reason: `${problem} (quy tắc: ${RULE_TEXT.rankMatchesCategory})` }],
          'chuyển ngạch',
        );
      return;
    }
    case 'training':
    case 'degree':
      failIf(checkRowRules(kindSpec(type), payload, '/payload', ctx), kindSpec(type).label);
      return;
  }
}
