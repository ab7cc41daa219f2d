import { Type, type Static } from 'typebox';
import { DateStr, Decision } from './common.ts';

export const ORG_KINDS = [
  'national',
  'central_body',
  'central_department',
  'province',
  'provincial_department',
  'district',
  'commune',
  'public_service_unit',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  national: 'Quốc gia',
  central_body: 'Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
  central_department: 'Vụ, cục, tổng cục thuộc bộ',
  province: 'Tỉnh, thành phố trực thuộc Trung ương',
  provincial_department: 'Sở, ban, ngành cấp tỉnh',
  district: 'Huyện, quận, thị xã (trước 01/7/2025)',
  commune: 'Xã, phường, đặc khu',
  public_service_unit: 'Đơn vị sự nghiệp công lập',
  other: 'Khác',
};

const Code = Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' });
const Name = Type.String({ minLength: 2, maxLength: 300 });

export const OrgUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  path: Type.String(),
  provinceCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: DateStr,
  validTo: Type.Union([DateStr, Type.Null()]),
  successorId: Type.Union([Type.Integer(), Type.Null()]),
});
export type OrgUnit = Static<typeof OrgUnit>;

export const TreeNode = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  depth: Type.Integer(),
  validFrom: DateStr,
  validTo: Type.Union([DateStr, Type.Null()]),
});
export type TreeNode = Static<typeof TreeNode>;

export const CreateOrgUnit = Type.Object(
  {
    code: Code,
    name: Name,
    kind: Type.Enum(ORG_KINDS),
    parentId: Type.Optional(Type.Integer({ minimum: 1 })),
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    validFrom: DateStr,
    decision: Type.Optional(Decision),
  },
  { additionalProperties: false },
);
export type CreateOrgUnit = Static<typeof CreateOrgUnit>;

export const RenameOrgUnit = Type.Object(
  { name: Name, validFrom: DateStr, decision: Type.Optional(Decision) },
  { additionalProperties: false },
);
export const MoveOrgUnit = Type.Object(
  { parentId: Type.Integer({ minimum: 1 }), validFrom: DateStr, decision: Type.Optional(Decision) },
  { additionalProperties: false },
);
export const CloseOrgUnit = Type.Object(
  {
    validTo: DateStr,
    successorId: Type.Optional(Type.Integer({ minimum: 1 })),
    decision: Type.Optional(Decision),
  },
  { additionalProperties: false },
);

export const TreeQuery = Type.Object(
  { asOf: Type.Optional(DateStr), maxDepth: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    parentId: Type.Optional(Type.Integer({ minimum: 1 })),
    kind: Type.Optional(Type.Enum(ORG_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeClosed: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const Quota = Type.Object(
  {
    civilServants: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    publicEmployees: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    contractWorkers: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    decisionNo: Type.String({ minLength: 1, maxLength: 100 }),
    decisionDate: DateStr,
  },
  { additionalProperties: false },
);
export const QuotaRow = Type.Intersect([
  Type.Object({ unitId: Type.Integer(), year: Type.Integer() }),
  Quota,
]);

export const JOB_KINDS = ['leadership', 'professional', 'shared_professional', 'support'] as const;
export const CreateJobPosition = Type.Object(
  {
    code: Code,
    name: Name,
    kind: Type.Enum(JOB_KINDS),
    requiredRankCode: Type.Optional(Type.String({ maxLength: 20 })),
    plannedCount: Type.Integer({ minimum: 0, maximum: 100_000 }),
    validFrom: DateStr,
  },
  { additionalProperties: false },
);
export const JobPosition = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  requiredRankCode: Type.Union([Type.String(), Type.Null()]),
  plannedCount: Type.Integer(),
  filledCount: Type.Integer(),
  validFrom: DateStr,
  validTo: Type.Union([DateStr, Type.Null()]),
});
