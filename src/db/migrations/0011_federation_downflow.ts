// Frozen once landed: add a new migration instead of editing this one.
// Down-flow of the federation (Circular 06 Art. 10): an action the national node records on a record a
// node owns is routed to that owner (one owner at a time: it is never written on the national node
// first); the owner applies it and its ledger row comes back up like any other.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- National node: routed actions and what the owner made of them.
    CREATE TABLE federation_routed_actions (
      id uuid PRIMARY KEY,
      employee_id uuid NOT NULL REFERENCES employees (id),
      node_code text NOT NULL REFERENCES federation_nodes (code),
      action jsonb NOT NULL,
      requested_by text NOT NULL,
      requested_by_name text NOT NULL,
      requested_by_account uuid,
      requested_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'refused')),
      seq int,
      code text,
      reason text,
      decided_at timestamptz
    );
    CREATE INDEX federation_routed_pending ON federation_routed_actions (node_code, requested_at)
      WHERE status = 'pending';
    CREATE INDEX federation_routed_employee ON federation_routed_actions (employee_id, requested_at);

    -- Local node: each routed action taken, applied at most once (this row is written in the same
    -- transaction as its ledger row), and its result reported back until the national node took it.
    CREATE TABLE federation_routed_received (
      id uuid PRIMARY KEY,
      employee_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('applied', 'refused')),
      seq int,
      code text,
      reason text,
      received_at timestamptz NOT NULL,
      reported_at timestamptz
    );
    CREATE INDEX federation_routed_unreported ON federation_routed_received (received_at)
      WHERE reported_at IS NULL;

    -- National node: each pull asks what changed in the structure since the node's watermark; without
    -- these every pull of every node would scan the nation's units, history, job positions and quotas.
    CREATE INDEX org_units_updated ON org_units (updated_at);
    CREATE INDEX org_unit_history_recorded ON org_unit_history (recorded_at);
    CREATE INDEX job_positions_created ON job_positions (created_at);
    CREATE INDEX staffing_quotas_updated ON staffing_quotas (updated_at);
  `.execute(db);
}
