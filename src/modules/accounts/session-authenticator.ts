// The production Authenticator: the hoso_session cookie → a live session of a usable account → the
// actor with its current role grants, the sign-in stage and the CSRF token unsafe requests must echo.
import { ANONYMOUS } from '../../platform/context.ts';
import type { Authenticator } from '../../http/auth.ts';
import { attachPolicy, cookiePolicy, sessionToken } from './cookies.ts';
import { resolveSession } from './sessions.service.ts';
import { warmUp } from './password.ts';

export function sessionAuthenticator(config: Parameters<typeof cookiePolicy>[0]): Authenticator {
  const policy = cookiePolicy(config);
  warmUp();
  return async (req, env) => {
    attachPolicy(req, policy);
    const ctx = { db: env.db, actor: ANONYMOUS, now: env.now, requestId: req.id, ip: req.ip };
    return resolveSession(ctx, policy, sessionToken(req));
  };
}
