// Frozen once landed: add a new migration instead of editing this one.
// Bulk imports from spreadsheets (issue 9): one row per import job — who, which file (name and
// SHA-256), the options, the counts, the row-by-row report and the timings. The people themselves
// land in the ledger and the projection like any recruitment.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      actor text NOT NULL,
      -- The subtree the operator imported into (their first employee.write grant); NULL for the system.
      unit_path ltree,
      file_name text NOT NULL,
      file_sha256 text NOT NULL,
      format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
      valid_only boolean NOT NULL,
      dry_run boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'done', 'rejected', 'checked', 'failed')),
      rows_total int NOT NULL DEFAULT 0,
      rows_invalid int NOT NULL DEFAULT 0,
      created int NOT NULL DEFAULT 0,
      updated int NOT NULL DEFAULT 0,
      unchanged int NOT NULL DEFAULT 0,
      conflicts int NOT NULL DEFAULT 0,
      -- Row-by-row report: [{row, field, value, reason}], capped (issues_total says how many there were).
      issues jsonb NOT NULL DEFAULT '[]',
      issues_total int NOT NULL DEFAULT 0,
      error text,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      timings jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX imports_actor ON imports (actor, started_at DESC);
    CREATE INDEX imports_unit ON imports USING gist (unit_path);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE imports`.execute(db);
}
