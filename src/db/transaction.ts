import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;
export type Queryable = Kysely<DB> | Tx;

/** Runs fn in one transaction: everything it writes lands together or not at all. */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** Runs fn in the caller's transaction when given one, else in a new one (for multi-step operations). */
export function withTransaction<T>(
  db: Kysely<DB>,
  trx: Tx | undefined,
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return trx ? fn(trx) : inTransaction(db, fn);
}
