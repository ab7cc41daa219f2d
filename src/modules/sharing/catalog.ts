// What an API client may be granted: scopes (which calls), purposes (why — Law 91/2025 purpose
// limitation, a code from this catalog on every call) and fields (dotted paths into the e-record JSON,
// the same paths the API's ERecord has). State-secret rows are never shared; sensitive personal data
// only when its path is granted explicitly.
import { GROUPS, GROUP_LABELS, type ERecord, type GroupKey } from '../../../api/employees.ts';
import { SENSITIVE_GROUPS, SENSITIVE_IDENTITY_FIELDS } from '../access/index.ts';
import { maskRecord } from '../employees/index.ts';

export const SCOPES = {
  'employees.read': 'Đọc một hồ sơ theo số định danh cá nhân',
  'employees.search': 'Tìm kiếm, liệt kê hồ sơ trong phạm vi',
  'org.read': 'Đọc cơ cấu tổ chức trong phạm vi',
  'catalogs.read': 'Đọc danh mục dùng chung (tỉnh, dân tộc, tôn giáo, ngạch, thang lương…)',
} as const;
export type Scope = keyof typeof SCOPES;
export const SCOPE_CODES = Object.keys(SCOPES) as Scope[];

export const PURPOSES = {
  xac_minh_nhan_than: { vi: 'Xác minh nhân thân', en: 'Identity verification' },
  bao_hiem_xa_hoi: { vi: 'Bảo hiểm xã hội, bảo hiểm y tế', en: 'Social and health insurance' },
  thue_thu_nhap: { vi: 'Quản lý thuế thu nhập cá nhân', en: 'Personal income tax' },
  thong_ke: { vi: 'Thống kê, báo cáo nhà nước', en: 'Official statistics and reporting' },
  thanh_tra: { vi: 'Thanh tra, kiểm tra, kiểm toán', en: 'Inspection and audit' },
  dang_ky_cu_tru: { vi: 'Quản lý cư trú', en: 'Residence management' },
  chi_tra_luong: { vi: 'Chi trả lương, phụ cấp', en: 'Payroll and allowances' },
  thi_dua_khen_thuong: { vi: 'Thi đua, khen thưởng', en: 'Emulation and rewards' },
  dao_tao_boi_duong: { vi: 'Đào tạo, bồi dưỡng', en: 'Training' },
  dong_bo_co_so_du_lieu: { vi: 'Đồng bộ cơ sở dữ liệu của bộ, tỉnh', en: 'Ministry/province database sync' },
} as const;
export type Purpose = keyof typeof PURPOSES;
export const isPurpose = (code: string): code is Purpose => Object.hasOwn(PURPOSES, code);

const TOP: Record<string, string> = {
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  ethnicCode: 'Dân tộc',
  religionCode: 'Tôn giáo',
  category: 'Loại (cán bộ, công chức, viên chức, người lao động)',
  status: 'Tình trạng',
  managingUnitId: 'Cơ quan quản lý',
  workingUnitId: 'Đơn vị công tác',
  rankCode: 'Ngạch, chức danh nghề nghiệp',
  salaryGroup: 'Nhóm ngạch lương',
  salaryStep: 'Bậc lương',
  salaryCoefficient: 'Hệ số lương',
  positionTitle: 'Chức vụ',
  jobPositionId: 'Vị trí việc làm',
  recruitedOn: 'Ngày tuyển dụng',
};
const IDENTITY: Record<string, string> = {
  otherNames: 'Tên gọi khác',
  birthPlace: 'Nơi sinh',
  hometown: 'Quê quán',
  permanentAddress: 'Nơi thường trú',
  currentAddress: 'Nơi ở hiện nay',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
};

const sensitiveTop = new Set<string>(SENSITIVE_IDENTITY_FIELDS);
const sensitiveGroups = new Set<string>(SENSITIVE_GROUPS);

export interface FieldInfo {
  path: string;
  label: string;
  /** Sensitive personal data (Law 91/2025): shared only when granted by this exact path. */
  sensitive: boolean;
}

export const FIELDS: readonly FieldInfo[] = [
  ...Object.entries(TOP).map(([k, label]) => ({ path: k, label, sensitive: sensitiveTop.has(k) })),
  ...Object.entries(IDENTITY).map(([k, label]) => ({ path: `identity.${k}`, label, sensitive: false })),
  ...(GROUPS as readonly GroupKey[]).map((g) => ({
    path: `groups.${g}`,
    label: GROUP_LABELS[g],
    sensitive: sensitiveGroups.has(g),
  })),
];
const FIELD_PATHS = new Set(FIELDS.map((f) => f.path));
export const isFieldPath = (p: string): boolean => FIELD_PATHS.has(p);

/** What a client receives of a record: its personal ID number and the granted fields, nothing else. */
export type SharedRecord = { personId: string } & Record<string, unknown>;

function pick(rec: ERecord, path: string): unknown {
  const [head, key] = path.split('.') as [string, string | undefined];
  if (head === 'identity' && key) return rec.identity[key];
  if (head === 'groups' && key) {
    // State-secret rows never leave the node, not even as a masked placeholder.
    const rows = rec.groups[key as GroupKey] ?? [];
    return rows.filter((r) => r.data.secret !== true);
  }
  return (rec as unknown as Record<string, unknown>)[head];
}

const SENSITIVE_PATHS = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.path));

/**
 * What a client sees of a record: the granted paths, each read from the record with sensitive data
 * masked — unless the path itself is a sensitive one granted explicitly (so granting `groups.identity`
 * does not let ethnicity or religion through its history rows). State secrets are never opened.
 */
export function shareView(rec: ERecord, fields: readonly string[]): SharedRecord {
  const opened = maskRecord(rec, { sensitive: true, secret: false, role: 'api_client' });
  const closed = maskRecord(rec, { sensitive: false, secret: false, role: 'api_client' });
  const out: SharedRecord = { personId: rec.personId };
  for (const path of fields) {
    const value = pick(SENSITIVE_PATHS.has(path) ? opened : closed, path);
    if (value === undefined) continue;
    const [head, key] = path.split('.') as [string, string | undefined];
    if (key === undefined) out[head] = value;
    else out[head] = { ...((out[head] as Record<string, unknown> | undefined) ?? {}), [key]: value };
  }
  return out;
}
