// Frozen once landed: add a new migration instead of editing this one.
// The registry of signed electronic extracts (Circular 06 Art. 8): every issued extract with its number,
// short verification code, the hashes of the signed files, who issued it and when; revocable with a reason.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Extract numbers run on one sequence for the whole database; a number taken by an issuance that
    -- failed while signing is skipped, never reused.
    CREATE SEQUENCE extract_number_seq;

    CREATE TABLE extracts (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      code text NOT NULL UNIQUE,
      employee_id uuid NOT NULL REFERENCES employees (id),
      -- The managing unit when issued: it names the issuing body, and its subtree's officers may revoke.
      unit_id int NOT NULL REFERENCES org_units (id),
      issued_by text NOT NULL,
      issuer_account_id uuid REFERENCES accounts (id),
      issued_at timestamptz NOT NULL,
      -- SHA-256 (hex) of the signed PDF and of the JSON text its detached CMS covers.
      pdf_sha256 text NOT NULL UNIQUE,
      json_sha256 text NOT NULL UNIQUE,
      -- What the public verification shows: the person's name, the issuing unit, the two signers.
      summary jsonb NOT NULL,
      revoked_at timestamptz,
      revoked_by text,
      revoke_reason text,
      CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
    );
    CREATE INDEX extracts_employee ON extracts (employee_id, issued_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE extracts; DROP SEQUENCE extract_number_seq;`.execute(db);
}
