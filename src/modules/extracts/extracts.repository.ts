// SQL of the extract registry.
import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';

export interface ExtractSummary {
  personName: string;
  issuingUnit: string;
  signers: { role: 'person' | 'agency'; name: string; serial: string; signedAt: string }[];
}

export interface NewExtract {
  id: string;
  number: string;
  code: string;
  employee_id: string;
  unit_id: number;
  issued_by: string;
  issuer_account_id: string | null;
  issued_at: Date;
  pdf_sha256: string;
  json_sha256: string;
  summary: ExtractSummary;
}

export async function nextNumber(db: Queryable): Promise<number> {
  const r = await sql<{ n: string }>`SELECT nextval('extract_number_seq')::text AS n`.execute(db);
  return Number(r.rows[0]!.n);
}

export async function insertExtract(db: Queryable, row: NewExtract): Promise<void> {
  await db
    .insertInto('extracts')
    .values({ ...row, summary: JSON.stringify(row.summary) })
    .execute();
}

const COLUMNS = [
  'x.id',
  'x.number',
  'x.code',
  'x.employee_id',
  'x.unit_id',
  'x.issued_by',
  'x.issued_at',
  'x.pdf_sha256',
  'x.json_sha256',
  'x.summary',
  'x.revoked_at',
  'x.revoke_reason',
] as const;

/** A registry entry by code, PDF hash or JSON hash (public verification: no scope). */
export async function findBy(db: Queryable, by: 'code' | 'pdf_sha256' | 'json_sha256', value: string) {
  return db.selectFrom('extracts as x').select(COLUMNS).where(`x.${by}`, '=', value).executeTakeFirst();
}

/**
 * An entry the actor may revoke: the person's current managing unit, or the unit that issued it, is in
 * the actor's extract.revoke subtree. Locked for the update.
 */
export async function findRevocable(db: Queryable, id: string, actor: Actor) {
  return db
    .selectFrom('extracts as x')
    .innerJoin('employees as e', 'e.id', 'x.employee_id')
    .innerJoin('org_units as mu', 'mu.id', 'e.managing_unit_id')
    .innerJoin('org_units as iu', 'iu.id', 'x.unit_id')
    .select([...COLUMNS, 'mu.path as managing_path'])
    .where('x.id', '=', id)
    .where((eb) =>
      eb.or([inScope('mu.path', actor, 'extract.revoke'), inScope('iu.path', actor, 'extract.revoke')]),
    )
    .forUpdate('x')
    .executeTakeFirst();
}

export async function markRevoked(
  db: Queryable,
  id: string,
  at: Date,
  by: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('extracts')
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** A person's extracts, newest first (the caller has checked the person is in scope). */
export async function listForEmployee(db: Queryable, employeeId: string) {
  return db
    .selectFrom('extracts as x')
    .select(COLUMNS)
    .where('x.employee_id', '=', employeeId)
    .orderBy('x.issued_at', 'desc')
    .limit(200)
    .execute();
}

export type ExtractRow = NonNullable<Awaited<ReturnType<typeof findBy>>>;
