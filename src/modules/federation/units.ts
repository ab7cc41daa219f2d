// The organisation tree shared down: the national node sends units (by official code and start date,
// parents first); a local node inserts or updates its own copy with its own ids and ltree paths.
// History is kept as the unit's creation under its current name (dated renames are not replayed).
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { searchKey } from '../../platform/text.ts';
import * as repo from './federation.repository.ts';

export interface PortableUnit {
  code: string;
  name: string;
  kind: string;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
  parent: { code: string; from: string } | null;
  successor: { code: string; from: string } | null;
}

/** Re-scan margin: a unit updated in a transaction that commits late is still sent next time. */
const MARGIN_MS = 10 * 60_000;

export async function unitsSince(db: Queryable, since: string | null) {
  const from = since ? new Date(Date.parse(since) - MARGIN_MS) : null;
  const rows = await repo.unitsChangedSince(db, from);
  let high = since;
  const units: PortableUnit[] = rows.map((r) => {
    const at = new Date(r.updated_at).toISOString();
    if (!high || at > high) high = at;
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      provinceCode: r.province_code,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      parent: r.parent_code ? { code: r.parent_code, from: r.parent_from! } : null,
      successor: r.successor_code ? { code: r.successor_code, from: r.successor_from! } : null,
    };
  });
  return { units, highWater: high };
}

async function insertUnit(trx: Tx, u: PortableUnit, at: Date): Promise<void> {
  const parent = u.parent ? await repo.unitByCode(trx, u.parent.code, u.parent.from) : undefined;
  const r = await sql<{ id: number }>`SELECT nextval('org_units_id_seq')::int AS id`.execute(trx);
  const id = r.rows[0]!.id;
  await trx
    .insertInto('org_units')
    .values({
      id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parent_id: parent?.id ?? null,
      path: parent ? `${parent.path}.u${id}` : `u${id}`,
      province_code: u.provinceCode,
      valid_from: u.validFrom,
      valid_to: u.validTo,
      successor_id: null,
      search_name: searchKey(`${u.code} ${u.name}`),
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('org_unit_history')
    .values({
      unit_id: id,
      change: 'create',
      valid_from: u.validFrom,
      name: u.name,
      parent_id: parent?.id ?? null,
      decision: JSON.stringify(null),
      recorded_at: at,
      recorded_by: 'system:federation',
    })
    .execute();
}

async function updateUnit(trx: Tx, id: number, path: string, u: PortableUnit, at: Date): Promise<void> {
  const parent = u.parent ? await repo.unitByCode(trx, u.parent.code, u.parent.from) : undefined;
  await trx
    .updateTable('org_units')
    .set({
      name: u.name,
      kind: u.kind,
      province_code: u.provinceCode,
      valid_to: u.validTo,
      search_name: searchKey(`${u.code} ${u.name}`),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  const newPath = parent ? `${parent.path}.u${id}` : `u${id}`;
  if (newPath === path) return;
  await sql`UPDATE org_units SET parent_id = CASE WHEN id = ${id} THEN ${parent?.id ?? null}::bigint ELSE parent_id END,
      path = CASE WHEN path = ${path}::ltree THEN ${newPath}::ltree
                  ELSE ${newPath}::ltree || subpath(path, nlevel(${path}::ltree)) END
    WHERE path <@ ${path}::ltree`.execute(trx);
}

/** Upserts the units (parents first), then links successors; returns how many were new. */
export async function applyUnits(trx: Tx, units: PortableUnit[], at: Date): Promise<number> {
  let created = 0;
  for (const u of units) {
    const held = await repo.unitByCode(trx, u.code, u.validFrom);
    if (held) await updateUnit(trx, held.id, held.path, u, at);
    else {
      await insertUnit(trx, u, at);
      created++;
    }
  }
  for (const u of units) {
    const succ = u.successor ? await repo.unitByCode(trx, u.successor.code, u.successor.from) : undefined;
    await trx
      .updateTable('org_units')
      .set({ successor_id: succ?.id ?? null })
      .where('code', '=', u.code)
      .where('valid_from', '=', u.validFrom)
      .execute();
  }
  return created;
}
