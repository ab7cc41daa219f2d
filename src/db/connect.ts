// One code path for both deployments: Kysely over node-postgres, where the pool talks either to a
// PostgreSQL server or, through PGlite's node-postgres adapter, to the embedded database.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { DB } from './schema.ts';

// Same value types on both engines: dates stay calendar strings (no time-zone shifts),
// counts come back as numbers, numerics (salary coefficients) as numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The embedded instance, when engine is pglite (backups and dumps need it). */
  pglite?: PGlite;
  /** The server pool, when engine is postgres (its counts feed /metrics and /ready). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… for a server; otherwise PGlite in dataDir (or in memory when dataDir is 'memory://'). */
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** How long a request waits for a connection before it is refused as DATABASE_UNAVAILABLE. */
  connectTimeoutMs?: number;
  /** Told of connection errors (which never end the process), for the log. */
  onConnectionError?: (err: Error) => void;
}

export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, {
    extensions: { ltree, pg_trgm, unaccent, btree_gist, pgcrypto },
  });
}

export async function connect(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // During an outage a connect fails at once (refused); this bounds the wait for a pool slot or a
      // half-open server, so a request answers 503 quickly instead of queueing.
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3_000,
      // A dead server behind a live TCP path is found by keep-alive, not by a hanging query.
      keepAlive: true,
    });
    // No database error may end the process. Idle clients' errors come through the pool; a checked-out
    // client's (57P01 when the server restarts under load) through the client itself, and the query
    // running on it fails on its own, so both are only counted here.
    pool.on('error', (err) => opts.onConnectionError?.(err));
    pool.on('connect', (client) => client.on('error', (err) => opts.onConnectionError?.(err)));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }
  const pglite = await openPglite(opts.dataDir ?? 'memory://');
  // PGlite is a single connection: a pool of one, never closed while idle. A query on `db` while a
  // transaction holds the connection would wait forever, so the timeout turns that bug into an error.
  const pool = new pg.Pool({
    ...createPgConfig(pglite),
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 60_000,
  } as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
