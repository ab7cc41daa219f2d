// The production Authenticator: the hoso_session cookie → a live session of a usable account → the
// actor with its current role grants, the sign-in stage and the CSRF token unsafe requests must echo.
import { loadConfig, type Config } from '../../platform/config.ts';
import { ANONYMOUS } from '../../platform/context.ts';
import type { Authenticator } from '../../http/auth.ts';
import { attachPolicy, sessionToken } from './cookies.ts';
import { resolveSession } from './sessions.service.ts';
import { warmUp } from './password.ts';

export function sessionAuthenticator(
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'cookieSecure'> &
    Partial<Pick<Config, 'loginRatePerIp' | 'loginRatePerAccount'>>,
): Authenticator {
  const defaults = loadConfig({});
  const policy = {
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionAbsoluteHours: config.sessionAbsoluteHours,
    cookieSecure: config.cookieSecure,
    loginRatePerIp: config.loginRatePerIp ?? defaults.loginRatePerIp,
    loginRatePerAccount: config.loginRatePerAccount ?? defaults.loginRatePerAccount,
  };
  warmUp();
  return async (req, env) => {
    attachPolicy(req, policy);
    const ctx = { db: env.db, actor: ANONYMOUS, now: env.now, requestId: req.id, ip: req.ip };
    return resolveSession(ctx, policy, sessionToken(req));
  };
}
