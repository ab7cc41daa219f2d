// Frozen once landed: add a new migration instead of editing this one.
// Data sharing with other information systems (Circular 06 Art. 8–9, Decree 27 Art. 15 & 20): the
// registered API clients — how each authenticates, what it may ask (scopes), see (fields), for which
// purposes and where (org subtrees), how often — and the client-assertion ids already used (RFC 7523).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sharing_clients (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      owner_body text NOT NULL,
      contact text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'suspended')),
      auth_method text NOT NULL CHECK (auth_method IN ('client_secret', 'private_key_jwt')),
      -- argon2id of the client secret (shown once); or the registered public JWK (no private part).
      secret_hash text,
      public_jwk jsonb,
      scopes text[] NOT NULL,
      fields text[] NOT NULL,
      purposes text[] NOT NULL,
      -- Subtree roots: paths are looked up at each call, so a moved or renamed unit keeps its scope.
      unit_ids int[] NOT NULL CHECK (cardinality(unit_ids) > 0),
      rate_per_minute int NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 100000),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      secret_rotated_at timestamptz,
      suspended_at timestamptz,
      CHECK ((auth_method = 'client_secret') = (secret_hash IS NOT NULL)),
      CHECK ((auth_method = 'private_key_jwt') = (public_jwk IS NOT NULL))
    );
    CREATE UNIQUE INDEX sharing_clients_name ON sharing_clients (lower(name));

    -- A client assertion is accepted once: its jti is kept until the assertion expires.
    CREATE TABLE sharing_assertions (
      client_id uuid NOT NULL REFERENCES sharing_clients (id),
      jti text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (client_id, jti)
    );
    CREATE INDEX sharing_assertions_expiry ON sharing_assertions (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sharing_assertions; DROP TABLE sharing_clients;`.execute(db);
}
