// The request context every service takes first: who acts, with which roles where, when, on which db.
import type { Kysely } from 'kysely';
import { AppError } from './errors.ts';
import type { DB } from '../db/schema.ts';

export const ROLES = [
  'national_admin',
  'agency_admin',
  'hr_officer',
  'approver',
  'viewer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** A role held over the subtree rooted at unitId (unitPath is that unit's ltree path). */
export interface RoleGrant {
  role: Role;
  unitId: number;
  unitPath: string;
}

export interface Actor {
  /** Stable id written to recorded_by and the audit log: an account id, or "system:…". */
  id: string;
  /** 'client': another information system calling the sharing API with a bearer token (no grants). */
  kind: 'system' | 'anonymous' | 'user' | 'client';
  name: string;
  accountId?: string;
  /** The e-record this account belongs to (self-service), if any. */
  employeeId?: string | null;
  grants: RoleGrant[];
  /** For a 'client' actor: the registered API client and the scopes its access token carries. */
  client?: { id: string; scopes: readonly string[] };
}

export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
  now: Date;
  requestId: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', kind: 'system', name: 'Hệ thống', grants: [] };
export const ANONYMOUS: Actor = { id: 'anonymous', kind: 'anonymous', name: 'Khách', grants: [] };

export function systemCtx(db: Kysely<DB>, now = new Date(), actorId = 'system'): Ctx {
  return { db, actor: { ...SYSTEM_ACTOR, id: actorId }, now, requestId: `${actorId}-${now.getTime()}` };
}

/** The account acting: workflow steps are a person's acts, recorded against an account. */
export function requireAccount(ctx: Ctx, message = 'Thao tác này cần một tài khoản người dùng'): string {
  if (!ctx.actor.accountId) throw new AppError('FORBIDDEN', message, [{ reason: 'no account' }]);
  return ctx.actor.accountId;
}
