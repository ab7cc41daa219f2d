// The session cookie (HttpOnly: scripts never see the token) and the CSRF cookie (readable, so the
// portal can echo it in x-csrf-token); both SameSite=Strict. The session policy travels with each
// request from sessionAuthenticator(config) to the sign-in routes, which are plain route data.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadConfig, type Config } from '../../platform/config.ts';
import type { SessionPolicy } from './sessions.service.ts';

export const SESSION_COOKIE = 'hoso_session';
export const CSRF_COOKIE = 'hoso_csrf';

export type CookiePolicy = SessionPolicy &
  Pick<Config, 'cookieSecure' | 'loginRatePerIp' | 'loginRatePerAccount'>;

const policies = new WeakMap<FastifyRequest, CookiePolicy>();
const defaults = loadConfig({});

/** The policy from the given settings; the sign-in limits default to the configuration's. */
export const cookiePolicy = (
  c: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'cookieSecure'> &
    Partial<Pick<Config, 'loginRatePerIp' | 'loginRatePerAccount'>>,
): CookiePolicy => ({
  sessionIdleMinutes: c.sessionIdleMinutes,
  sessionAbsoluteHours: c.sessionAbsoluteHours,
  cookieSecure: c.cookieSecure,
  loginRatePerIp: c.loginRatePerIp ?? defaults.loginRatePerIp,
  loginRatePerAccount: c.loginRatePerAccount ?? defaults.loginRatePerAccount,
});
const defaultPolicy = cookiePolicy(defaults);

export function attachPolicy(req: FastifyRequest, p: CookiePolicy): void {
  policies.set(req, p);
}

/** The configured policy of the authenticator that saw this request, else the configuration defaults. */
export const policyOf = (req: FastifyRequest): CookiePolicy => policies.get(req) ?? defaultPolicy;

export const sessionToken = (req: FastifyRequest): string | undefined => req.cookies?.[SESSION_COOKIE];

export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string): void {
  const secure = policyOf(reply.request).cookieSecure;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure });
  reply.setCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'strict', path: '/', secure });
}

export function clearSessionCookies(reply: FastifyReply): void {
  const secure = policyOf(reply.request).cookieSecure;
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure });
  reply.clearCookie(CSRF_COOKIE, { sameSite: 'strict', path: '/', secure });
}
