// The audit log: its integrity check, the auditors' event list, and each person's own access log.
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }));
const Cursor = Type.Optional(
  Type.String({ maxLength: 40, description: 'nextCursor of the previous page (newest first)' }),
);

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'events checked before the first bad one, or all of them' }),
  sealed: Type.Optional(Type.Integer({ description: 'events linked into the hash chain' })),
  pending: Type.Optional(Type.Integer({ description: 'events not sealed yet, each checked by its own MAC' })),
  firstBad: Type.Optional(Type.Object({ id: Type.Integer(), reason: Type.String() })),
  checkpoint: Type.Optional(
    Type.Object({
      source: Type.Enum(['given', 'stored'], {
        description: 'brought by the operator (a file, a backup, an approval) or the newest stored one',
      }),
      count: Type.Integer({ description: 'sealed events the signed checkpoint covers' }),
      at: DateTime,
      problem: Type.Optional(Type.String({ description: 'why the chain does not match it' })),
    }),
  ),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;

export const AuditEventsQuery = Type.Object(
  {
    subjectId: Type.Optional(
      Type.String({ format: 'uuid', description: 'the person whose data was touched' }),
    ),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'events at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'events at or before' })),
    limit: Limit,
    cursor: Cursor,
  },
  { additionalProperties: false },
);
export type AuditEventsQuery = Static<typeof AuditEventsQuery>;

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actor: Type.String(),
  actorName: Nullable(Type.String()),
  role: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  unitPath: Nullable(Type.String()),
  details: Type.Unknown(),
  prevHash: Nullable(Type.String()),
  hash: Nullable(Type.String()),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditEventPage = Type.Object({
  items: Type.Array(AuditEvent),
  nextCursor: Nullable(Type.String()),
});
export type AuditEventPage = Static<typeof AuditEventPage>;

export const AccessLogQuery = Type.Object({ limit: Limit, cursor: Cursor }, { additionalProperties: false });
export type AccessLogQuery = Static<typeof AccessLogQuery>;

/** Who touched the signed-in person's record, under which role, when, and in which request. */
export const AccessLogEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actorId: Type.String(),
  actorName: Nullable(Type.String({ description: 'display name when the actor is an account' })),
  actorUnit: Nullable(Type.String({ description: "the unit the reader's account belongs to" })),
  role: Nullable(Type.String({ description: 'the role or consent the actor acted under' })),
  purpose: Nullable(
    Type.String({ description: 'the declared purpose, for a read under the person’s consent' }),
  ),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});
export type AccessLogEntry = Static<typeof AccessLogEntry>;

export const AccessLogPage = Type.Object({
  items: Type.Array(AccessLogEntry),
  nextCursor: Nullable(Type.String()),
});
export type AccessLogPage = Static<typeof AccessLogPage>;
