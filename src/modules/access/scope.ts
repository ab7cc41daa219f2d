// The one shared helper that puts an actor's org scope into SQL: every repository that reads or
// writes people's data filters with it, so scoping is enforced by the database query itself.
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/context.ts';
import { scopeRoots, type Permission } from './access.policy.ts';

/**
 * A predicate on an ltree path column: true when the path lies in a subtree where the actor holds
 * the permission. System actors see everything; an actor without the permission sees nothing.
 */
export function inScope(pathColumn: string, actor: Actor, permission: Permission): RawBuilder<boolean> {
  const roots = scopeRoots(actor, permission);
  if (roots === undefined) return sql<boolean>`true`;
  if (roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(pathColumn)} <@ ${roots}::ltree[]`;
}

export interface Scope {
  actor: Actor;
  permission: Permission;
}
