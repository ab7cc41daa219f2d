// Transfers out of the current management scope (Circular 06): the sending body decides, ownership of
// the e-record moves on the effective date, the receiving body receives the person within 10 working days.
import { Type, type Static } from 'typebox';
import { DateStr, Decision } from './common.ts';
import { RecordView } from './personnel-actions.ts';

export const NewTransfer = Type.Object(
  {
    employeeId: Type.String({ format: 'uuid' }),
    toUnitId: Type.Integer({ minimum: 1, description: 'the receiving (managing) unit' }),
    toWorkingUnitId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'where the person will work; default: toUnitId' }),
    ),
    effectiveDate: DateStr,
    decision: Decision,
    positionTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type NewTransfer = Static<typeof NewTransfer>;

export const TRANSFER_STATUSES = ['awaiting_receipt', 'received'] as const;

export const Transfer = Type.Object({
  id: Type.Integer(),
  employeeId: Type.String({ format: 'uuid' }),
  fullName: Type.String(),
  actionId: Type.Integer(),
  fromUnitId: Type.Integer(),
  fromUnitName: Type.String(),
  toUnitId: Type.Integer(),
  toUnitName: Type.String(),
  toWorkingUnitId: Type.Integer(),
  effectiveDate: DateStr,
  decision: Decision,
  status: Type.Enum(TRANSFER_STATUSES),
  decidedAt: Type.String({ format: 'date-time' }),
  decidedBy: Type.String(),
  receivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  receivedBy: Type.Union([Type.String(), Type.Null()]),
});
export type Transfer = Static<typeof Transfer>;

export const TransferListQuery = Type.Object(
  {
    direction: Type.Enum(['in', 'out']),
    status: Type.Optional(Type.Enum(TRANSFER_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type TransferListQuery = Static<typeof TransferListQuery>;

export const Received = Type.Object({
  transfer: Transfer,
  account: Type.Object({
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    oneTimePassword: Type.String({ description: 'shown once; must be changed at first sign-in' }),
  }),
  /** The e-record pulled from the national database, with its whole history. */
  record: RecordView,
});
export type Received = Static<typeof Received>;
