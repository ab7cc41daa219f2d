// The coded personnel-action types of the ledger and the payload each one carries.
import { Type, type TSchema, type TString } from 'typebox';
import { DateStr } from './common.ts';
import { GROUPS } from './record/groups.ts';
import { identityField } from './record/schema.ts';

export const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'worker'] as const;
export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], string> = {
  cadre: 'Cán bộ',
  civil_servant: 'Công chức',
  public_employee: 'Viên chức',
  worker: 'Người lao động',
};
export const STATUSES = ['active', 'on_leave', 'retired', 'resigned', 'terminated', 'deceased'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Status = (typeof STATUSES)[number];

const str = (max = 300) => Type.String({ minLength: 1, maxLength: max });
const opt = <T extends TSchema>(s: T) => Type.Optional(s);
const obj = <P extends Record<string, TSchema>>(p: P) => Type.Object(p, { additionalProperties: false });

/**
 * The identity a recruitment opens the record with: the identity kind of the content spec
 * (api/record/spec.ts), written out so the compiler knows its type; a test keeps the two equal. The ID
 * number gets its own rules (INVALID_PERSON_ID) after this shape check.
 */
const idn = (key: string) => opt(identityField(key) as TString);
export const Identity = obj({
  personId: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân (12 chữ số)' }),
  fullName: Type.String({ minLength: 2, maxLength: 120, title: 'Họ và tên khai sinh' }),
  otherNames: idn('otherNames'),
  birthDate: DateStr,
  sex: Type.Enum(['M', 'F']),
  birthPlaceCommune: idn('birthPlaceCommune'),
  birthPlaceProvince: idn('birthPlaceProvince'),
  birthPlace: idn('birthPlace'),
  hometownCommune: idn('hometownCommune'),
  hometownProvince: idn('hometownProvince'),
  hometown: idn('hometown'),
  ethnicCode: str(10),
  religionCode: str(10),
  permanentAddress: idn('permanentAddress'),
  currentAddress: idn('currentAddress'),
  phone: idn('phone'),
  email: idn('email'),
  socialInsuranceNo: idn('socialInsuranceNo'),
  healthInsuranceNo: idn('healthInsuranceNo'),
  taxCode: idn('taxCode'),
  photo: idn('photo'),
  notes: opt(Type.String({ maxLength: 4000 })),
});

const Unit = Type.Integer({ minimum: 1 });
const Step = Type.Integer({ minimum: 1, maximum: 20 });

export const PAYLOADS = {
  recruit: obj({
    identity: Identity,
    category: Type.Enum(CATEGORIES),
    managingUnitId: Unit,
    workingUnitId: Unit,
    rankCode: opt(str(20)),
    salaryStep: opt(Step),
    positionTitle: opt(str()),
    jobPositionId: opt(Type.Integer({ minimum: 1 })),
    form: opt(str()),
  }),
  appoint: obj({
    positionTitle: str(),
    workingUnitId: opt(Unit),
    termYears: opt(Type.Integer({ minimum: 1, maximum: 10 })),
  }),
  transfer: obj({ workingUnitId: Unit, managingUnitId: opt(Unit), positionTitle: opt(str()) }),
  second: obj({ workingUnitId: Unit, until: opt(DateStr) }),
  rotate: obj({ workingUnitId: Unit, positionTitle: opt(str()) }),
  rank_change: obj({ rankCode: str(20), salaryStep: Step }),
  salary_step: obj({ salaryStep: Step }),
  allowance: obj({
    kind: str(100),
    coefficient: opt(Type.Number({ minimum: 0, maximum: 10 })),
    percent: opt(Type.Number({ minimum: 0, maximum: 100 })),
  }),
  training: obj({
    program: str(),
    institution: opt(str()),
    from: DateStr,
    to: opt(DateStr),
    form: opt(str(100)),
    certificate: opt(str(200)),
  }),
  degree: obj({
    kind: Type.Enum([
      'education',
      'professional',
      'political_theory',
      'state_management',
      'foreign_language',
      'it',
    ]),
    levelCode: str(20),
    major: opt(str()),
    institution: opt(str()),
    year: Type.Integer({ minimum: 1950, maximum: 2200 }),
  }),
  reward: obj({ form: str(), level: opt(str(100)), decidingBody: opt(str()) }),
  discipline: obj({ form: str(), reason: str(1000), until: opt(DateStr) }),
  assessment: obj({
    year: Type.Integer({ minimum: 1990, maximum: 2200 }),
    rating: Type.Enum(['excellent', 'good', 'satisfactory', 'unsatisfactory']),
  }),
  leave: obj({ kind: str(100), until: opt(DateStr) }),
  return: obj({}),
  retire: obj({ reason: opt(str()) }),
  resign: obj({ reason: opt(str()) }),
  terminate: obj({ reason: str(1000) }),
  death: obj({}),
  declare: obj({
    group: Type.Enum(GROUPS),
    kind: str(50),
    /** Checked against the kind's schema in the content spec (api/record/spec.ts). */
    data: Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { maxProperties: 60 }),
    /** State-secret data (Decree 27 Art. 21–22): stored encrypted, shown only to roles that may read secrets. */
    secret: opt(Type.Boolean()),
    /** For a change to an earlier row: that row's id; the old row is closed on the effective date. */
    replacesRowId: opt(Type.String({ maxLength: 40 })),
  }),
  correction: obj({
    targetActionId: Type.Integer({ minimum: 1 }),
    effectiveDate: opt(DateStr),
    payload: Type.Record(Type.String(), Type.Unknown()),
    reason: str(1000),
  }),
  cancellation: obj({ targetActionId: Type.Integer({ minimum: 1 }), reason: str(1000) }),
} as const;

export type ActionType = keyof typeof PAYLOADS;
export const ACTION_TYPES = Object.keys(PAYLOADS) as ActionType[];

export const ACTION_LABELS: Record<ActionType, string> = {
  recruit: 'Tuyển dụng',
  appoint: 'Bổ nhiệm',
  transfer: 'Điều động, chuyển công tác',
  second: 'Biệt phái',
  rotate: 'Luân chuyển',
  rank_change: 'Chuyển ngạch, nâng ngạch',
  salary_step: 'Nâng bậc lương',
  allowance: 'Phụ cấp',
  training: 'Đào tạo, bồi dưỡng',
  degree: 'Văn bằng, chứng chỉ',
  reward: 'Khen thưởng',
  discipline: 'Kỷ luật',
  assessment: 'Đánh giá, xếp loại',
  leave: 'Nghỉ không lương, tạm nghỉ',
  return: 'Trở lại làm việc',
  retire: 'Nghỉ hưu',
  resign: 'Thôi việc',
  terminate: 'Chấm dứt',
  death: 'Từ trần',
  declare: 'Tự kê khai, cập nhật thông tin cá nhân',
  correction: 'Đính chính',
  cancellation: 'Hủy bỏ',
};

/** Actions produced by HR work must cite the decision they carry out; self-declarations and facts need not. */
export const NEEDS_DECISION: ReadonlySet<ActionType> = new Set<ActionType>([
  'recruit',
  'appoint',
  'transfer',
  'second',
  'rotate',
  'rank_change',
  'salary_step',
  'allowance',
  'reward',
  'discipline',
  'leave',
  'return',
  'retire',
  'resign',
  'terminate',
  'correction',
  'cancellation',
]);
