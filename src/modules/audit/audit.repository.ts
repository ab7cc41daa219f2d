import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import type { ChainedEvent, SealedLink } from './chain.ts';

/** Only one sealer links events at a time (per node); writers never take it. */
const SEALER_LOCK = 7_263_515_204_116;

export interface AuditInput {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  role: string | null;
  ip: string | null;
  subjectId: string | null;
  unitPath: string | null;
  details: unknown;
  mac: string;
}

/** Appends events and queues them for the sealer, in one statement and without any lock. */
export async function insertAuditEvents(db: Queryable, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .with('ins', (qb) =>
      qb
        .insertInto('audit_events')
        .values(
          events.map((e) => ({
            at: e.at,
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            entity_id: e.entityId,
            request_id: e.requestId,
            role: e.role,
            ip: e.ip,
            subject_id: e.subjectId,
            unit_path: e.unitPath,
            details: JSON.stringify(e.details),
            mac: e.mac,
          })),
        )
        .returning('id'),
    )
    .insertInto('audit_pending')
    .columns(['event_id'])
    .expression((eb) => eb.selectFrom('ins').select('ins.id'))
    .execute();
}

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const asJson = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

const EVENT_FIELDS = [
  'e.at',
  'e.actor',
  'e.action',
  'e.entity',
  'e.entity_id',
  'e.request_id',
  'e.role',
  'e.ip',
  'e.subject_id',
  sql<string | null>`e.unit_path::text`.as('unit_path'),
  'e.details',
] as const;

/** An event's chained fields as a driver hands them back (PGlite may give text for timestamps and jsonb). */
type EventRow = Omit<ChainedEvent, 'at'> & { at: Date | string };

const chained = (r: EventRow): ChainedEvent => ({ ...r, at: asDate(r.at), details: asJson(r.details) });

/** Takes the sealer's lock for this transaction; false when another sealer holds it. */
export async function tryLockSealer(trx: Queryable): Promise<boolean> {
  const r = await sql<{
    got: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${sql.lit(SEALER_LOCK)}) AS got`.execute(trx);
  return r.rows[0]?.got === true;
}

/** The chain's last seal, or undefined while nothing is sealed. */
export async function sealTail(db: Queryable): Promise<{ seq: number; hash: string } | undefined> {
  const r = await db
    .selectFrom('audit_seals')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { seq: Number(r.seq), hash: r.hash };
}

export interface PendingEvent {
  id: number;
  mac: string | null;
  event: ChainedEvent;
}

/** Committed events waiting for their seal, oldest first. */
export async function pendingEvents(db: Queryable, afterId: number, limit: number): Promise<PendingEvent[]> {
  const rows = await db
    .selectFrom('audit_pending as p')
    .innerJoin('audit_events as e', 'e.id', 'p.event_id')
    .select(['e.id', 'e.mac', ...EVENT_FIELDS])
    .where('p.event_id', '>', afterId)
    .orderBy('p.event_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), mac: r.mac, event: chained(r) }));
}

export interface SealInput {
  seq: number;
  eventId: number;
  prevHash: string;
  hash: string;
}

export async function insertSeals(trx: Queryable, seals: SealInput[], at: Date): Promise<void> {
  if (seals.length === 0) return;
  await trx
    .insertInto('audit_seals')
    .values(
      seals.map((s) => ({
        seq: s.seq,
        event_id: s.eventId,
        prev_hash: s.prevHash,
        hash: s.hash,
        sealed_at: at,
      })),
    )
    .execute();
  await trx
    .deleteFrom('audit_pending')
    .where(
      'event_id',
      'in',
      seals.map((s) => s.eventId),
    )
    .execute();
}

/** How far the sealer is behind: events waiting and the age of the oldest. */
export async function pendingStats(db: Queryable): Promise<{ pending: number; oldest: Date | null }> {
  const r = await db
    .selectFrom('audit_pending as p')
    .leftJoin('audit_events as e', 'e.id', 'p.event_id')
    .select([sql<string>`count(*)`.as('n'), sql<Date | string | null>`min(e.at)`.as('oldest')])
    .executeTakeFirstOrThrow();
  return { pending: Number(r.n), oldest: r.oldest === null ? null : asDate(r.oldest) };
}

/** A page of the chain in seal order, after `afterSeq`, each seal with its event (when still there). */
export async function sealPage(db: Queryable, afterSeq: number, limit: number): Promise<SealedLink[]> {
  const rows = await db
    .selectFrom('audit_seals as s')
    .leftJoin('audit_events as e', 'e.id', 's.event_id')
    .select([
      's.seq',
      's.event_id',
      's.prev_hash',
      's.hash',
      sql<number | null>`e.id`.as('found'),
      ...EVENT_FIELDS,
    ])
    .where('s.seq', '>', afterSeq)
    .orderBy('s.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    event_id: Number(r.event_id),
    prev_hash: r.prev_hash,
    hash: r.hash,
    event: r.found === null ? undefined : chained(r as EventRow),
  }));
}

export interface UnsealedEvent {
  id: number;
  mac: string | null;
  queued: boolean;
  event: ChainedEvent;
}

/** Events without a seal, in id order, and whether the sealer has them queued. */
export async function unsealedEvents(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<UnsealedEvent[]> {
  const rows = await db
    .selectFrom('audit_events as e')
    .leftJoin('audit_seals as s', 's.event_id', 'e.id')
    .leftJoin('audit_pending as p', 'p.event_id', 'e.id')
    .select(['e.id', 'e.mac', sql<number | null>`p.event_id`.as('queued'), ...EVENT_FIELDS])
    .where('s.event_id', 'is', null)
    .where('e.id', '>', afterId)
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), mac: r.mac, queued: r.queued !== null, event: chained(r) }));
}

/** Queue entries whose event row is gone. */
export async function orphanPending(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectFrom('audit_pending as p')
    .leftJoin('audit_events as e', 'e.id', 'p.event_id')
    .select('p.event_id')
    .where('e.id', 'is', null)
    .orderBy('p.event_id')
    .limit(100)
    .execute();
  return rows.map((r) => Number(r.event_id));
}

/** The seal of the chain's `seq`th event. */
export async function sealAt(
  db: Queryable,
  seq: number,
): Promise<{ hash: string; event_id: number } | undefined> {
  const r = await db
    .selectFrom('audit_seals')
    .select(['hash', 'event_id'])
    .where('seq', '=', seq)
    .executeTakeFirst();
  return r && { hash: r.hash, event_id: Number(r.event_id) };
}

export interface CheckpointRow {
  seq: number;
  head: string;
  at: Date;
  key_id: string;
  signature: string;
}

const checkpointRow = (r: {
  seq: number | string;
  head: string;
  at: Date | string;
  key_id: string;
  signature: string;
}): CheckpointRow => ({ ...r, seq: Number(r.seq), at: asDate(r.at) });

export async function insertCheckpoint(db: Queryable, c: CheckpointRow): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values(c)
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
}

/** The newest checkpoint (at or before `at` when given). */
export async function latestCheckpoint(db: Queryable, at?: Date): Promise<CheckpointRow | undefined> {
  let q = db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1);
  if (at) q = q.where('at', '<=', at);
  const r = await q.executeTakeFirst();
  return r && checkpointRow(r);
}

// The actor column holds an account id (uuid) or a name like "system:cli": only the former joins.
const actorAccount = sql<
  string | null
>`CASE WHEN e.actor ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e.actor::uuid END`;

export interface EventFilter {
  actor: Actor;
  /** Also events placed in no unit (national auditors). */
  includeUnplaced: boolean;
  subjectId?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

function eventsQuery(db: Queryable) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', (join) => join.on(sql<boolean>`a.id = ${actorAccount}`))
    .leftJoin('org_units as au', 'au.id', 'a.home_unit_id')
    .leftJoin('audit_seals as s', 's.event_id', 'e.id')
    .select([
      'e.id',
      'e.at',
      'e.actor',
      // Another information system (a data-sharing client) has no account: its name is in the event.
      sql<string | null>`coalesce(a.display_name, e.details ->> 'clientName')`.as('actor_name'),
      'au.name as actor_unit',
      'e.role',
      'e.ip',
      'e.action',
      'e.entity',
      'e.entity_id',
      'e.request_id',
      'e.subject_id',
      sql<string | null>`e.unit_path::text`.as('unit_path'),
      'e.details',
      's.prev_hash',
      's.hash',
    ])
    .orderBy('e.id', 'desc');
}

/** Events newest first, in the actor's audit.read subtrees and matching the filters. */
export async function listEvents(db: Queryable, f: EventFilter) {
  const scoped = inScope('e.unit_path', f.actor, 'audit.read');
  let q = eventsQuery(db)
    .where(f.includeUnplaced ? sql<boolean>`(${scoped} OR e.unit_path IS NULL)` : scoped)
    .limit(f.limit);
  if (f.subjectId !== undefined) q = q.where('e.subject_id', '=', f.subjectId);
  if (f.action !== undefined) q = q.where('e.action', '=', f.action);
  if (f.entity !== undefined) q = q.where('e.entity', '=', f.entity);
  if (f.from !== undefined) q = q.where('e.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('e.at', '<=', f.to);
  if (f.beforeId !== undefined) q = q.where('e.id', '<', f.beforeId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, at: asDate(r.at), details: asJson(r.details) }));
}

/** Events about one person by anyone other than the person (their own account, `selfActor`). */
export async function listAccessToSubject(
  db: Queryable,
  subjectId: string,
  selfActor: string,
  beforeId: number | undefined,
  limit: number,
) {
  // The person was read when their record was opened (subject_id) or when they appeared in a search
  // result list (details.subjects).
  let q = eventsQuery(db)
    .where((eb) =>
      eb.or([
        eb('e.subject_id', '=', subjectId),
        sql<boolean>`e.details -> 'subjects' @> ${JSON.stringify([subjectId])}::jsonb`,
      ]),
    )
    .where('e.actor', '<>', selfActor)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('accounts as own')
            .select(sql`1`.as('one'))
            .where('own.employee_id', '=', subjectId)
            .where(sql<boolean>`own.id = ${actorAccount}`),
        ),
      ),
    )
    .limit(limit);
  if (beforeId !== undefined) q = q.where('e.id', '<', beforeId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, at: asDate(r.at) }));
}

export async function listAuditEvents(db: Queryable, entity: string, entityId: string) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
