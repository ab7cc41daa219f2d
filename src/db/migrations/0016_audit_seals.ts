// Frozen once landed: add a new migration instead of editing this one.
// Issue 16: the audit log without a global lock (docs/decisions/0009-audit-sealing.md). Writers append
// events freely, each with its own HMAC (mac) and a row in audit_pending; one sealer links them into the
// hash chain, in the order their commits became visible, by appending to audit_seals; signed checkpoints
// of the chain's head are kept in audit_checkpoints (and outside the database: backups, approvals).
// The chain built so far moves into audit_seals unchanged, so old events verify as before.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_seals (
      seq bigint PRIMARY KEY,
      event_id bigint NOT NULL UNIQUE,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      sealed_at timestamptz NOT NULL
    );
    INSERT INTO audit_seals (seq, event_id, prev_hash, hash, sealed_at)
      SELECT row_number() OVER (ORDER BY id), id, prev_hash, hash, at
      FROM audit_events WHERE prev_hash IS NOT NULL AND hash IS NOT NULL;
    ALTER TABLE audit_events DROP COLUMN prev_hash, DROP COLUMN hash, ADD COLUMN mac text;

    CREATE TABLE audit_pending (event_id bigint PRIMARY KEY);

    CREATE TABLE audit_checkpoints (
      seq bigint PRIMARY KEY,
      head text NOT NULL,
      at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL
    );
    CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_seals
      FOR EACH STATEMENT EXECUTE FUNCTION hoso_forbid_change();
    CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION hoso_forbid_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_events ADD COLUMN prev_hash text, ADD COLUMN hash text, DROP COLUMN mac;
    DROP TABLE audit_checkpoints; DROP TABLE audit_pending; DROP TABLE audit_seals;
  `.execute(db);
}
