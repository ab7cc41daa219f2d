// Frozen once landed: add a new migration instead of editing this one.
// The update workflows of Decree 27 and Circular 06: the working-day calendar behind the legal deadlines,
// change requests (self-service and maker-checker), the monthly signed approval, consent to view and the
// in-app inbox.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Days that differ from the default week (Mon–Fri working): public holidays and the days off swapped
    -- for them ('holiday'), and weekend days worked in exchange ('workday'). National admins edit them.
    CREATE TABLE calendar_exceptions (
      day date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
      name text NOT NULL,
      source text,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- Every day of the years in use with its working-day ordinal (working days up to and including it),
    -- so that "N working days after D" is one indexed lookup in SQL. Rebuilt whenever the calendar changes.
    CREATE TABLE calendar_days (
      day date PRIMARY KEY,
      is_working boolean NOT NULL,
      ordinal int NOT NULL
    );
    CREATE INDEX calendar_days_working ON calendar_days (ordinal) WHERE is_working;

    -- A proposed change of an e-record. 'declaration': the person's own (self-service) declaration or
    -- update of their personal groups, verified by the managing body. 'hr_action': an officer's drafted
    -- personnel action (maker) that an approver (checker) applies. Nothing reaches the ledger before approval.
    CREATE TABLE change_requests (
      id uuid PRIMARY KEY,
      employee_id uuid NOT NULL REFERENCES employees (id),
      kind text NOT NULL CHECK (kind IN ('declaration', 'hr_action')),
      action jsonb NOT NULL,
      note text,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
      submitted_by uuid NOT NULL REFERENCES accounts (id),
      submitted_at timestamptz NOT NULL,
      decided_by uuid REFERENCES accounts (id),
      decided_at timestamptz,
      reason text,
      applied_action_id bigint REFERENCES personnel_actions (id),
      CHECK ((status = 'pending') = (decided_at IS NULL)),
      CHECK (decided_by IS NULL OR decided_by <> submitted_by)
    );
    CREATE INDEX change_requests_employee ON change_requests (employee_id, submitted_at DESC);
    CREATE INDEX change_requests_pending ON change_requests (submitted_at) WHERE status = 'pending';

    CREATE TABLE request_files (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES change_requests (id),
      name text NOT NULL,
      media_type text NOT NULL,
      size int NOT NULL,
      sha256 text NOT NULL,
      content bytea NOT NULL
    );
    CREATE INDEX request_files_request ON request_files (request_id);

    -- Circular 06 Art. 7: the competent person of each ministry/province approves the month's changes by
    -- digital signature over a manifest of them. The manifest is stored as signed (its exact bytes).
    CREATE TABLE monthly_approvals (
      id uuid PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES org_units (id),
      month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      -- The changes recorded in [covers_from, covers_to): from the previous approval's end (or the month's
      -- start) to the moment the manifest was prepared; later changes go to the next approval.
      covers_from timestamptz NOT NULL,
      covers_to timestamptz NOT NULL,
      manifest bytea NOT NULL,
      manifest_sha256 text NOT NULL,
      action_count int NOT NULL,
      signature bytea NOT NULL,
      signer_subject text NOT NULL,
      signer_serial text NOT NULL,
      signed_by uuid NOT NULL REFERENCES accounts (id),
      signed_at timestamptz NOT NULL,
      UNIQUE (unit_id, month)
    );

    -- Decree 27 Art. 20: viewing another person's e-record outside one's personnel competence needs that
    -- person's consent by electronic message: asked for a purpose, some groups and a period; revocable.
    CREATE TABLE consents (
      id uuid PRIMARY KEY,
      employee_id uuid NOT NULL REFERENCES employees (id),
      requester_id uuid NOT NULL REFERENCES accounts (id),
      purpose text NOT NULL,
      groups text[] NOT NULL,
      valid_from date NOT NULL,
      valid_until date NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'granted', 'refused', 'revoked')),
      requested_at timestamptz NOT NULL,
      answered_at timestamptz,
      revoked_at timestamptz,
      CHECK (valid_until >= valid_from)
    );
    CREATE INDEX consents_employee ON consents (employee_id, requested_at DESC);
    CREATE INDEX consents_requester ON consents (requester_id, requested_at DESC);

    -- The in-app inbox: one row per account and event; read_at marks it read.
    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      dedupe_key text,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    );
    CREATE INDEX notifications_inbox ON notifications (account_id, created_at DESC);
    CREATE UNIQUE INDEX notifications_dedupe ON notifications (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

    -- The deadline rules look at recent decisions and recent record creations.
    CREATE INDEX personnel_actions_decision ON personnel_actions (decision_date) WHERE decision_date IS NOT NULL;
    CREATE INDEX personnel_actions_recruits ON personnel_actions (recorded_at) WHERE type = 'recruit';
  `.execute(db);
}
