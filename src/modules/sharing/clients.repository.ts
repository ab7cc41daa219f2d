// All SQL on the registered API clients and the client-assertion ids already used.
import { sql, type Selectable } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';
import type { SharingClientsTable } from '../../db/schema.ts';

export type ClientRow = Selectable<SharingClientsTable>;
type NewRow = Omit<ClientRow, 'public_jwk'> & { public_jwk: string | null };

export async function insertClient(trx: Tx, row: NewRow): Promise<void> {
  await trx.insertInto('sharing_clients').values(row).execute();
}

export async function findClient(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<ClientRow | undefined> {
  let query = q.selectFrom('sharing_clients').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listClients(q: Queryable): Promise<ClientRow[]> {
  return q.selectFrom('sharing_clients').selectAll().orderBy('name').orderBy('id').limit(1000).execute();
}

export async function isNameTaken(q: Queryable, name: string, exceptId?: string): Promise<boolean> {
  let query = q
    .selectFrom('sharing_clients')
    .select('id')
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export type ClientPatch = Partial<
  Omit<ClientRow, 'id' | 'created_at' | 'created_by' | 'public_jwk'> & { public_jwk: string | null }
>;

export async function updateClient(trx: Tx, id: string, patch: ClientPatch): Promise<void> {
  await trx.updateTable('sharing_clients').set(patch).where('id', '=', id).execute();
}

/** The units among ids that exist, with their current paths. */
export async function unitsByIds(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return q
    .selectFrom('org_units')
    .select(['id', 'path', 'valid_to'])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Records the assertion id; false when this client used it before (a replay). Expired ids are
 * pruned on the way: an expired assertion is refused by its exp anyway.
 */
export async function useAssertionId(trx: Tx, clientId: string, jti: string, expiresAt: Date, now: Date) {
  await trx.deleteFrom('sharing_assertions').where('expires_at', '<', now).execute();
  const r = await trx
    .insertInto('sharing_assertions')
    .values({ client_id: clientId, jti, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['client_id', 'jti']).doNothing())
    .returning('jti')
    .executeTakeFirst();
  return r !== undefined;
}
