// Every write is audited in the same transaction as the change (house rule 4): callers pass their trx.
// Appending takes no lock: each event carries its own MAC and is queued; one sealer (sealer.ts) links
// committed events into the hash chain and signs checkpoints (docs/decisions/0009-audit-sealing.md).
import type { Static } from 'typebox';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { ROLE_PERMISSIONS, scopeRoots } from '../access/index.ts';
import type { AccessLogPage, AccessLogQuery, AuditEventPage, AuditEventsQuery } from '../../../api/audit.ts';
import * as repo from './audit.repository.ts';
import { asStored, eventMac, type ChainedEvent } from './chain.ts';

export interface AuditWrite {
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
  /** The employee whose data was touched (shown in that person's access log). */
  subjectId?: string | null;
  /** ltree path of the unit the event concerns: auditors see the events in their subtree. */
  unitPath?: string | null;
  /** The role, or consent (e.g. 'self'), under which the actor acted. */
  role?: string | null;
}

export async function audit(ctx: Ctx, trx: Queryable, ...writes: AuditWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const events: ChainedEvent[] = writes.map((w) => ({
    at: ctx.now,
    actor: ctx.actor.id,
    action: w.action,
    entity: w.entity,
    entity_id: w.entityId === undefined || w.entityId === null ? null : String(w.entityId),
    request_id: ctx.requestId,
    role: w.role ?? null,
    ip: ctx.ip ?? null,
    // uuid and jsonb come back normalised: hash what the database will hand back.
    subject_id: w.subjectId ? w.subjectId.toLowerCase() : null,
    unit_path: w.unitPath ?? null,
    details: asStored(w.details),
  }));
  const rows = events.map((e): repo.AuditInput => ({
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entity_id,
    requestId: e.request_id,
    role: e.role,
    ip: e.ip,
    subjectId: e.subject_id,
    unitPath: e.unit_path,
    details: e.details,
    mac: eventMac(e),
  }));
  await repo.insertAuditEvents(trx, rows);
}

export function eventsFor(ctx: Ctx, entity: string, entityId: string) {
  return repo.listAuditEvents(ctx.db, entity, entityId);
}

/** Whether the actor reads the audit log nationally: the system, or audit.read over a root unit. */
export function auditsNationally(actor: Actor): boolean {
  const roots = scopeRoots(actor, 'audit.read');
  return roots === undefined || roots.some((p) => !p.includes('.'));
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (/^[1-9][0-9]{0,15}$/.test(cursor) && Number(cursor) <= Number.MAX_SAFE_INTEGER) return Number(cursor);
  throw invalid('querystring/cursor', 'Con trỏ phân trang không hợp lệ', 'INVALID_CURSOR');
}

function instant(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw invalid(`querystring/${field}`, 'Thời điểm không hợp lệ', 'INVALID_DATE');
  return d;
}

const auditRoleOf = (actor: Actor): string | null =>
  actor.grants.find((g) => ROLE_PERMISSIONS[g.role].includes('audit.read'))?.role ?? null;

/** Events newest first, limited to the auditor's subtrees (national auditors also see unplaced events). */
export async function listEvents(ctx: Ctx, q: Static<typeof AuditEventsQuery>): Promise<AuditEventPage> {
  const limit = q.limit ?? 50;
  const from = instant('from', q.from);
  const to = instant('to', q.to);
  if (from && to && from > to) throw invalid('querystring/to', 'Thời điểm kết thúc trước thời điểm bắt đầu');
  const beforeId = decodeCursor(q.cursor);
  return inTransaction(ctx.db, async (trx) => {
    const rows = await repo.listEvents(trx, {
      actor: ctx.actor,
      includeUnplaced: auditsNationally(ctx.actor),
      subjectId: q.subjectId,
      action: q.action,
      entity: q.entity,
      from,
      to,
      beforeId,
      limit: limit + 1,
    });
    // Reading the log is itself logged; when it is about one person, that person sees it too.
    await audit(ctx, trx, {
      action: 'audit.events.read',
      entity: 'audit_events',
      subjectId: q.subjectId ?? null,
      role: auditRoleOf(ctx.actor),
      details: { ...q, limit },
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        actorName: r.actor_name,
        role: r.role,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        requestId: r.request_id,
        subjectId: r.subject_id,
        unitPath: r.unit_path,
        details: r.details,
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
      nextCursor: rows.length > limit && last ? String(last.id) : null,
    };
  });
}

/** Who, other than the person, touched the signed-in person's record: newest first. */
export async function myAccessLog(ctx: Ctx, q: Static<typeof AccessLogQuery>): Promise<AccessLogPage> {
  const employeeId = ctx.actor.employeeId;
  if (!employeeId) {
    throw new AppError(
      'NOT_FOUND',
      'Tài khoản này không gắn với hồ sơ cán bộ, công chức, viên chức nào nên không có nhật ký truy cập',
      [{ reason: 'the account is not linked to an employee record' }],
    );
  }
  const limit = q.limit ?? 50;
  const rows = await repo.listAccessToSubject(
    ctx.db,
    employeeId,
    ctx.actor.id,
    decodeCursor(q.cursor),
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor,
      actorName: r.actor_name,
      actorUnit: r.actor_unit,
      role: r.role,
      purpose: typeof r.details.purpose === 'string' ? r.details.purpose : null,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      requestId: r.request_id,
    })),
    nextCursor: rows.length > limit && last ? String(last.id) : null,
  };
}
