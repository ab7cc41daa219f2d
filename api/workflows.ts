// Schemas of the update workflows (Decree 27 Art. 18–20, Circular 06 Art. 6–7): the working-day
// calendar, legal deadlines, change requests (self-service and maker-checker), consent to view,
// the monthly signed approval and the in-app inbox.
import { Type, type Static } from 'typebox';
import { DateStr, Decision } from './common.ts';
import { ACTION_TYPES, PAYLOADS } from './actions.ts';
import { GROUPS } from './employees.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

// ── calendar ──────────────────────────────────────────────────────────────────────────────────────
export const CalendarDay = Type.Object(
  {
    day: DateStr,
    kind: Type.Enum(['holiday', 'workday'], {
      description: 'holiday: a day off on a weekday; workday: a weekend day worked in exchange',
    }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    source: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export const CalendarYear = Type.Object({
  year: Type.Integer(),
  workingDays: Type.Integer(),
  days: Type.Array(CalendarDay),
});
export const YearParam = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2040 }) });
export const DayParam = Type.Object({ day: DateStr });

// ── deadlines ─────────────────────────────────────────────────────────────────────────────────────
export const DEADLINE_RULES = [
  'record_created',
  'first_declaration',
  'hr_update',
  'request_review',
  'transfer_receipt',
  'monthly_approval',
] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];
export const DEADLINE_STATUSES = ['due', 'overdue', 'met', 'late'] as const;

export const DeadlineQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    rule: Type.Optional(Type.Enum(DEADLINE_RULES)),
    status: Type.Optional(Type.Enum(DEADLINE_STATUSES)),
    from: Type.Optional(DateStr),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const DeadlineItem = Type.Object({
  rule: Type.Enum(DEADLINE_RULES),
  ruleLabel: Type.String(),
  ref: Type.String({ description: 'what the item is about: an action, request, transfer or month' }),
  employeeId: Type.Union([Type.String(), Type.Null()]),
  fullName: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Integer(),
  unitName: Type.String(),
  startDate: DateStr,
  dueDate: DateStr,
  metOn: Type.Union([DateStr, Type.Null()]),
  status: Type.Enum(DEADLINE_STATUSES),
});
export type DeadlineItem = Static<typeof DeadlineItem>;
export const DeadlineSummaryRow = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  due: Type.Integer(),
  overdue: Type.Integer(),
  met: Type.Integer(),
  late: Type.Integer(),
  byRule: Type.Record(Type.String(), Type.Object({ overdue: Type.Integer(), late: Type.Integer() })),
});
export type DeadlineSummaryRow = Static<typeof DeadlineSummaryRow>;

// ── change requests ───────────────────────────────────────────────────────────────────────────────
export const EvidenceFile = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    mediaType: Type.Enum(['application/pdf', 'image/jpeg', 'image/png']),
    contentBase64: Type.String({ minLength: 4, maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  },
  { additionalProperties: false },
);
export const Files = Type.Optional(Type.Array(EvidenceFile, { maxItems: 5 }));

export const NewDeclaration = Type.Object(
  {
    payload: PAYLOADS.declare,
    effectiveDate: Type.Optional(DateStr),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    files: Files,
  },
  { additionalProperties: false },
);
export type NewDeclaration = Static<typeof NewDeclaration>;

export const NewDraft = Type.Object(
  {
    type: Type.Enum(ACTION_TYPES),
    effectiveDate: DateStr,
    decision: Type.Optional(Decision),
    legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
    payload: Type.Record(Type.String(), Type.Unknown()),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    files: Files,
  },
  { additionalProperties: false },
);
export type NewDraft = Static<typeof NewDraft>;

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const ChangeRequest = Type.Object({
  id: Type.String({ format: 'uuid' }),
  employeeId: Type.String({ format: 'uuid' }),
  fullName: Type.String(),
  kind: Type.Enum(['declaration', 'hr_action']),
  action: Type.Record(Type.String(), Type.Unknown()),
  note: Nullable(Type.String()),
  status: Type.Enum(REQUEST_STATUSES),
  submittedBy: Type.String(),
  submittedByName: Type.String(),
  submittedAt: Time,
  decidedBy: Nullable(Type.String()),
  decidedAt: Type.Union([Time, Type.Null()]),
  reason: Nullable(Type.String()),
  appliedActionId: Type.Union([Type.Integer(), Type.Null()]),
  files: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), mediaType: Type.String(), size: Type.Integer() }),
  ),
});
export type ChangeRequest = Static<typeof ChangeRequest>;
export const RequestQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(REQUEST_STATUSES)),
    kind: Type.Optional(Type.Enum(['declaration', 'hr_action'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const Rejection = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const RequestFileParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileId: Type.Integer({ minimum: 1 }),
});
export const FileContent = Type.Object({
  name: Type.String(),
  mediaType: Type.String(),
  sha256: Type.String(),
  contentBase64: Type.String(),
});

// ── consent ───────────────────────────────────────────────────────────────────────────────────────
export const NewConsent = Type.Object(
  {
    personId: Type.String({ pattern: '^[0-9]{12}$' }),
    purpose: Type.String({ minLength: 5, maxLength: 500 }),
    groups: Type.Array(Type.Enum(GROUPS), { minItems: 1, maxItems: 10, uniqueItems: true }),
    validFrom: Type.Optional(DateStr),
    validUntil: DateStr,
  },
  { additionalProperties: false },
);
export type NewConsent = Static<typeof NewConsent>;
export const CONSENT_STATUSES = ['pending', 'granted', 'refused', 'revoked', 'expired'] as const;
export const Consent = Type.Object({
  id: Type.String({ format: 'uuid' }),
  employeeId: Type.String({ format: 'uuid' }),
  subjectName: Type.String(),
  requesterId: Type.String(),
  requesterName: Type.String(),
  purpose: Type.String(),
  groups: Type.Array(Type.String()),
  validFrom: DateStr,
  validUntil: DateStr,
  status: Type.Enum(CONSENT_STATUSES),
  requestedAt: Time,
  answeredAt: Type.Union([Time, Type.Null()]),
  revokedAt: Type.Union([Time, Type.Null()]),
});
export type Consent = Static<typeof Consent>;

// ── monthly approval ──────────────────────────────────────────────────────────────────────────────
export const MonthQuery = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
  },
  { additionalProperties: false },
);
export const ApprovalListQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
  },
  { additionalProperties: false },
);
export const Manifest = Type.Object({
  unitId: Type.Integer(),
  month: Type.String(),
  coversFrom: Time,
  coversTo: Time,
  actionCount: Type.Integer(),
  sha256: Type.String(),
  manifestBase64: Type.String(),
});
export const NewMonthlyApproval = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
    coversTo: Time,
    /**
     * Detached CMS (DER) over the manifest's exact bytes, made with the approver's own token; when
     * absent, the node signs remotely with the signer it holds (SIGNING_PERSON).
     */
    signatureBase64: Type.Optional(
      Type.String({ minLength: 8, maxLength: 200_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
    ),
  },
  { additionalProperties: false },
);
export type NewMonthlyApproval = Static<typeof NewMonthlyApproval>;
export const MonthlyApproval = Type.Object({
  id: Type.String({ format: 'uuid' }),
  unitId: Type.Integer(),
  unitName: Type.String(),
  month: Type.String(),
  coversFrom: Time,
  coversTo: Time,
  actionCount: Type.Integer(),
  manifestSha256: Type.String(),
  signerSubject: Type.String(),
  signerSerial: Type.String(),
  signedBy: Type.String(),
  signedAt: Time,
  late: Type.Boolean(),
});
export type MonthlyApproval = Static<typeof MonthlyApproval>;
export const ApprovalVerification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  valid: Type.Boolean(),
  signatureValid: Type.Boolean(),
  actionsIntact: Type.Boolean(),
  signerSubject: Type.String(),
  signedAt: Time,
  problems: Type.Array(Type.String()),
});

// ── notifications ─────────────────────────────────────────────────────────────────────────────────
export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  createdAt: Time,
  readAt: Type.Union([Time, Type.Null()]),
});
export const Inbox = Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) });
export const InboxQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export const NotificationParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
