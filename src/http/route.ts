// A route is data: method, url, schemas, access rule and one handler. Every module exports its
// routes as a list, and http/routes.ts joins them into the single list the app registers — the
// one place later access checks walk.
import type { Static, TSchema } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../platform/context.ts';

import type { Permission } from '../modules/access/index.ts';

/**
 * Who may call a route, checked before the handler runs:
 * - public: anyone, no session (health, login, public verification);
 * - pending: a session that has signed in but may still owe MFA or a password change (auth steps);
 * - session: any fully signed-in account, including an employee's own self-service account;
 * - permission: an account holding the permission in some subtree; with `self`, also the person
 *   whose own record it is. Which records are in scope is decided by the service, in SQL;
 * - client: another information system with a bearer access token from the sharing module's token
 *   endpoint, never a session (its scopes, purposes and org scope are checked by the service).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'pending' }
  | { kind: 'session' }
  | { kind: 'permission'; permission: Permission; self?: boolean }
  | { kind: 'client' };

export const PUBLIC: Access = { kind: 'public' };
export const SESSION: Access = { kind: 'session' };
export const CLIENT: Access = { kind: 'client' };
export const needs = (permission: Permission, opts: { self?: boolean } = {}): Access => ({
  kind: 'permission',
  permission,
  ...opts,
});

type In<T> = T extends TSchema ? Static<T> : undefined;

export interface RouteSchema<P, Q, B> {
  summary: string;
  tags: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  response: Record<number, TSchema>;
}

export interface RouteInput<P, Q, B> {
  ctx: Ctx;
  params: In<P>;
  query: In<Q>;
  body: In<B>;
  reply: FastifyReply;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  /** Larger request bodies than the app's default, for routes that take files (base64 in JSON). */
  bodyLimit?: number;
  /** Also takes application/x-www-form-urlencoded bodies (the OAuth token endpoint, RFC 6749). */
  acceptsForm?: boolean;
  schema: RouteSchema<P, Q, B>;
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>;
}

export type AnyRoute = RouteDef<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineRoute<
  P extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
  B extends TSchema | undefined = undefined,
>(def: RouteDef<P, Q, B>): AnyRoute {
  return def as AnyRoute;
}
