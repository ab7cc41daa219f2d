// The OAuth 2 token endpoint (RFC 6749 §4.4, client credentials): the client authenticates with its
// secret (client_secret_basic or client_secret_post, RFC 6749 §2.3.1) or a private-key JWT assertion
// (RFC 7523 §2.2: short exp, single-use jti), and gets a short-lived access token for a subset of its
// scopes. Protocol errors are RFC 6749 §5.2 bodies.
import { decodeJwt, importJWK, jwtVerify, type JWK } from 'jose';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { takeEach } from '../rate-limit/index.ts';
import { rateLimited } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../accounts/index.ts';
import type { TokenRequest, TokenResponse } from '../../../api/sharing.ts';
import { assertionAudiences, signAccessToken, TOKEN_TTL_SECONDS } from './keys.ts';
import * as repo from './clients.repository.ts';

export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_grant';

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status: 400 | 401 = error === 'invalid_client' ? 401 : 400,
  ) {
    super(description);
  }
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** An assertion may live at most this long: it is a one-time proof, not a credential. */
export const MAX_ASSERTION_SECONDS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Credentials =
  | { kind: 'secret'; clientId: string; secret: string }
  | { kind: 'assertion'; clientId: string; assertion: string };

function fromBasic(header: string): { id: string; secret: string } {
  const raw = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const at = raw.indexOf(':');
  if (at < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials');
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      throw new OAuthError('invalid_client', 'Malformed Basic credentials');
    }
  };
  return { id: dec(raw.slice(0, at)), secret: dec(raw.slice(at + 1)) };
}

/** Exactly one way of authenticating (RFC 6749 §2.3). */
function credentialsOf(body: TokenRequest, authorization: string | undefined): Credentials {
  const basic = authorization && /^basic\s/i.test(authorization) ? fromBasic(authorization) : undefined;
  const ways = [basic, body.client_secret, body.client_assertion].filter((x) => x !== undefined);
  if (ways.length !== 1)
    throw new OAuthError('invalid_client', 'Use exactly one client authentication method', 401);
  if (basic) {
    if (body.client_id !== undefined && body.client_id !== basic.id)
      throw new OAuthError('invalid_request', 'client_id differs from the Basic credentials');
    return { kind: 'secret', clientId: basic.id, secret: basic.secret };
  }
  if (body.client_secret !== undefined) {
    if (!body.client_id) throw new OAuthError('invalid_request', 'client_id is required');
    return { kind: 'secret', clientId: body.client_id, secret: body.client_secret };
  }
  if (body.client_assertion_type !== JWT_BEARER)
    throw new OAuthError('invalid_request', `client_assertion_type must be ${JWT_BEARER}`);
  const assertion = body.client_assertion!;
  let sub: string | undefined;
  try {
    sub = decodeJwt(assertion).sub;
  } catch {
    throw new OAuthError('invalid_client', 'Malformed client assertion');
  }
  const clientId = body.client_id ?? sub;
  if (!clientId || (sub !== undefined && sub !== clientId))
    throw new OAuthError('invalid_client', 'The assertion subject must be the client_id');
  return { kind: 'assertion', clientId, assertion };
}

let dummy: Promise<string> | undefined;

async function checkSecret(client: repo.ClientRow | undefined, secret: string): Promise<boolean> {
  // An unknown client costs one verification too, so timing does not tell which ids exist.
  const stored = client?.secret_hash ?? (await (dummy ??= hashPassword('dummy-client-secret-xxxxxxxx')));
  const ok = await verifyPassword(stored, secret);
  return ok && client?.auth_method === 'client_secret';
}

/** Verifies the assertion's signature, issuer, subject, audience and lifetime; returns its jti and exp. */
async function checkAssertion(client: repo.ClientRow, assertion: string, now: Date) {
  if (client.auth_method !== 'private_key_jwt' || !client.public_jwk)
    throw new OAuthError('invalid_client', 'This client does not authenticate with private_key_jwt');
  const jwk = client.public_jwk as JWK;
  const alg = jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
  try {
    const { payload } = await jwtVerify(assertion, await importJWK(jwk, alg), {
      issuer: client.id,
      subject: client.id,
      audience: await assertionAudiences(),
      algorithms: [alg],
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    });
    const nowSec = Math.floor(now.getTime() / 1000);
    if (payload.exp! - nowSec > MAX_ASSERTION_SECONDS)
      throw new Error(`exp must be within ${MAX_ASSERTION_SECONDS} s`);
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 200)
      throw new Error('jti must be a string');
    return { jti: payload.jti, exp: new Date(payload.exp! * 1000) };
  } catch (err) {
    throw new OAuthError('invalid_client', `Client assertion rejected: ${(err as Error).message}`);
  }
}

function grantedScopes(client: repo.ClientRow, requested: string | undefined): string[] {
  if (requested === undefined || requested.trim() === '') return client.scopes;
  const want = [...new Set(requested.split(' ').filter(Boolean))];
  const extra = want.filter((s) => !client.scopes.includes(s));
  if (extra.length)
    throw new OAuthError('invalid_scope', `Scopes not granted to this client: ${extra.join(' ')}`);
  return want;
}

async function refuse(ctx: Ctx, client: repo.ClientRow, err: OAuthError): Promise<never> {
  await inTransaction(ctx.db, (trx) =>
    audit(ctx, trx, {
      action: 'sharing.token.refuse',
      entity: 'sharing_client',
      entityId: client.id,
      details: { error: err.error, description: err.description },
    }),
  );
  throw err;
}

/** Token requests a minute per IP address and per client id (a client needs one every few minutes). */
const TOKEN_RATE_PER_IP = 120;
const TOKEN_RATE_PER_CLIENT = 30;

export async function issueToken(
  ctx: Ctx,
  body: TokenRequest,
  authorization: string | undefined,
): Promise<TokenResponse> {
  if (body.grant_type !== 'client_credentials')
    throw new OAuthError('unsupported_grant_type', 'Only client_credentials is supported');
  const cred = credentialsOf(body, authorization);
  // Before any secret is hashed or signature checked: a flood costs one statement per bucket.
  const refused = await takeEach(
    ctx.db,
    [
      [`token-ip:${ctx.ip ?? 'unknown'}`, TOKEN_RATE_PER_IP],
      [`token-client:${cred.clientId.slice(0, 64)}`, TOKEN_RATE_PER_CLIENT],
    ],
    ctx.now,
  );
  if (refused) throw rateLimited(refused.wait, 'yêu cầu cấp token');
  const client = UUID.test(cred.clientId) ? await repo.findClient(ctx.db, cred.clientId) : undefined;
  if (cred.kind === 'secret') {
    if (!(await checkSecret(client, cred.secret))) {
      const err = new OAuthError('invalid_client', 'Client authentication failed');
      if (client) await refuse(ctx, client, err);
      throw err;
    }
  }
  if (!client) throw new OAuthError('invalid_client', 'Client authentication failed');
  try {
    const proof =
      cred.kind === 'assertion' ? await checkAssertion(client, cred.assertion, ctx.now) : undefined;
    if (client.status !== 'active') throw new OAuthError('invalid_client', 'The client is suspended');
    const scopes = grantedScopes(client, body.scope);
    const token = await signAccessToken(client.id, scopes, ctx.now);
    await inTransaction(ctx.db, async (trx) => {
      if (proof && !(await repo.useAssertionId(trx, client.id, proof.jti, proof.exp, ctx.now)))
        throw new OAuthError('invalid_client', 'Client assertion replayed (jti already used)');
      await audit(ctx, trx, {
        action: 'sharing.token.issue',
        entity: 'sharing_client',
        entityId: client.id,
        details: { scopes, method: cred.kind === 'assertion' ? 'private_key_jwt' : 'client_secret' },
      });
    });
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
      scope: scopes.join(' '),
    };
  } catch (err) {
    if (err instanceof OAuthError) await refuse(ctx, client, err);
    throw err;
  }
}
