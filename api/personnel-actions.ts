import { Type, type Static } from 'typebox';
import { DateStr, Decision } from './common.ts';
import { ACTION_TYPES, PAYLOADS } from './actions.ts';
import { ERecord } from './employees.ts';

const Meta = {
  effectiveDate: DateStr,
  decision: Type.Optional(Decision),
  legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

/** Creating an e-record is recording the recruitment (or appointment/election) decision. */
export const CreateEmployee = Type.Object(
  { ...Meta, payload: PAYLOADS.recruit },
  { additionalProperties: false },
);
export type CreateEmployee = Static<typeof CreateEmployee>;

export const NewAction = Type.Object(
  { ...Meta, type: Type.Enum(ACTION_TYPES), payload: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: false },
);
export type NewAction = Static<typeof NewAction>;

export const Action = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  type: Type.String(),
  typeLabel: Type.String(),
  effectiveDate: DateStr,
  decisionNo: Type.Union([Type.String(), Type.Null()]),
  decisionDate: Type.Union([DateStr, Type.Null()]),
  signerName: Type.Union([Type.String(), Type.Null()]),
  signerTitle: Type.Union([Type.String(), Type.Null()]),
  issuingBody: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  targetActionId: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.String(),
  cancelledBy: Type.Union([Type.Integer(), Type.Null()]),
  correctedBy: Type.Array(Type.Integer()),
});
export type Action = Static<typeof Action>;

export const RecordQuery = Type.Object(
  {
    asOf: Type.Optional(DateStr),
    knownAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'transaction time: as recorded then' }),
    ),
  },
  { additionalProperties: false },
);

export const RecordView = Type.Intersect([
  ERecord,
  Type.Object({ unitNames: Type.Record(Type.String(), Type.String()) }),
]);

export const ActionResult = Type.Object({ action: Action, record: ERecord });

/**
 * An action recorded on the national node about a record a ministry/province node owns: routed to that
 * owner, applied there, and its ledger row comes back up (202 Accepted until then).
 */
export const RoutedAction = Type.Object({
  id: Type.String({ format: 'uuid' }),
  employeeId: Type.String({ format: 'uuid' }),
  node: Type.String({ description: 'the owning node the action was routed to' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('applied'), Type.Literal('refused')]),
  type: Type.String(),
  typeLabel: Type.String(),
  effectiveDate: DateStr,
  decisionNo: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.String(),
  requestedAt: Type.String({ format: 'date-time' }),
  seq: Type.Union([Type.Integer(), Type.Null()], { description: 'its seq in the ledger once applied' }),
  code: Type.Union([Type.String(), Type.Null()], { description: 'why the owner refused it' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type RoutedAction = Static<typeof RoutedAction>;
