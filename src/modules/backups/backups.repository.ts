// SQL of backups: the catalog (which tables, keys, foreign keys, sequences), streaming rows out as
// JSON through a cursor, and loading them back with json_populate_recordset. Rows never pass through
// JavaScript values, so bigint, numeric and timestamps keep their exact text on both engines.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';

export interface TableInfo {
  name: string;
  /** Primary-key columns in key order; `collatable` ones are ordered with COLLATE "C". */
  key: { column: string; collatable: boolean }[];
  /** Columns a restore writes: all but generated ones, which the target computes again. */
  columns: string[];
}

export interface ForeignKey {
  table: string;
  name: string;
  references: string;
  definition: string;
}

export interface SequenceValue {
  name: string;
  /** Text, not a number: a bigint sequence may pass 2^53. */
  value: string;
  isCalled: boolean;
}

// Kysely's own bookkeeping: its content is the schema version, recreated by migrating the target.
const NOT_DATA = `'kysely_migration', 'kysely_migration_lock'`;
const CURSOR = 'hoso_backup_rows';

/** Rows render timestamps in the session time zone: UTC, so both engines print the same text. */
export async function useUtc(trx: Tx): Promise<void> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
}

export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const exists = await sql<{
    t: string | null;
  }>`SELECT to_regclass('public.kysely_migration')::text AS t`.execute(q);
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name COLLATE "C"`.execute(
    q,
  );
  return r.rows.map((x) => x.name);
}

export async function serverVersion(q: Queryable): Promise<string> {
  const r = await sql<{ v: string }>`SELECT version() AS v`.execute(q);
  return r.rows[0]?.v ?? 'unknown';
}

export async function listTables(q: Queryable): Promise<TableInfo[]> {
  const r = await sql<{ name: string; column: string | null; collatable: boolean | null }>`
    SELECT c.relname AS name, a.attname AS column, a.attcollation <> 0 AS collatable
    FROM pg_class c
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    LEFT JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname NOT IN (${sql.raw(NOT_DATA)})
    ORDER BY c.relname COLLATE "C", k.pos`.execute(q);
  const columns = await sql<{ name: string; column: string }>`
    SELECT c.relname AS name, a.attname AS column
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname COLLATE "C", a.attnum`.execute(q);
  const tables = new Map<string, TableInfo>();
  for (const row of r.rows) {
    const t = tables.get(row.name) ?? { name: row.name, key: [], columns: [] };
    if (row.column) t.key.push({ column: row.column, collatable: row.collatable === true });
    tables.set(row.name, t);
  }
  for (const { name, column } of columns.rows) tables.get(name)?.columns.push(column);
  return [...tables.values()];
}

export async function foreignKeys(q: Queryable): Promise<ForeignKey[]> {
  const r = await sql<ForeignKey>`
    SELECT conrelid::regclass::text AS table, conname AS name, confrelid::regclass::text AS references,
           pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    WHERE contype = 'f' AND connamespace = 'public'::regnamespace
    ORDER BY conrelid::regclass::text COLLATE "C", conname COLLATE "C"`.execute(q);
  return r.rows;
}

export async function sequenceValues(q: Queryable): Promise<SequenceValue[]> {
  const names = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace ORDER BY relname COLLATE "C"`.execute(q);
  const out: SequenceValue[] = [];
  for (const { name } of names.rows) {
    const v = await sql<{ value: string; is_called: boolean }>`
      SELECT last_value::text AS value, is_called FROM ${sql.id(name)}`.execute(q);
    const row = v.rows[0];
    if (row) out.push({ name, value: row.value, isCalled: row.is_called });
  }
  return out;
}

export async function setSequence(trx: Tx, s: SequenceValue): Promise<void> {
  await sql`SELECT setval(quote_ident(${s.name})::regclass, ${s.value}::bigint, ${s.isCalled})`.execute(trx);
}

function orderBy(t: TableInfo): RawBuilder<unknown> {
  // Text keys sort bytewise: the engines' default collations differ, the checksums must not.
  if (t.key.length === 0) return sql`row_to_json(t)::text COLLATE "C"`;
  return sql.join(t.key.map((k) => (k.collatable ? sql`${sql.id(k.column)} COLLATE "C"` : sql.id(k.column))));
}

/**
 * The table's rows as JSON text, in key order, `pageSize` at a time. Needs a transaction (the
 * cursor lives in it): the caller's snapshot is what is read.
 */
export async function* tableRows(trx: Tx, t: TableInfo, pageSize = 2000): AsyncGenerator<string[]> {
  await sql`DECLARE ${sql.id(CURSOR)} NO SCROLL CURSOR FOR
    SELECT row_to_json(t)::text AS j FROM ${sql.id(t.name)} t ORDER BY ${orderBy(t)}`.execute(trx);
  try {
    for (;;) {
      const page = await sql<{
        j: string;
      }>`FETCH ${sql.raw(String(pageSize))} FROM ${sql.id(CURSOR)}`.execute(trx);
      if (page.rows.length > 0) yield page.rows.map((r) => r.j);
      if (page.rows.length < pageSize) break;
    }
  } finally {
    await sql`CLOSE ${sql.id(CURSOR)}`.execute(trx);
  }
}

/** Inserts rows given as a JSON array text; identity columns keep their backed-up values. */
export async function insertRows(trx: Tx, t: TableInfo, jsonArray: string): Promise<void> {
  const cols = sql.join(t.columns.map((c) => sql.id(c)));
  await sql`INSERT INTO ${sql.id(t.name)} (${cols}) OVERRIDING SYSTEM VALUE
    SELECT ${cols} FROM json_populate_recordset(NULL::${sql.id(t.name)}, ${jsonArray}::json)`.execute(trx);
}

// Foreign keys are lifted while rows load (a unit may name a successor created after it) and put
// back afterwards, which checks every row at once. Definitions come from the catalog, not from input.
export async function dropForeignKey(trx: Tx, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.id(fk.table)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(trx);
}

export async function addForeignKey(trx: Tx, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.id(fk.table)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
    trx,
  );
}

/** Tables (other than Kysely's) that hold at least one row. */
export async function nonEmptyTables(db: Kysely<DB>): Promise<string[]> {
  const out: string[] = [];
  for (const t of await listTables(db)) {
    const r = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(t.name)}) AS any`.execute(db);
    if (r.rows[0]?.any) out.push(t.name);
  }
  return out;
}

export interface BackupEvent {
  at: Date;
  action: string;
  entity_id: string | null;
  details: unknown;
}

/** The newest audit event of each backup action, for the status page's alerts. */
export async function latestBackupEvents(q: Queryable, actions: string[]): Promise<BackupEvent[]> {
  const r = await sql<BackupEvent>`
    SELECT DISTINCT ON (action) at, action, entity_id, details FROM audit_events
    WHERE entity = 'backup' AND action IN (${sql.join(actions)})
    ORDER BY action, id DESC`.execute(q);
  return r.rows;
}
