import { sql } from 'kysely';
import type { Queryable } from '../../db/transaction.ts';
import type { Actor } from '../../platform/context.ts';
import { inScope } from '../access/index.ts';
import type { StoredLink } from './chain.ts';

/** One advisory lock serialises appends to the chain; taken per transaction, released at commit. */
const CHAIN_LOCK = 7_263_515_204_115;

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
  prevHash: string;
  hash: string;
}

/** Locks the chain for this transaction and returns the hash of its last event (undefined when empty). */
export async function lockChainTail(trx: Queryable): Promise<{ hash: string | null } | undefined> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(trx);
  return trx.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditEvents(db: Queryable, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
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
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute();
}

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const asJson = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** A page of the chain in id order, after `afterId`. */
export async function chainPage(db: Queryable, afterId: number | null, limit: number): Promise<StoredLink[]> {
  let q = db
    .selectFrom('audit_events')
    .select([
      'id',
      'at',
      'actor',
      'action',
      'entity',
      'entity_id',
      'request_id',
      'role',
      'ip',
      'subject_id',
      sql<string | null>`unit_path::text`.as('unit_path'),
      'details',
      'prev_hash',
      'hash',
    ])
    .orderBy('id')
    .limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, at: asDate(r.at), details: asJson(r.details) }));
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
      'e.prev_hash',
      'e.hash',
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
