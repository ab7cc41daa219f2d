// Frozen once landed: add a new migration instead of editing this one.
// Issue 15, the e-record's content typed: declarations recorded before it carry a free kind and a
// key/value bag. The ledger keeps them as they were (it is append-only); the stored projection of each
// such record is folded again by the current code, which reads both shapes (src/modules/employees/
// legacy.ts). content_version says which records were folded by a version that knew the typed content:
// existing rows are 1 and are upgraded by `upgradeRecordContent` right after migrating; new rows are 2.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE employees ADD COLUMN content_version smallint NOT NULL DEFAULT 1;
    ALTER TABLE employees ALTER COLUMN content_version SET DEFAULT 2;
    CREATE INDEX employees_content_outdated ON employees (id) WHERE content_version < 2;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX employees_content_outdated; ALTER TABLE employees DROP COLUMN content_version;`.execute(
    db,
  );
}
