// The request context every service takes first: who acts, when, under which request, on which db.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface Actor {
  /** Stable id written to recorded_by and the audit log, e.g. "system:cli" or an account id. */
  id: string;
  kind: 'system' | 'anonymous' | 'user';
  name: string;
}

export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
  now: Date;
  requestId: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', kind: 'system', name: 'Hệ thống' };

export function systemCtx(db: Kysely<DB>, now = new Date(), actorId = 'system'): Ctx {
  return { db, actor: { ...SYSTEM_ACTOR, id: actorId }, now, requestId: `${actorId}-${now.getTime()}` };
}
