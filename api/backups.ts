// Backups (Circular 06 Art. 10): the list with each backup's state, the schedule's health as alerts,
// and a run on demand.
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const BackupItem = Type.Object({
  id: Type.String(),
  createdAt: DateTime,
  status: Type.Union([Type.Literal('good'), Type.Literal('invalid')]),
  reason: Nullable(Type.String({ description: 'why the backup is not good' })),
  verifiedAt: Nullable(DateTime),
  verified: Nullable(Type.Boolean({ description: 'result of the last restore test; null if never tested' })),
  sizeBytes: Nullable(Type.Integer()),
  engine: Nullable(Type.String()),
  schema: Type.Array(Type.String()),
  totalRows: Nullable(Type.Integer()),
  tables: Type.Array(Type.Object({ name: Type.String(), rows: Type.Integer() })),
});
export type BackupItem = Static<typeof BackupItem>;

export const BackupAlert = Type.Object({
  code: Type.Union([
    Type.Literal('BACKUP_OVERDUE'),
    Type.Literal('BACKUP_FAILED'),
    Type.Literal('BACKUP_INVALID'),
  ]),
  message: Type.String(),
});
export type BackupAlert = Static<typeof BackupAlert>;

export const BackupStatus = Type.Object({
  lastGoodAt: Nullable(DateTime),
  overdue: Type.Boolean({ description: 'no good backup within the schedule period plus two days' }),
  periodDays: Type.Number(),
  retentionDays: Type.Integer(),
  lastFailure: Nullable(Type.Object({ at: DateTime, message: Type.String() })),
});
export type BackupStatus = Static<typeof BackupStatus>;

export const BackupList = Type.Object({
  items: Type.Array(BackupItem),
  status: BackupStatus,
  alerts: Type.Array(BackupAlert),
});
export type BackupList = Static<typeof BackupList>;

export const BackupRun = Type.Object({
  backup: BackupItem,
  verified: Type.Boolean(),
  pruned: Type.Array(Type.String()),
});
export type BackupRun = Static<typeof BackupRun>;
