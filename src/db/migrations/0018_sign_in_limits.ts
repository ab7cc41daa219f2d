// Frozen once landed: add a new migration instead of editing this one.
// Issue 16, sign-in under a flood: the rate limit that data sharing counted per client (0012) becomes
// the node's one limiter over named buckets — a sharing client, an IP address signing in, an account,
// the token endpoint — still counted in the database so that every process of a node shares it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- UNLOGGED: counts that a crash may lose (every bucket then starts a fresh minute) need no WAL.
    CREATE UNLOGGED TABLE rate_windows (
      bucket text NOT NULL,
      window_start timestamptz NOT NULL,
      calls int NOT NULL CHECK (calls > 0),
      PRIMARY KEY (bucket, window_start)
    );
    CREATE INDEX rate_windows_start ON rate_windows (window_start);
    DROP TABLE sharing_rate_windows;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE sharing_rate_windows (
      client_id uuid NOT NULL REFERENCES sharing_clients (id) ON DELETE CASCADE,
      window_start timestamptz NOT NULL,
      calls int NOT NULL CHECK (calls > 0),
      PRIMARY KEY (client_id, window_start)
    );
    CREATE INDEX sharing_rate_windows_start ON sharing_rate_windows (window_start);
    DROP TABLE rate_windows;
  `.execute(db);
}
