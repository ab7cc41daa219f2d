// Frozen once landed: add a new migration instead of editing this one.
// Issue 9, operating several processes per node: the data-sharing rate limit is counted in the
// database, one row per client and minute window, so every process behind a load balancer shares it;
// and the import jobs still marked running are found quickly (a job whose runner died is settled as
// failed by whoever reads it, see imports.service.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- UNLOGGED: counts that a crash may lose (the table is then empty: every client starts a fresh
    -- minute) need no WAL, so a call's count commits without waiting for a disk flush.
    CREATE UNLOGGED TABLE sharing_rate_windows (
      client_id uuid NOT NULL REFERENCES sharing_clients (id) ON DELETE CASCADE,
      -- The start of the minute, on the request's clock; calls counts the calls admitted in it.
      window_start timestamptz NOT NULL,
      calls int NOT NULL CHECK (calls > 0),
      PRIMARY KEY (client_id, window_start)
    );
    -- Old windows are deleted by age across all clients.
    CREATE INDEX sharing_rate_windows_start ON sharing_rate_windows (window_start);

    CREATE INDEX imports_running ON imports (id) WHERE status = 'running';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX imports_running; DROP TABLE sharing_rate_windows;`.execute(db);
}
