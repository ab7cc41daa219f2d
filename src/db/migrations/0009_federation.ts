// Frozen once landed: add a new migration instead of editing this one.
// Nodes and federation (Circular 06 Art. 10): the national node's registry of ministry/province nodes,
// who owns each record, what each node already holds; a local node's per-record up-flow cursor.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- National node: registered nodes, their Ed25519 public keys and the official code of their subtree.
    CREATE TABLE federation_nodes (
      code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
      scope_code text NOT NULL,
      public_key text NOT NULL,
      registered_at timestamptz NOT NULL,
      registered_by text NOT NULL,
      last_batch_at timestamptz,
      last_pull_at timestamptz
    );

    -- National node: the one owner of each record that came from (or was transferred to) a node.
    -- No row = the national node owns it.
    CREATE TABLE federation_owners (
      employee_id uuid PRIMARY KEY REFERENCES employees (id),
      node_code text NOT NULL REFERENCES federation_nodes (code),
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX federation_owners_node ON federation_owners (node_code);

    -- National node: the highest ledger seq each node is known to hold of a record (sent by it, or
    -- delivered to it and acknowledged), so down-flow sends only what a node lacks.
    CREATE TABLE federation_deliveries (
      node_code text NOT NULL REFERENCES federation_nodes (code),
      employee_id uuid NOT NULL REFERENCES employees (id),
      seq int NOT NULL CHECK (seq >= 0),
      PRIMARY KEY (node_code, employee_id)
    );

    -- Local node: per record, the highest seq the national node acknowledged. A per-record seq cursor
    -- (not "ids above N") so a ledger row committed late is never skipped.
    CREATE TABLE federation_outbox (
      employee_id uuid PRIMARY KEY REFERENCES employees (id),
      acked_seq int NOT NULL CHECK (acked_seq >= 0),
      acked_at timestamptz NOT NULL
    );

    -- Local node: last exchange, last error, down-flow high-water marks.
    CREATE TABLE federation_state (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `.execute(db);
}
