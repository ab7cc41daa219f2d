// Ledger rows as they travel between nodes. Ids are local to each database, so a portable row names
// units by official code and start date, job positions by unit and code, and the action a correction
// or cancellation targets by its seq in the same record. Its hash (over the canonical JSON) is the
// same on every node, which makes a re-sent row recognisable.
import type { Queryable } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { canonicalJson, sha256 } from './crypto.ts';
import * as repo from './federation.repository.ts';

export interface ActionRowLike {
  id: number;
  employee_id: string;
  seq: number;
  type: string;
  effective_date: string;
  decision_no: string | null;
  decision_date: string | null;
  signer_name: string | null;
  signer_title: string | null;
  issuing_body: string | null;
  legal_basis: string | null;
  payload: Record<string, unknown>;
  target_action_id: number | null;
  note: string | null;
  recorded_at: Date;
  recorded_by: string;
  request_id: string | null;
}

export interface PortableRow {
  seq: number;
  type: string;
  effectiveDate: string;
  decision: {
    number: string | null;
    date: string | null;
    signerName: string | null;
    signerTitle: string | null;
    issuingBody: string | null;
  };
  legalBasis: string | null;
  payload: Record<string, unknown>;
  targetSeq: number | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
  requestId: string | null;
}

const UNIT_KEYS = new Set(['workingUnitId', 'managingUnitId']);

const refused = (field: string, reason: string) =>
  new AppError('INVALID_REFERENCE', `Không ánh xạ được tham chiếu ${field}`, [{ field, reason }]);

export const rowHash = (r: PortableRow): string => sha256(canonicalJson(r));

/** Walks a payload, replacing every id-valued reference with what `map` makes of it. */
async function mapRefs(
  value: unknown,
  map: (key: string, v: unknown, parent: Record<string, unknown>) => Promise<unknown>,
): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => mapRefs(v, map)));
  if (value === null || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    const mapped = await map(k, v, src);
    out[k] = mapped === undefined ? await mapRefs(v, map) : mapped;
  }
  return out;
}

/** A payload with its ids (units, job positions, the targeted action) as portable references. */
export async function portablePayload(
  db: Queryable,
  payload: Record<string, unknown>,
  ledger: { id: number; seq: number }[],
): Promise<Record<string, unknown>> {
  const seqOf = (id: number) => ledger.find((x) => x.id === id)?.seq;
  return (await mapRefs(payload, async (k, v) => {
    if (typeof v !== 'number') return undefined;
    if (UNIT_KEYS.has(k)) {
      const u = await repo.unitById(db, v);
      if (!u) throw refused(`/payload/${k}`, `unit ${v} not found`);
      return { unit: u.code, from: u.valid_from };
    }
    if (k === 'jobPositionId') {
      const jp = await repo.jobPositionById(db, v);
      const u = jp && (await repo.unitById(db, jp.unit_id));
      if (!jp || !u) throw refused('/payload/jobPositionId', `job position ${v} not found`);
      return { unit: u.code, from: u.valid_from, position: jp.code };
    }
    if (k === 'targetActionId') return { seq: seqOf(v) ?? null };
    return undefined;
  })) as Record<string, unknown>;
}

export async function toPortable(
  db: Queryable,
  r: ActionRowLike,
  ledger: ActionRowLike[],
): Promise<PortableRow> {
  const seqOf = (id: number) => ledger.find((x) => x.id === id)?.seq;
  const payload = await portablePayload(db, r.payload, ledger);
  return {
    seq: r.seq,
    type: r.type,
    effectiveDate: r.effective_date,
    decision: {
      number: r.decision_no,
      date: r.decision_date,
      signerName: r.signer_name,
      signerTitle: r.signer_title,
      issuingBody: r.issuing_body,
    },
    legalBasis: r.legal_basis,
    payload,
    targetSeq: r.target_action_id === null ? null : (seqOf(r.target_action_id) ?? null),
    note: r.note,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by,
    requestId: r.request_id,
  };
}

type Ref = { unit?: unknown; from?: unknown; position?: unknown; seq?: unknown };
const isRef = (v: unknown): v is Ref => v !== null && typeof v === 'object' && !Array.isArray(v);

async function localUnit(db: Queryable, ref: Ref, field: string): Promise<number> {
  const u = await repo.unitByCode(db, String(ref.unit), String(ref.from));
  if (!u) throw refused(field, `no unit ${String(ref.unit)} from ${String(ref.from)} on this node`);
  return u.id;
}

const idOfSeq = (ledger: { id: number; seq: number }[], seq: unknown, field: string) => {
  const hit = ledger.find((x) => x.seq === seq);
  if (!hit) throw refused(field, `no action with seq ${String(seq)} in this record`);
  return hit.id;
};

/** A portable payload with this node's ids. */
export async function localPayload(
  db: Queryable,
  payload: Record<string, unknown>,
  ledger: { id: number; seq: number }[],
): Promise<Record<string, unknown>> {
  return (await mapRefs(payload, async (k, v) => {
    if (!isRef(v)) return undefined;
    if (UNIT_KEYS.has(k)) return localUnit(db, v, `/payload/${k}`);
    if (k === 'jobPositionId') {
      const unitId = await localUnit(db, v, '/payload/jobPositionId');
      const jp = await repo.jobPositionByCode(db, unitId, String(v.position));
      if (!jp) throw refused('/payload/jobPositionId', `no job position ${String(v.position)}`);
      return jp.id;
    }
    if (k === 'targetActionId') return idOfSeq(ledger, v.seq, '/payload/targetActionId');
    return undefined;
  })) as Record<string, unknown>;
}

/** A portable row as this node's ledger row (ids resolved here); `ledger` = the record's rows so far. */
export async function fromPortable(
  db: Queryable,
  employeeId: string,
  p: PortableRow,
  ledger: { id: number; seq: number }[],
): Promise<Omit<ActionRowLike, 'id'>> {
  const payload = await localPayload(db, p.payload, ledger);
  return {
    employee_id: employeeId,
    seq: p.seq,
    type: p.type,
    effective_date: p.effectiveDate,
    decision_no: p.decision.number,
    decision_date: p.decision.date,
    signer_name: p.decision.signerName,
    signer_title: p.decision.signerTitle,
    issuing_body: p.decision.issuingBody,
    legal_basis: p.legalBasis,
    payload,
    target_action_id: p.targetSeq === null ? null : idOfSeq(ledger, p.targetSeq, '/targetSeq'),
    note: p.note,
    recorded_at: new Date(p.recordedAt),
    recorded_by: p.recordedBy,
    request_id: p.requestId,
  };
}

/** A record's ledger from `fromSeq` on, portable, each row with its hash. */
export async function portableLedger(db: Queryable, employeeId: string, fromSeq = 1): Promise<PortableRow[]> {
  const ledger = await repo.ledgerOf(db, employeeId);
  const out: PortableRow[] = [];
  for (const r of ledger) if (r.seq >= fromSeq) out.push(await toPortable(db, r, ledger));
  return out;
}
