// The organisation structure shared down: the national node sends units (by official code and start
// date, parents first), their dated history (creations, renames, moves, closures with their decisions),
// job positions and staffing quotas; a local node inserts or updates its own copy with its own ids and
// ltree paths, so a past date shows the same structure on every node.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { searchKey } from '../../platform/text.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { upsertQuota } from '../org-units/index.ts';
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

type Ref = { code: string; from: string };
export interface PortableHistory {
  unit: Ref;
  change: 'create' | 'rename' | 'move' | 'close';
  validFrom: string;
  name: string;
  parent: Ref | null;
  decision: unknown;
  recordedAt: string;
  recordedBy: string;
}
export interface PortableJobPosition {
  unit: Ref;
  code: string;
  name: string;
  kind: string;
  requiredRankCode: string | null;
  plannedCount: number;
  validFrom: string;
  validTo: string | null;
  createdAt: string;
}
export interface PortableQuota {
  unit: Ref;
  year: number;
  civilServants: number;
  publicEmployees: number;
  contractWorkers: number;
  decisionNo: string;
  decisionDate: string;
  updatedAt: string;
}
export interface Structure {
  units: PortableUnit[];
  history: PortableHistory[];
  jobPositions: PortableJobPosition[];
  quotas: PortableQuota[];
}

/** Re-scan margin: a change in a transaction that commits late is still sent next time. */
const MARGIN_MS = 10 * 60_000;

const isoOf = (d: Date | string) => new Date(d).toISOString();
const ref = (code: string | null, from: string | null): Ref | null => (code && from ? { code, from } : null);

type Rows<F extends (...a: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

const toUnit = (r: Rows<typeof repo.unitsChangedSince>): PortableUnit => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  provinceCode: r.province_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  parent: ref(r.parent_code, r.parent_from),
  successor: ref(r.successor_code, r.successor_from),
});
const toHistory = (h: Rows<typeof repo.historySince>): PortableHistory => ({
  unit: { code: h.code, from: h.unit_from },
  change: h.change as PortableHistory['change'],
  validFrom: h.valid_from,
  name: h.name,
  parent: ref(h.parent_code, h.parent_from),
  decision: h.decision ?? null,
  recordedAt: isoOf(h.recorded_at),
  recordedBy: h.recorded_by,
});
const toJobPosition = (j: Rows<typeof repo.jobPositionsSince>): PortableJobPosition => ({
  unit: { code: j.unit_code, from: j.unit_from },
  code: j.code,
  name: j.name,
  kind: j.kind,
  requiredRankCode: j.required_rank_code,
  plannedCount: j.planned_count,
  validFrom: j.valid_from,
  validTo: j.valid_to,
  createdAt: isoOf(j.created_at),
});
const toQuota = (q: Rows<typeof repo.quotasSince>): PortableQuota => ({
  unit: { code: q.unit_code, from: q.unit_from },
  year: q.year,
  civilServants: q.civil_servants,
  publicEmployees: q.public_employees,
  contractWorkers: q.contract_workers,
  decisionNo: q.decision_no,
  decisionDate: q.decision_date,
  updatedAt: isoOf(q.updated_at),
});

/** What changed since a watermark (re-scanned with a margin), and the new watermark. */
export async function structureSince(
  db: Queryable,
  since: string | null,
): Promise<Structure & { highWater: string | null }> {
  const from = since ? new Date(Date.parse(since) - MARGIN_MS) : null;
  let high = since;
  const seen = (at: Date | string) => {
    const t = isoOf(at);
    if (!high || t > high) high = t;
  };
  const units = (await repo.unitsChangedSince(db, from)).map((r) => (seen(r.updated_at), toUnit(r)));
  const history = (await repo.historySince(db, from)).map((h) => (seen(h.recorded_at), toHistory(h)));
  const jobPositions = (await repo.jobPositionsSince(db, from)).map(
    (j) => (seen(j.created_at), toJobPosition(j)),
  );
  const quotas = (await repo.quotasSince(db, from)).map((q) => (seen(q.updated_at), toQuota(q)));
  return { units, history, jobPositions, quotas, highWater: high };
}

// A node's first load of the tree comes in pages: the whole nation's structure is too much for one
// answer. Units parents first, then their successors (every unit is there by then), then history, job
// positions and quotas, each by its own key. The cursor carries where the load began: once it is done,
// that time is the watermark, so what changed while the pages were read is sent again by the next pull.
const PHASES = ['units', 'successors', 'history', 'jobPositions', 'quotas'] as const;
interface Cursor {
  phase: (typeof PHASES)[number];
  after: number[] | null;
  start: string;
}

function readCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    const keyOk = c.after === null || (Array.isArray(c.after) && c.after.every(Number.isSafeInteger));
    if (PHASES.includes(c.phase) && keyOk && !Number.isNaN(Date.parse(c.start))) return c;
  } catch {
    // fall through: not a cursor this node issued
  }
  throw invalid('/structureCursor', 'Con trỏ tải cơ cấu tổ chức không hợp lệ; hãy tải lại từ đầu');
}
const writeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

/** Each phase's page: its rows go into `out`; returns each row's key, in order. */
type PhaseRows = (
  db: Queryable,
  after: number[] | null,
  limit: number,
  out: Structure,
) => Promise<number[][]>;
const PAGES: Record<Cursor['phase'], PhaseRows> = {
  units: async (db, after, limit, out) => {
    const rows = await repo.unitsPage(db, after ? [after[0]!, after[1]!] : null, limit);
    out.units.push(...rows.map(toUnit));
    return rows.map((r) => [r.level, r.id]);
  },
  successors: async (db, after, limit, out) => {
    const rows = await repo.successorsPage(db, after?.[0] ?? 0, limit);
    out.units.push(...rows.map(toUnit));
    return rows.map((r) => [r.id]);
  },
  history: async (db, after, limit, out) => {
    const rows = await repo.historyPage(db, after?.[0] ?? 0, limit);
    out.history.push(...rows.map(toHistory));
    return rows.map((r) => [r.id]);
  },
  jobPositions: async (db, after, limit, out) => {
    const rows = await repo.jobPositionsPage(db, after?.[0] ?? 0, limit);
    out.jobPositions.push(...rows.map(toJobPosition));
    return rows.map((r) => [r.id]);
  },
  quotas: async (db, after, limit, out) => {
    const rows = await repo.quotasPage(db, after ? [after[0]!, after[1]!] : null, limit);
    out.quotas.push(...rows.map(toQuota));
    return rows.map((r) => [r.unit_id, r.year]);
  },
};

/** One page (at most `limit` rows in all) of the first load; `next` is null once the load is complete. */
export async function structurePage(
  db: Queryable,
  cursor: string | null,
  limit: number,
  now: Date,
): Promise<Structure & { next: string | null; highWater: string | null }> {
  const c: Cursor = cursor ? readCursor(cursor) : { phase: 'units', after: null, start: now.toISOString() };
  const out: Structure = { units: [], history: [], jobPositions: [], quotas: [] };
  let { phase, after } = c;
  let room = limit;
  for (;;) {
    const rows = await PAGES[phase](db, after, room, out);
    const got = rows.length;
    const last = got ? rows[got - 1]! : null;
    room -= got;
    if (room === 0) {
      return { ...out, next: writeCursor({ phase, after: last, start: c.start }), highWater: null };
    }
    const i = PHASES.indexOf(phase);
    if (i === PHASES.length - 1) return { ...out, next: null, highWater: c.start };
    phase = PHASES[i + 1]!;
    after = null;
  }
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

async function unitOf(trx: Tx, r: Ref, field: string): Promise<number> {
  const u = await repo.unitByCode(trx, r.code, r.from);
  if (!u) {
    throw new AppError('INVALID_REFERENCE', `Nút này chưa có đơn vị ${r.code} (từ ${r.from})`, [
      { field, reason: 'unit not received yet' },
    ]);
  }
  return u.id;
}

/**
 * Takes the structure (units parents first, then successors, history, job positions, quotas); returns
 * how many units were new. One transaction: a pull that fails half-way leaves the watermark where it was.
 */
export async function applyStructure(trx: Tx, s: Partial<Structure>, at: Date): Promise<number> {
  const units = s.units ?? [];
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
  for (const h of s.history ?? []) {
    await repo.insertHistoryOnce(trx, {
      unit_id: await unitOf(trx, h.unit, '/history/unit'),
      change: h.change,
      valid_from: h.validFrom,
      name: h.name,
      parent_id: h.parent ? await unitOf(trx, h.parent, '/history/parent') : null,
      decision: h.decision,
      recorded_at: new Date(h.recordedAt),
      recorded_by: h.recordedBy,
    });
  }
  for (const j of s.jobPositions ?? []) {
    await repo.upsertJobPosition(trx, {
      unit_id: await unitOf(trx, j.unit, '/jobPositions/unit'),
      code: j.code,
      name: j.name,
      kind: j.kind,
      required_rank_code: j.requiredRankCode,
      planned_count: j.plannedCount,
      valid_from: j.validFrom,
      valid_to: j.validTo,
      created_at: new Date(j.createdAt),
    });
  }
  for (const q of s.quotas ?? []) {
    const unitId = await unitOf(trx, q.unit, '/quotas/unit');
    await upsertQuota(trx, unitId, q.year, q, new Date(q.updatedAt));
  }
  return created;
}
