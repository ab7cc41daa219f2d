// The layout of an import file, generated from the record's content schema (api/record/spec.ts): the
// first sheet holds the people — their identity and recruitment, one row per person, keyed by the
// personal ID number — and each declarable kind of the record has a sheet of its own, one row per
// declared row, each carrying the person's ID number. One column per field; the header is the field's
// Vietnamese label ("*" when required); the template's hidden second row holds the field keys. Units
// are named by their official code (ids mean nothing outside this database).
import {
  choice,
  date,
  integer,
  rank,
  text,
  unit,
  type FieldSpec,
  type RowKindSpec,
} from '../../../api/record/fields.ts';
import { CATEGORY_OPTIONS, NOTES_FIELD, ROW_KINDS, findRowKind } from '../../../api/record/spec.ts';

export interface Column {
  key: string;
  label: string;
  field: FieldSpec;
  required: boolean;
  help: string;
  example: string;
}

export interface Sheet {
  /** The sheet's name in the workbook (≤ 31 characters, as Excel allows). */
  name: string;
  /** 'person' for the first sheet, otherwise the row kind its rows declare. */
  kind: string;
  spec?: RowKindSpec;
  columns: readonly Column[];
}

const col = (field: FieldSpec, help = '', example = ''): Column => ({
  key: field.key,
  label: field.label,
  field,
  required: field.required === true,
  help,
  example,
});

const identity = findRowKind('identity')!;
const idField = (key: string) => identity.fields.find((f) => f.key === key)!;

// A photo (a data: URL up to 2 MB) does not fit a cell (Excel holds 32,767 characters): not imported.
const IDENTITY_COLUMNS = identity.fields.filter((f) => f.type !== 'photo').map((f) => col(f));
const ID_COLUMN = col(idField('personId'), '12 chữ số: mã tỉnh, giới tính/thế kỷ, năm sinh', '001190012345');

/** The recruitment: what createEmployee accepts beside the identity. */
const RECRUITMENT_COLUMNS: Column[] = [
  col(choice('category', 'Đối tượng', 'Category', CATEGORY_OPTIONS, { required: true }), '', 'Công chức'),
  col(
    unit('managingUnitCode', 'Mã cơ quan quản lý', 'Managing body', { required: true }),
    'Mã đơn vị quản lý hồ sơ, trong phạm vi của người nhập',
    'T01-SNV',
  ),
  col(
    unit('workingUnitCode', 'Mã đơn vị công tác', 'Working unit', { required: true }),
    'Mã đơn vị sử dụng',
    'T01-SNV',
  ),
  col(text('positionTitle', 'Chức vụ, chức danh', 'Post'), 'Nếu có', 'Chuyên viên'),
  col(
    rank('rankCode', 'Ngạch / chức danh nghề nghiệp', 'Rank or professional title'),
    'Ngạch cho công chức, chức danh nghề nghiệp cho viên chức',
    'Chuyên viên',
  ),
  col(
    integer('salaryStep', 'Bậc lương', 'Salary step', { min: 1, max: 20 }),
    '1–20, trong thang lương của ngạch (mặc định 1)',
    '1',
  ),
  col(text('form', 'Hình thức tuyển dụng', 'Form'), 'Thi tuyển, xét tuyển, tiếp nhận…', 'Thi tuyển'),
  col(
    date('recruitDate', 'Ngày tuyển dụng', 'Recruited on', { required: true, future: true }),
    'Ngày hiệu lực của quyết định tuyển dụng',
    '01/03/2015',
  ),
  col(
    text('decisionNo', 'Số quyết định', 'Decision number', { required: true, maxLength: 100 }),
    'Số, ký hiệu quyết định tuyển dụng',
    '123/QĐ-UBND',
  ),
  col(date('decisionDate', 'Ngày quyết định', 'Decision date', { required: true }), 'Ngày ký', '20/02/2015'),
  col(
    text('signerName', 'Người ký', 'Signer', { required: true, maxLength: 120 }),
    'Họ tên người ký quyết định',
    'Trần Văn Ký',
  ),
  col(text('signerTitle', 'Chức vụ người ký', 'Signer title', { maxLength: 120 }), 'Nếu có', 'Chủ tịch'),
  col(
    text('issuingBody', 'Cơ quan ban hành', 'Issuing body', { required: true }),
    'Cơ quan ban hành quyết định',
    'UBND thành phố Hà Nội',
  ),
  col(text('legalBasis', 'Căn cứ pháp lý', 'Legal basis', { maxLength: 500 }), 'Nếu có'),
];

export const RECRUITMENT_KEYS: ReadonlySet<string> = new Set(RECRUITMENT_COLUMNS.map((c) => c.key));

/** The person sheet's columns: the ID number first, then the identity, then the recruitment. */
export const COLUMNS: readonly Column[] = [
  ID_COLUMN,
  ...IDENTITY_COLUMNS.filter((c) => c.key !== 'personId'),
  ...RECRUITMENT_COLUMNS,
];

/** Where a declared row starts to count; blank = the day of the import (not before the recruitment). */
export const VALID_FROM = col(
  date('validFrom', 'Ngày kê khai', 'Declared on'),
  'Ngày thông tin có hiệu lực; để trống là ngày nhập',
);

// Sheet names: the kind's label when it fits Excel's 31 characters, otherwise a short form of it.
const SHORT: Record<string, string> = {
  foreign_organisation: 'Tổ chức nước ngoài',
  pre_recruitment: 'Nghề trước tuyển dụng',
  general_education: 'Giáo dục phổ thông',
  defence_security: 'Quốc phòng, an ninh',
  membership: 'Tổ chức chính trị - xã hội',
  service: 'Lực lượng vũ trang',
  asset_land: 'TS - Quyền sử dụng đất',
  asset_house: 'TS - Nhà ở, công trình',
  asset_valuable: 'TS - Kim khí quý, tiền',
  asset_vehicle: 'TS - Phương tiện',
  asset_abroad: 'TS - Ở nước ngoài',
  asset_income: 'TS - Thu nhập',
  leadership: 'Chức vụ lãnh đạo',
  highest_title: 'Danh hiệu cao nhất',
};
const sheetName = (k: RowKindSpec): string =>
  (SHORT[k.kind] ?? k.label).replace(/[[\]:*?/\\]/g, '-').slice(0, 31);

export const PERSON_SHEET: Sheet = { name: 'Hồ sơ', kind: 'person', columns: COLUMNS };

/** One sheet per declarable kind but the identity (which is the person sheet), in the spec's order. */
export const KIND_SHEETS: readonly Sheet[] = ROW_KINDS.filter(
  (k) => k.declarable && k.kind !== 'identity',
).map((k) => ({
  name: sheetName(k),
  kind: k.kind,
  spec: k,
  columns: [
    ID_COLUMN,
    VALID_FROM,
    ...k.fields.filter((f) => !f.derived && f.type !== 'photo').map((f) => col(f)),
    col(NOTES_FIELD),
  ],
}));

export const SHEETS: readonly Sheet[] = [PERSON_SHEET, ...KIND_SHEETS];
const BY_NAME = new Map(SHEETS.map((s) => [s.name.toLowerCase(), s]));
if (BY_NAME.size !== SHEETS.length) throw new Error('two import sheets share a name');

export const sheetNamed = (name: string): Sheet | undefined => BY_NAME.get(name.trim().toLowerCase());

/** The header cell: the label, marked "*" when the field is required. */
export const headerOf = (c: Column): string => (c.required ? `${c.label} *` : c.label);

/** The column a header cell names: "Label *", "Label (key)", the bare key, or the bare label. */
export function keyOfHeader(sheet: Sheet, cell: string): string | undefined {
  const t = cell.trim().replace(/\s*\*$/, '');
  const m = /\(([A-Za-z]+)\)\s*$/.exec(t);
  const has = (k: string) => sheet.columns.some((c) => c.key === k);
  if (m && has(m[1]!)) return m[1];
  if (has(t)) return t;
  const label = t.toLowerCase();
  return sheet.columns.find((c) => c.label.toLowerCase() === label)?.key;
}

/** The header label of a column (for the row report), or the key when the sheet has no such column. */
export function labelOf(sheet: Sheet, key: string): string {
  return sheet.columns.find((c) => c.key === key)?.label ?? key;
}
