// Signing in for real in tests: an account issued through the service (as the system), then the
// whole HTTP sign-in — login, the first-login password change, TOTP enrolment when the account has
// roles. The app must be built with sessionAuthenticator(…) (testApp(d, now, sessionAuthenticator(config))).
import { randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/schema.ts';
import { systemCtx, type Role } from '../../src/platform/context.ts';
import { issueAccount, issueSelfServiceAccount } from '../../src/modules/accounts/index.ts';
import { TEST_NOW } from './app.ts';

export interface SignedIn {
  cookie: string;
  csrf: string;
  accountId: string;
  headers: Record<string, string>;
  username: string;
  /** The password after the first-login change. */
  password: string;
  /** The TOTP secret (base32), when the account enrolled. */
  totpSecret?: string;
}

let serial = 0;

/** The session and CSRF cookies a response set, if it set them. */
export function cookiesOf(res: LightMyRequestResponse): { session?: string; csrf?: string } {
  const get = (name: string) => res.cookies.find((c) => c.name === name)?.value;
  return { session: get('hoso_session'), csrf: get('hoso_csrf') };
}

export const sessionHeaders = (session: string, csrf: string): Record<string, string> => ({
  cookie: `hoso_session=${session}; hoso_csrf=${csrf}`,
  'x-csrf-token': csrf,
});

export function totpCode(secret: string, at: Date = TEST_NOW): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  });
}

function expectOk(res: LightMyRequestResponse, what: string): void {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

export async function signIn(
  app: FastifyInstance,
  db: Database | Kysely<DB>,
  opts: {
    roles?: { role: Role; unitId: number }[];
    employeeId?: string;
    username?: string;
    /** The app's clock (TOTP codes are computed for it); TEST_NOW by default. */
    now?: Date;
  },
): Promise<SignedIn> {
  const now = opts.now ?? TEST_NOW;
  const ctx = systemCtx(db instanceof Kysely ? db : db.db, now, 'system:test');
  const roles = opts.roles ?? [];
  const issued =
    roles.length === 0 && opts.employeeId && !opts.username
      ? await issueSelfServiceAccount(ctx, opts.employeeId)
      : await issueAccount(ctx, {
          username: opts.username ?? `tester${++serial}-${randomBytes(3).toString('hex')}`,
          displayName: 'Người dùng thử',
          roles,
          ...(opts.employeeId ? { employeeId: opts.employeeId } : {}),
        });
  const username = issued.account.username;

  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: issued.oneTimePassword },
  });
  expectOk(login, 'login');
  let { session, csrf } = cookiesOf(login);
  if (!session || !csrf) throw new Error('login set no session cookies');

  const password = `Mật-khẩu-${randomBytes(6).toString('hex')}-A1`;
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: sessionHeaders(session, csrf),
    payload: { currentPassword: issued.oneTimePassword, newPassword: password },
  });
  expectOk(changed, 'password change');
  ({ session = session, csrf = csrf } = cookiesOf(changed));

  let totpSecret: string | undefined;
  if (changed.json<{ stage: string }>().stage === 'mfa_enrol') {
    const enrol = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enroll',
      headers: sessionHeaders(session, csrf),
    });
    expectOk(enrol, 'MFA enrolment');
    totpSecret = enrol.json<{ secret: string }>().secret;
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/confirm',
      headers: sessionHeaders(session, csrf),
      payload: { code: totpCode(totpSecret, now) },
    });
    expectOk(confirm, 'MFA confirmation');
    ({ session = session, csrf = csrf } = cookiesOf(confirm));
  }
  const headers = sessionHeaders(session, csrf);
  return {
    cookie: headers.cookie!,
    csrf,
    accountId: issued.account.id,
    headers,
    username,
    password,
    ...(totpSecret ? { totpSecret } : {}),
  };
}
