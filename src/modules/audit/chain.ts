// The audit log's hash chain, pure: each event's hash is HMAC(prev_hash + '\n' + canonical JSON of its
// fields), the first event's prev_hash is 'genesis'. The canonical form sorts object keys at every level,
// because jsonb hands details back in its own key order; ids are left out (order is in the links).
import { hmac } from '../../platform/crypto.ts';

export const GENESIS = 'genesis';

/** The fields an event's hash covers, as stored in audit_events. */
export interface ChainedEvent {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  request_id: string | null;
  role: string | null;
  ip: string | null;
  subject_id: string | null;
  unit_path: string | null;
  details: unknown;
}

/** JSON with object keys sorted recursively; built as a string so no key (not even __proto__) is special. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const toJson = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJson === 'function') return canonicalJson((toJson as () => unknown).call(value));
    const obj = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = obj[key];
      if (v === undefined || typeof v === 'function') continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The details as the jsonb column will give them back (undefined dropped, dates as strings). */
export const asStored = (details: unknown): unknown => JSON.parse(JSON.stringify(details ?? {})) as unknown;

function fieldsOf(e: ChainedEvent) {
  return {
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entity_id,
    request_id: e.request_id,
    role: e.role,
    ip: e.ip,
    subject_id: e.subject_id,
    unit_path: e.unit_path,
    details: e.details,
  };
}

/** The chain link: what the sealer stores for the event after `prevHash`. */
export function eventHash(prevHash: string, e: ChainedEvent): string {
  return hmac(`${prevHash}\n${canonicalJson(fieldsOf(e))}`);
}

/**
 * The event's own MAC, written with it before it is sealed: the sealer links only events whose MAC
 * holds, so a row put into the log behind the application's back is never sealed into the chain.
 */
export function eventMac(e: ChainedEvent): string {
  return hmac(`event\n${canonicalJson(fieldsOf(e))}`);
}

/** A seal joined with its event (event fields undefined when the event row is gone). */
export interface SealedLink {
  seq: number;
  event_id: number;
  prev_hash: string;
  hash: string;
  event: ChainedEvent | undefined;
}

export type ChainBreak = { id: number; reason: string };

/** Checks one seal against the seal before it; undefined when it fits. */
export function checkLink(expected: { seq: number; hash: string }, row: SealedLink): ChainBreak | undefined {
  if (row.seq !== expected.seq + 1) {
    return {
      id: row.event_id,
      reason: `seal #${expected.seq + 1} is missing: an event was deleted before this one`,
    };
  }
  if (row.prev_hash !== expected.hash) {
    return {
      id: row.event_id,
      reason: 'prev_hash does not match the previous event: an event was deleted, inserted or moved here',
    };
  }
  if (!row.event) return { id: row.event_id, reason: 'the event was deleted: its seal remains' };
  if (eventHash(row.prev_hash, row.event) !== row.hash) {
    return { id: row.event_id, reason: "hash does not match the event's contents: the event was altered" };
  }
  return undefined;
}
