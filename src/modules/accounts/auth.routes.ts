import { Type } from 'typebox';
import { defineRoute, PUBLIC, SESSION, type Access } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import { ChangePassword, Login, Me, MfaEnrolment, Ok, SignInState, TotpBody } from '../../../api/accounts.ts';
import * as svc from './auth.service.ts';
import { clearSessionCookies, policyOf, sessionToken, setSessionCookies } from './cookies.ts';

const tags = ['auth'];
/** Signed in with a password but maybe still owing a new password or MFA. */
const PENDING: Access = { kind: 'pending' };
const withAuthErrors = <T extends Parameters<typeof responses>[0]>(ok: T) => ({
  ...responses(ok),
  401: ErrorBody,
  403: ErrorBody,
  422: ErrorBody,
  423: ErrorBody,
});

/** Sends the step's state, with new cookies when the step issued a new session token. */
function send(reply: Parameters<typeof setSessionCookies>[0], r: svc.StepResult) {
  if (r.token) setSessionCookies(reply, r.token, r.state.csrfToken);
  reply.header('cache-control', 'no-store');
  return r.state;
}

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    access: PUBLIC,
    schema: {
      summary: 'Sign in with username and password; the answer says which step comes next',
      tags,
      body: Login,
      response: withAuthErrors(SignInState),
    },
    handler: async ({ ctx, body, reply }) => {
      const userAgent = reply.request.headers['user-agent'];
      return send(reply, await svc.login(ctx, policyOf(reply.request), { ...body, userAgent }));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/session',
    access: PENDING,
    schema: { summary: 'Where this sign-in stands', tags, response: withAuthErrors(SignInState) },
    handler: ({ ctx, reply }) => svc.signInState(ctx, sessionToken(reply.request)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/password',
    access: PENDING,
    schema: {
      summary: 'Change the password (required at first sign-in and after a reset)',
      tags,
      body: ChangePassword,
      response: withAuthErrors(SignInState),
    },
    handler: async ({ ctx, body, reply }) =>
      send(reply, await svc.changePassword(ctx, policyOf(reply.request), sessionToken(reply.request), body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/mfa/enroll',
    access: PENDING,
    schema: {
      summary: 'Start TOTP enrolment: a new secret to add to an authenticator app',
      tags,
      response: withAuthErrors(MfaEnrolment),
    },
    handler: async ({ ctx, reply }) => {
      reply.header('cache-control', 'no-store');
      return svc.enrolMfa(ctx, sessionToken(reply.request));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/mfa/confirm',
    access: PENDING,
    schema: {
      summary: 'Confirm TOTP enrolment with a first code; completes sign-in',
      tags,
      body: TotpBody,
      response: withAuthErrors(SignInState),
    },
    handler: async ({ ctx, body, reply }) =>
      send(reply, await svc.confirmMfa(ctx, policyOf(reply.request), sessionToken(reply.request), body.code)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/mfa',
    access: PENDING,
    schema: {
      summary: 'Enter the TOTP code; completes sign-in',
      tags,
      body: TotpBody,
      response: withAuthErrors(SignInState),
    },
    handler: async ({ ctx, body, reply }) =>
      send(reply, await svc.verifyMfa(ctx, policyOf(reply.request), sessionToken(reply.request), body.code)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    access: PENDING,
    schema: { summary: 'End this session', tags, response: withAuthErrors(Ok) },
    handler: async ({ ctx, reply }) => {
      await svc.logout(ctx, sessionToken(reply.request));
      clearSessionCookies(reply);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout-all',
    access: SESSION,
    schema: {
      summary: 'End every session of this account, on every device',
      tags,
      response: withAuthErrors(Type.Object({ ok: Type.Boolean(), sessionsRevoked: Type.Integer() })),
    },
    handler: async ({ ctx, reply }) => {
      const sessionsRevoked = await svc.logoutAll(ctx, sessionToken(reply.request));
      clearSessionCookies(reply);
      return { ok: true, sessionsRevoked };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me',
    access: SESSION,
    schema: {
      summary: 'The signed-in account, its roles and its e-record',
      tags,
      response: withAuthErrors(Me),
    },
    handler: ({ ctx }) => svc.me(ctx),
  }),
];
