// Frozen once landed: add a new migration instead of editing this one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Accounts are issued top-down, never self-registered (Circular 06 Art. 6, 9).
    CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
      display_name text NOT NULL,
      employee_id uuid UNIQUE REFERENCES employees (id),
      home_unit_id bigint NOT NULL REFERENCES org_units (id),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL,
      password_changed_at timestamptz,
      totp_secret text,
      -- The time step of the last TOTP code accepted: a code is accepted only for a later step (no replay).
      totp_last_step bigint,
      mfa_enrolled_at timestamptz,
      status text NOT NULL CHECK (status IN ('active', 'disabled')),
      expires_at timestamptz,
      failed_attempts int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_by uuid REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX accounts_username ON accounts (username);

    CREATE TABLE role_bindings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      role text NOT NULL CHECK (role IN ('national_admin', 'agency_admin', 'hr_officer', 'approver', 'viewer', 'auditor')),
      unit_id bigint NOT NULL REFERENCES org_units (id),
      granted_by uuid REFERENCES accounts (id),
      granted_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES accounts (id)
    );
    CREATE INDEX role_bindings_account ON role_bindings (account_id) WHERE revoked_at IS NULL;

    -- Sessions: the cookie carries a random token; only its SHA-256 is stored.
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      csrf_token text NOT NULL,
      stage text NOT NULL CHECK (stage IN ('mfa_enrol', 'mfa', 'password', 'active')),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_account ON sessions (account_id);

    -- The audit log becomes a hash chain (HMAC-SHA256, key from config) and says whose data was touched,
    -- under which role or consent, from where.
    ALTER TABLE audit_events
      ADD COLUMN role text,
      ADD COLUMN ip text,
      ADD COLUMN subject_id uuid,
      ADD COLUMN unit_path ltree,
      ADD COLUMN prev_hash text,
      ADD COLUMN hash text;
    -- Like the ledger, the log is append-only for the application; the hash chain catches anyone who
    -- goes around this (an administrator disabling the trigger).
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION hoso_forbid_change();
    CREATE INDEX audit_events_subject ON audit_events (subject_id, id) WHERE subject_id IS NOT NULL;
    CREATE INDEX audit_events_subjects ON audit_events USING gin ((details -> 'subjects'));
    CREATE INDEX audit_events_unit_path ON audit_events USING gist (unit_path);
  `.execute(db);
}
