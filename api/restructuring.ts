// Restructuring of the organisation (merge, split, rename, move) as one dated, audited operation that
// re-homes people by personnel actions citing the decision.
import { Type, type Static } from 'typebox';
import { DateStr, Decision } from './common.ts';
import { ORG_KINDS } from './org-units.ts';

export const RESTRUCTURING_KINDS = ['merge', 'split', 'rename', 'move'] as const;
export type RestructuringKind = (typeof RESTRUCTURING_KINDS)[number];

const UnitId = Type.Integer({ minimum: 1 });
const Ids = Type.Array(UnitId, { minItems: 1, maxItems: 200, uniqueItems: true });
const Name = Type.String({ minLength: 2, maxLength: 300 });

/** A unit the operation creates, open from the effective date. */
export const NewUnitSpec = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }),
    name: Name,
    kind: Type.Enum(ORG_KINDS.filter((k) => k !== 'national')),
    parentId: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the source’s parent' })),
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
  },
  { additionalProperties: false },
);
export type NewUnitSpec = Static<typeof NewUnitSpec>;

export const SplitPart = Type.Object(
  {
    targetId: Type.Optional(Type.Integer({ minimum: 1, description: 'an existing unit receives this part' })),
    newUnit: Type.Optional(NewUnitSpec),
    employeeIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20000, uniqueItems: true }),
    childUnitIds: Type.Array(UnitId, { maxItems: 500, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SplitPart = Static<typeof SplitPart>;

/**
 * One body for the four kinds; which fields a kind needs:
 * merge: sourceIds + (targetId [+ name: the target's new name] | newUnit) · split: sourceId + parts (+ keepSource) ·
 * rename: unitId + name · move: unitId + parentId.
 */
export const NewRestructuring = Type.Object(
  {
    kind: Type.Enum(RESTRUCTURING_KINDS),
    effectiveDate: DateStr,
    decision: Decision,
    legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    sourceIds: Type.Optional(Ids),
    targetId: Type.Optional(UnitId),
    newUnit: Type.Optional(NewUnitSpec),
    sourceId: Type.Optional(UnitId),
    parts: Type.Optional(Type.Array(SplitPart, { minItems: 1, maxItems: 50 })),
    keepSource: Type.Optional(
      Type.Boolean({ description: 'split: the source stays open with what is not assigned' }),
    ),
    unitId: Type.Optional(UnitId),
    name: Type.Optional(Name),
    parentId: Type.Optional(UnitId),
  },
  { additionalProperties: false },
);
export type NewRestructuring = Static<typeof NewRestructuring>;

export const RestructuringResult = Type.Object({
  created: Type.Array(Type.Integer()),
  closed: Type.Array(Type.Integer()),
  moved: Type.Array(Type.Integer()),
  renamed: Type.Array(Type.Integer()),
  /** People re-homed by a transfer action dated the effective date. */
  rehomed: Type.Integer(),
  actionIds: Type.Array(Type.Integer()),
});
export type RestructuringResult = Static<typeof RestructuringResult>;

export const Restructuring = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(RESTRUCTURING_KINDS),
  effectiveDate: DateStr,
  decision: Decision,
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  input: NewRestructuring,
  result: RestructuringResult,
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.String(),
});
export type Restructuring = Static<typeof Restructuring>;

export const RestructuringListQuery = Type.Object(
  {
    kind: Type.Optional(Type.Enum(RESTRUCTURING_KINDS)),
    from: Type.Optional(DateStr),
    to: Type.Optional(DateStr),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type RestructuringListQuery = Static<typeof RestructuringListQuery>;
