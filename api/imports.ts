// Bulk import of e-records from spreadsheets (issue 9): the upload, the job and its row-by-row report.
import { Type, type Static } from 'typebox';

export const ImportUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    /** The XLSX or CSV (UTF-8) file, base64. */
    content: Type.String({
      minLength: 1,
      maxLength: 40 * 1024 * 1024,
      pattern: '^[A-Za-z0-9+/\\r\\n]+={0,2}$',
    }),
    /** Import the valid rows even when others fail (default: nothing is written when any row fails). */
    validOnly: Type.Optional(Type.Boolean()),
    /** Validate and plan only; write nothing but the job row. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportUpload = Static<typeof ImportUpload>;

export const ImportIssue = Type.Object({
  /** The sheet's name (imports before the multi-sheet layout have none: the first sheet). */
  sheet: Type.Optional(Type.String()),
  row: Type.Integer(),
  /** The column's field key, for programs; people read `column`, its header. */
  field: Type.String(),
  column: Type.Optional(Type.String()),
  value: Type.String(),
  reason: Type.String(),
});
export type ImportIssue = Static<typeof ImportIssue>;

export const IMPORT_STATUSES = ['running', 'done', 'rejected', 'checked', 'failed'] as const;

export const ImportJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actor: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  format: Type.Enum(['xlsx', 'csv']),
  validOnly: Type.Boolean(),
  dryRun: Type.Boolean(),
  /** done: written; rejected: rows failed, nothing written; checked: dry run; failed: an error. */
  status: Type.Enum(IMPORT_STATUSES),
  rows: Type.Integer(),
  invalid: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  conflicts: Type.Integer(),
  issuesTotal: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  timings: Type.Record(Type.String(), Type.Number()),
});
export type ImportJob = Static<typeof ImportJob>;

export const ImportDetail = Type.Intersect([ImportJob, Type.Object({ issues: Type.Array(ImportIssue) })]);
export type ImportDetail = Static<typeof ImportDetail>;

export const TemplateQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['xlsx', 'csv'])) },
  { additionalProperties: false },
);
export const ImportListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  { unitId: Type.Integer({ minimum: 1, description: 'the records managed in this unit’s subtree' }) },
  { additionalProperties: false },
);
