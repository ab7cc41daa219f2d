// The e-record as the API shows it: the current projection of the ledger, or its state on a past date.
import { Type, type Static } from 'typebox';
import { DateStr } from './common.ts';
import { CATEGORIES, STATUSES } from './actions.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export { GROUPS, GROUP_LABELS, type GroupKey } from './record/groups.ts';

export const HistoryRow = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  validFrom: DateStr,
  validTo: Type.Union([DateStr, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  actionId: Type.Integer(),
  actionType: Type.String(),
  decisionNo: Type.Union([Type.String(), Type.Null()]),
});
export type HistoryRow = Static<typeof HistoryRow>;

export const ERecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String(),
  fullName: Type.String(),
  birthDate: DateStr,
  sex: Type.Enum(['M', 'F']),
  ethnicCode: Type.String(),
  religionCode: Type.String(),
  identity: Type.Record(Type.String(), Type.Unknown()),
  category: Type.Enum(CATEGORIES),
  status: Type.Enum(STATUSES),
  managingUnitId: Type.Integer(),
  workingUnitId: Type.Integer(),
  rankCode: Nullable(Type.String()),
  salaryGroup: Nullable(Type.String()),
  salaryStep: Type.Union([Type.Integer(), Type.Null()]),
  salaryCoefficient: Type.Union([Type.Number(), Type.Null()]),
  positionTitle: Nullable(Type.String()),
  jobPositionId: Type.Union([Type.Integer(), Type.Null()]),
  recruitedOn: DateStr,
  groups: Type.Object({
    identity: Type.Array(HistoryRow),
    family: Type.Array(HistoryRow),
    personalHistory: Type.Array(HistoryRow),
    movements: Type.Array(HistoryRow),
    education: Type.Array(HistoryRow),
    employment: Type.Array(HistoryRow),
    political: Type.Array(HistoryRow),
    military: Type.Array(HistoryRow),
    assets: Type.Array(HistoryRow),
    health: Type.Array(HistoryRow),
  }),
  asOf: Type.Union([DateStr, Type.Null()]),
  actionsApplied: Type.Integer(),
  /** Parts withheld from this reader: sensitive groups and fields, state-secret rows ("group:secret"). */
  masked: Type.Optional(Type.Array(Type.String())),
});
export type ERecord = Static<typeof ERecord>;

export const EmployeeSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String(),
  fullName: Type.String(),
  birthDate: DateStr,
  sex: Type.Enum(['M', 'F']),
  category: Type.String(),
  status: Type.String(),
  workingUnitId: Type.Integer(),
  workingUnitName: Type.String(),
  managingUnitId: Type.Integer(),
  rankCode: Type.Union([Type.String(), Type.Null()]),
  salaryStep: Type.Union([Type.Integer(), Type.Null()]),
  positionTitle: Type.Union([Type.String(), Type.Null()]),
});
export type EmployeeSummary = Static<typeof EmployeeSummary>;

export const EmployeeSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'org subtree (working unit)' })),
    managedBy: Type.Optional(
      Type.Integer({ minimum: 1, description: 'managed by exactly this unit (wherever they work)' }),
    ),
    category: Type.Optional(Type.Enum(CATEGORIES)),
    status: Type.Optional(Type.Enum(STATUSES)),
    rankCode: Type.Optional(Type.String({ maxLength: 20 })),
    ethnicCode: Type.Optional(Type.String({ maxLength: 10 })),
    sex: Type.Optional(Type.Enum(['M', 'F'])),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type EmployeeSearchQuery = Static<typeof EmployeeSearchQuery>;

export const EmployeePage = Type.Object({
  items: Type.Array(EmployeeSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
