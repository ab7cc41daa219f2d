import type { Queryable } from '../../db/transaction.ts';

export interface AuditInput {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
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
        details: JSON.stringify(e.details),
      })),
    )
    .execute();
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
