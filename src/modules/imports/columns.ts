// The columns of an import file: exactly what a recruitment (createEmployee) accepts, one row per
// person. Units are named by their official code (ids mean nothing outside this database); dates are
// dd/mm/yyyy, yyyy-mm-dd or real Excel dates. A header cell is "Vietnamese label (key)": the key decides.
import type { CatalogName } from '../catalogs/index.ts';

export type ColumnType = 'text' | 'date' | 'integer' | 'code';

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  /** The catalog whose codes the cell must hold, or a fixed list. */
  catalog?: CatalogName;
  values?: readonly string[];
  help: string;
  example: string;
}

const c = (
  key: string,
  label: string,
  type: ColumnType,
  required: boolean,
  help: string,
  example: string,
  extra: Partial<Column> = {},
): Column => ({ key, label, type, required, help, example, ...extra });

export const SEX_VALUES = ['Nam', 'Nữ'] as const;
export const CATEGORY_VALUES = ['cadre', 'civil_servant', 'public_employee', 'worker'] as const;

export const COLUMNS: readonly Column[] = [
  c(
    'personId',
    'Số định danh cá nhân',
    'text',
    true,
    '12 chữ số: mã tỉnh, giới tính/thế kỷ, năm sinh',
    '001190012345',
  ),
  c('fullName', 'Họ và tên', 'text', true, 'Họ, chữ đệm và tên, có dấu', 'Nguyễn Thị Hoài Thương'),
  c('otherNames', 'Tên gọi khác', 'text', false, 'Nếu có', ''),
  c('birthDate', 'Ngày sinh', 'date', true, 'dd/mm/yyyy', '17/05/1990'),
  c('sex', 'Giới tính', 'code', true, 'Nam hoặc Nữ', 'Nữ', { values: SEX_VALUES }),
  c('ethnicCode', 'Mã dân tộc', 'code', true, 'Mã trong danh mục dân tộc', '01', {
    catalog: 'ethnic-groups',
  }),
  c('religionCode', 'Mã tôn giáo', 'code', true, 'Mã trong danh mục tôn giáo', '00', {
    catalog: 'religions',
  }),
  c('birthPlace', 'Nơi sinh', 'text', false, 'Nơi đăng ký khai sinh', 'Hà Nội'),
  c('hometown', 'Quê quán', 'text', false, 'Xã/phường, tỉnh/thành phố', 'Xã Phù Đổng, Hà Nội'),
  c('permanentAddress', 'Nơi thường trú', 'text', false, 'Địa chỉ thường trú', ''),
  c('currentAddress', 'Nơi ở hiện nay', 'text', false, 'Địa chỉ nơi ở', ''),
  c('phone', 'Điện thoại', 'text', false, '8–15 chữ số, có thể có + và dấu cách', '0912345678'),
  c('email', 'Thư điện tử', 'text', false, 'Địa chỉ thư điện tử', ''),
  c(
    'category',
    'Đối tượng',
    'code',
    true,
    'cadre (cán bộ), civil_servant (công chức), public_employee (viên chức), worker (người lao động)',
    'civil_servant',
    { values: CATEGORY_VALUES },
  ),
  c(
    'managingUnitCode',
    'Mã cơ quan quản lý',
    'text',
    true,
    'Mã đơn vị quản lý hồ sơ, trong phạm vi của người nhập',
    'T01-SNV',
  ),
  c('workingUnitCode', 'Mã đơn vị công tác', 'text', true, 'Mã đơn vị sử dụng', 'T01-SNV'),
  c('positionTitle', 'Chức vụ, chức danh', 'text', false, 'Nếu có', 'Chuyên viên'),
  c('rankCode', 'Mã ngạch', 'code', false, 'Mã ngạch công chức trong danh mục', '01.003', {
    catalog: 'civil-servant-ranks',
  }),
  c('salaryStep', 'Bậc lương', 'integer', false, '1–20, trong thang lương của ngạch (mặc định 1)', '1'),
  c('form', 'Hình thức tuyển dụng', 'text', false, 'Thi tuyển, xét tuyển, tiếp nhận…', 'Thi tuyển'),
  c('recruitDate', 'Ngày tuyển dụng', 'date', true, 'Ngày hiệu lực của quyết định tuyển dụng', '01/03/2015'),
  c('decisionNo', 'Số quyết định', 'text', true, 'Số, ký hiệu quyết định tuyển dụng', '123/QĐ-UBND'),
  c('decisionDate', 'Ngày quyết định', 'date', true, 'Ngày ký quyết định', '20/02/2015'),
  c('signerName', 'Người ký', 'text', true, 'Họ tên người ký quyết định', 'Trần Văn Ký'),
  c('signerTitle', 'Chức vụ người ký', 'text', false, 'Nếu có', 'Chủ tịch'),
  c('issuingBody', 'Cơ quan ban hành', 'text', true, 'Cơ quan ban hành quyết định', 'UBND thành phố Hà Nội'),
  c('legalBasis', 'Căn cứ pháp lý', 'text', false, 'Nếu có', ''),
];

export const COLUMN_KEYS = new Set(COLUMNS.map((x) => x.key));
export const headerOf = (col: Column): string => `${col.label} (${col.key})`;

/** The key a header cell names: "Label (key)", the bare key, or the bare Vietnamese label. */
export function keyOfHeader(cell: string): string | undefined {
  const t = cell.trim();
  const m = /\(([A-Za-z]+)\)\s*$/.exec(t);
  if (m && COLUMN_KEYS.has(m[1]!)) return m[1];
  if (COLUMN_KEYS.has(t)) return t;
  return COLUMNS.find((x) => x.label.toLowerCase() === t.toLowerCase())?.key;
}
