// Route-level access: who is calling (the authenticator, from the session cookie) and whether the
// route's Access rule lets them in. Scope on the records themselves is the services' job, in SQL.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { holds, isSystem } from '../modules/access/index.ts';
import type { Access } from './route.ts';

export interface AuthResult {
  actor: Actor;
  /** 'active' once every sign-in step is done; otherwise what the account still owes. */
  stage: 'active' | 'mfa_enrol' | 'mfa' | 'password';
  /** Set when the caller was identified by a cookie: unsafe methods must then echo the CSRF token. */
  csrfToken?: string;
  sessionId?: string;
}

export type Authenticator = (
  req: FastifyRequest,
  env: { db: Kysely<DB>; now: Date },
) => Promise<AuthResult | undefined>;

export const noAuthenticator: Authenticator = async () => undefined;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const STAGE_ERRORS: Record<Exclude<AuthResult['stage'], 'active'>, string> = {
  mfa_enrol: 'Cần đăng ký xác thực hai lớp trước khi tiếp tục',
  mfa: 'Cần nhập mã xác thực hai lớp',
  password: 'Cần đổi mật khẩu trước khi tiếp tục',
};

/**
 * API clients (bearer tokens) call only client routes, and client routes admit only them (and the
 * system, which is admitted everywhere): a session cookie, whatever its role, is not a client.
 */
function admitClient(access: Access, auth: AuthResult | undefined): Actor | undefined {
  const actor = auth?.actor;
  if (access.kind === 'public') return undefined;
  if (access.kind === 'client') {
    if (actor && (actor.kind === 'client' || isSystem(actor))) return actor;
    throw new AppError('UNAUTHENTICATED', 'Cần mã truy cập (Bearer) của hệ thống kết nối', [
      { reason: 'needs a bearer access token of an API client' },
    ]);
  }
  throw new AppError('FORBIDDEN', 'Mã truy cập của hệ thống kết nối chỉ dùng cho API chia sẻ dữ liệu', [
    { reason: 'API client tokens are accepted only by the data-sharing routes' },
  ]);
}

/** Throws the 401/403 the route's rule calls for; returns the actor to act as. */
export function admit(access: Access, auth: AuthResult | undefined, req: FastifyRequest): Actor | undefined {
  if (access.kind === 'client' || auth?.actor.kind === 'client') return admitClient(access, auth);
  if (access.kind === 'public') return auth?.stage === 'active' ? auth.actor : undefined;
  if (!auth) throw new AppError('UNAUTHENTICATED', 'Cần đăng nhập', [{ reason: 'no valid session' }]);
  if (
    auth.csrfToken !== undefined &&
    !SAFE.has(req.method) &&
    req.headers['x-csrf-token'] !== auth.csrfToken
  ) {
    throw new AppError('CSRF_FAILED', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token)', [
      { field: 'headers/x-csrf-token', reason: 'must equal the csrf token of the session' },
    ]);
  }
  if (access.kind === 'pending') return auth.actor;
  if (auth.stage !== 'active') {
    throw new AppError('SIGN_IN_INCOMPLETE', STAGE_ERRORS[auth.stage], [{ reason: `stage: ${auth.stage}` }]);
  }
  if (access.kind === 'session') return auth.actor;
  if (holds(auth.actor, access.permission)) return auth.actor;
  if (access.self && auth.actor.employeeId) return auth.actor;
  throw new AppError('FORBIDDEN', 'Tài khoản không có quyền thực hiện thao tác này', [
    { reason: `needs permission ${access.permission}` },
  ]);
}
