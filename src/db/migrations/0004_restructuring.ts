// Frozen once landed: add a new migration instead of editing this one.
// Restructuring operations (merge, split, rename, move) and transfers out of a management scope.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per restructuring decision applied: what was asked and what it did (units created, closed,
    -- moved, renamed; people re-homed). The org-unit history and the ledger rows cite its decision.
    CREATE TABLE org_restructurings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('merge', 'split', 'rename', 'move')),
      effective_date date NOT NULL,
      decision jsonb NOT NULL,
      legal_basis text,
      note text,
      input jsonb NOT NULL,
      result jsonb NOT NULL,
      recorded_at timestamptz NOT NULL,
      recorded_by text NOT NULL,
      request_id text
    );
    CREATE INDEX org_restructurings_effective ON org_restructurings (effective_date);

    -- Transfers out of a management scope (Circular 06): decided by the sending body (the ledger row is
    -- action_id), received by the receiving body within 10 working days (received_at).
    CREATE TABLE transfers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employee_id uuid NOT NULL REFERENCES employees (id),
      action_id bigint NOT NULL REFERENCES personnel_actions (id),
      from_unit_id bigint NOT NULL REFERENCES org_units (id),
      to_unit_id bigint NOT NULL REFERENCES org_units (id),
      to_working_unit_id bigint NOT NULL REFERENCES org_units (id),
      effective_date date NOT NULL,
      decision jsonb NOT NULL,
      decided_at timestamptz NOT NULL,
      decided_by text NOT NULL,
      received_at timestamptz,
      received_by text,
      account_id uuid REFERENCES accounts (id),
      CHECK (from_unit_id <> to_unit_id),
      CHECK ((received_at IS NULL) = (received_by IS NULL))
    );
    CREATE INDEX transfers_employee ON transfers (employee_id);
    CREATE INDEX transfers_awaiting ON transfers (to_unit_id) WHERE received_at IS NULL;
    CREATE INDEX transfers_from ON transfers (from_unit_id);
  `.execute(db);
}
