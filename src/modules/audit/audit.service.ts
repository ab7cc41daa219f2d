// Every write is audited in the same transaction as the change (house rule 4): callers pass their trx.
import type { Ctx } from '../../platform/context.ts';
import type { Queryable } from '../../db/transaction.ts';
import { insertAuditEvents, listAuditEvents } from './audit.repository.ts';

export interface AuditWrite {
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

export async function audit(ctx: Ctx, trx: Queryable, ...writes: AuditWrite[]): Promise<void> {
  await insertAuditEvents(
    trx,
    writes.map((w) => ({
      at: ctx.now,
      actor: ctx.actor.id,
      action: w.action,
      entity: w.entity,
      entityId: w.entityId === undefined || w.entityId === null ? null : String(w.entityId),
      requestId: ctx.requestId,
      details: w.details ?? {},
    })),
  );
}

export function eventsFor(ctx: Ctx, entity: string, entityId: string) {
  return listAuditEvents(ctx.db, entity, entityId);
}
