// Workforce analytics (issue 5): headcounts on any date, quota vs actual, movements, forecasts,
// data quality and the reports built on them.
import { Type } from 'typebox';
import { DateStr } from './common.ts';

export const DIMENSION_NAMES = [
  'unit',
  'province',
  'category',
  'sex',
  'ageBand',
  'minority',
  'ethnicCode',
  'religionCode',
  'salaryGroup',
  'rankCode',
  'educationLevel',
  'politicalTheory',
  'stateManagement',
  'jobPosition',
  'title',
  'status',
  /** Party membership on the date: member / probationary / none (sensitive). */
  'party',
  /** Leadership post held (leadership-positions catalog), 'none' for none. */
  'leadership',
] as const;
const Dim = Type.Enum(DIMENSION_NAMES);
const Unit = Type.Optional(
  Type.Integer({ minimum: 1, description: 'Gốc cây đơn vị; mặc định: phạm vi của bạn' }),
);
const Format = Type.Optional(
  Type.Enum(['json', 'xlsx'], { description: 'xlsx: tải bảng về dưới dạng Excel' }),
);
const Key = Type.String({ maxLength: 100 });
const Party = Type.Enum(['member', 'probationary', 'none']);
const strict = { additionalProperties: false } as const;

export const HeadcountQuery = Type.Object(
  {
    unitId: Unit,
    asOf: Type.Optional(DateStr),
    rows: Dim,
    cols: Type.Optional(Dim),
    /** Statistics for publication: cells of 1–4 people are suppressed. */
    publish: Type.Optional(Type.Boolean()),
    format: Format,
    // Drill-down filters (the cell the user clicked).
    category: Type.Optional(Key),
    sex: Type.Optional(Type.Enum(['M', 'F'])),
    ageBand: Type.Optional(Type.Enum(['0', '1', '2', '3', '4'])),
    salaryGroup: Type.Optional(Key),
    province: Type.Optional(Key),
    rankCode: Type.Optional(Key),
    educationLevel: Type.Optional(Key),
    politicalTheory: Type.Optional(Key),
    party: Type.Optional(Party),
    leadership: Type.Optional(Key),
  },
  strict,
);

const Cell = Type.Object({
  row: Type.Union([Type.String(), Type.Null()]),
  col: Type.Union([Type.String(), Type.Null()]),
  count: Type.Union([Type.Integer(), Type.Null()]),
  suppressed: Type.Boolean(),
});

export const Headcount = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  asOf: DateStr,
  rows: Type.String(),
  cols: Type.Union([Type.String(), Type.Null()]),
  source: Type.Enum(['cube', 'spans']),
  total: Type.Union([Type.Integer(), Type.Null()]),
  cells: Type.Array(Cell),
  /** The name of every key in Vietnamese (catalog names, units' names): never a code or an id. */
  labels: Type.Record(Type.String(), Type.String()),
  /** The same in English, where the catalogs carry it (else the Vietnamese name). */
  labelsEn: Type.Record(Type.String(), Type.String()),
});

export const PeopleQuery = Type.Object(
  {
    unitId: Unit,
    asOf: Type.Optional(DateStr),
    category: Type.Optional(Key),
    sex: Type.Optional(Type.Enum(['M', 'F'])),
    ageBand: Type.Optional(Type.Enum(['0', '1', '2', '3', '4'])),
    salaryGroup: Type.Optional(Key),
    rankCode: Type.Optional(Key),
    educationLevel: Type.Optional(Key),
    politicalTheory: Type.Optional(Key),
    party: Type.Optional(Party),
    leadership: Type.Optional(Key),
    province: Type.Optional(Key),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    format: Format,
  },
  strict,
);

export const PersonItem = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  fullName: Type.String(),
  birthDate: DateStr,
  sex: Type.String(),
  category: Type.String(),
  workingUnitId: Type.Integer(),
  workingUnitName: Type.String(),
  rankCode: Type.Union([Type.String(), Type.Null()]),
  positionTitle: Type.Union([Type.String(), Type.Null()]),
});
export const PeoplePage = Type.Object({ asOf: DateStr, items: Type.Array(PersonItem) });

export const QuotaQuery = Type.Object(
  {
    unitId: Unit,
    year: Type.Optional(Type.Integer({ minimum: 1945, maximum: 2200 })),
    overOnly: Type.Optional(Type.Boolean()),
    format: Format,
  },
  strict,
);
const Trio = Type.Object({ quota: Type.Integer(), actual: Type.Integer() });
export const QuotaRow = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  civilServants: Trio,
  publicEmployees: Trio,
  contractWorkers: Trio,
  isOverQuota: Type.Boolean(),
});
export const JobPositionRow = Type.Object({
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  planned: Type.Integer(),
  filled: Type.Integer(),
});
export const QuotaReport = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  asOf: DateStr,
  units: Type.Array(QuotaRow),
  overQuota: Type.Array(Type.Integer()),
  jobPositions: Type.Array(JobPositionRow),
});

export const MovementsQuery = Type.Object(
  {
    unitId: Unit,
    from: DateStr,
    to: DateStr,
    type: Type.Optional(Key),
    list: Type.Optional(Type.Boolean()),
    format: Format,
  },
  strict,
);
export const Movements = Type.Object({
  unitId: Type.Integer(),
  from: DateStr,
  to: DateStr,
  counts: Type.Array(
    Type.Object({ type: Type.String(), total: Type.Integer(), in: Type.Integer(), out: Type.Integer() }),
  ),
  items: Type.Array(
    Type.Object({
      employeeId: Type.String(),
      fullName: Type.String(),
      type: Type.String(),
      effectiveDate: DateStr,
      fromUnitId: Type.Union([Type.Integer(), Type.Null()]),
      toUnitId: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});

export const ForecastQuery = Type.Object(
  {
    unitId: Unit,
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    list: Type.Optional(Type.Boolean()),
    format: Format,
  },
  strict,
);
export const Forecast = Type.Object({
  unitId: Type.Integer(),
  from: DateStr,
  months: Type.Integer(),
  retiring: Type.Object({
    within6Months: Type.Integer(),
    within12Months: Type.Integer(),
    inPeriod: Type.Integer(),
  }),
  salaryStepsDue: Type.Integer(),
  seniorityAllowanceDue: Type.Integer(),
  items: Type.Array(
    Type.Object({
      employeeId: Type.String(),
      fullName: Type.String(),
      kind: Type.Enum(['retirement', 'salary_step', 'seniority']),
      dueOn: DateStr,
      detail: Type.String(),
    }),
  ),
});

export const DashboardQuery = Type.Object({ unitId: Unit, asOf: Type.Optional(DateStr) }, strict);
const Pairs = Type.Array(
  Type.Object({ key: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() }),
);
export const Dashboard = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  asOf: DateStr,
  total: Type.Integer(),
  byCategory: Pairs,
  bySex: Pairs,
  byAgeBand: Pairs,
  bySalaryGroup: Pairs,
  quota: Type.Object({ civilServants: Trio, publicEmployees: Trio, contractWorkers: Trio }),
  movements12Months: Pairs,
  retiringWithin12Months: Type.Integer(),
});

export const QualityQuery = Type.Object(
  { unitId: Unit, list: Type.Optional(Type.Boolean()), format: Format },
  strict,
);
export const QualityFixesQuery = Type.Object({ unitId: Unit }, strict);

export const Quality = Type.Object({
  unitId: Type.Integer(),
  asOf: DateStr,
  /** The fields counted for completeness (flagged requiredForCompleteness in api/record/spec.ts). */
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      groupLabel: Type.String(),
      label: Type.String(),
      labelEn: Type.String(),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unitName: Type.String(),
      people: Type.Integer(),
      withIssues: Type.Integer(),
      score: Type.Number(),
      issues: Type.Record(Type.String(), Type.Integer()),
      /** People whose record holds every counted field ("đủ"), and their share in percent. */
      complete: Type.Integer(),
      completePercent: Type.Number(),
      /** Per counted field: people lacking it and the share (percent) of people holding it. */
      fields: Type.Array(
        Type.Object({ key: Type.String(), missing: Type.Integer(), percent: Type.Number() }),
      ),
    }),
  ),
  items: Type.Array(
    Type.Object({
      employeeId: Type.String(),
      fullName: Type.String(),
      unitId: Type.Integer(),
      issues: Type.Array(Type.String()),
      /** Labels of the counted fields the record lacks. */
      missingFields: Type.Array(Type.String()),
    }),
  ),
});

export const ReportQuery = Type.Object(
  { unitId: Unit, asOf: Type.Optional(DateStr), format: Type.Enum(['xlsx', 'pdf']) },
  strict,
);
