// The node's key for access tokens (Ed25519, EdDSA JWTs signed with jose): from config
// (OAUTH_SIGNING_KEY, a private JWK), or DATA_DIR/oauth-signing-key.json (mode 0600, made on first
// start, like secrets.json); tests and the CLI get a key of their own for the process.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, calculateJwkThumbprint, jwtVerify, type JWK } from 'jose';

/** Access tokens live five minutes: a suspended client is cut off at once anyway (status checked per call). */
export const TOKEN_TTL_SECONDS = 300;
export const TOKEN_PATH = '/api/v1/oauth/token';

interface TokenKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
  issuer: string;
}

let keys: TokenKeys | undefined;

async function fromPrivateJwk(jwk: JWK, issuer: string): Promise<TokenKeys> {
  const privateKey = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const pub = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(pub);
  return { kid, privateKey, publicKey, publicJwk: { ...pub, kid, alg: 'EdDSA', use: 'sig' }, issuer };
}

const newPrivateJwk = (): JWK => generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as JWK;

/** Installs the node's token key: the configured JWK, else the data folder's key file (made once). */
export async function configureTokenKeys(opts: {
  issuer: string;
  privateJwk?: string | undefined;
  dataDir?: string | undefined;
}): Promise<void> {
  if (opts.privateJwk) {
    keys = await fromPrivateJwk(JSON.parse(opts.privateJwk) as JWK, opts.issuer);
    return;
  }
  if (!opts.dataDir) {
    keys = await fromPrivateJwk(newPrivateJwk(), opts.issuer);
    return;
  }
  const file = join(opts.dataDir, 'oauth-signing-key.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(newPrivateJwk()), { mode: 0o600, flag: 'wx' });
  keys = await fromPrivateJwk(JSON.parse(readFileSync(file, 'utf8')) as JWK, opts.issuer);
}

async function tokenKeys(): Promise<TokenKeys> {
  keys ??= await fromPrivateJwk(newPrivateJwk(), 'http://localhost:3000');
  return keys;
}

export async function tokenIssuer(): Promise<string> {
  return (await tokenKeys()).issuer;
}

/** What a client assertion may name as its audience (RFC 7523 §3): the issuer or the token endpoint. */
export async function assertionAudiences(): Promise<string[]> {
  const { issuer } = await tokenKeys();
  return [issuer, `${issuer}${TOKEN_PATH}`];
}

export async function jwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await tokenKeys()).publicJwk] };
}

const audienceOf = (issuer: string) => `${issuer}/api/v1/share`;

export async function signAccessToken(clientId: string, scopes: string[], now: Date): Promise<string> {
  const k = await tokenKeys();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ scope: scopes.join(' '), client_id: clientId })
    .setProtectedHeader({ alg: 'EdDSA', kid: k.kid, typ: 'at+jwt' })
    .setIssuer(k.issuer)
    .setSubject(clientId)
    .setAudience(audienceOf(k.issuer))
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .setJti(randomUUID())
    .sign(k.privateKey);
}

/** The client and scopes of a valid, unexpired access token of this node; undefined otherwise. */
export async function verifyAccessToken(
  token: string,
  now: Date,
): Promise<{ clientId: string; scopes: string[] } | undefined> {
  const k = await tokenKeys();
  try {
    const { payload } = await jwtVerify(token, k.publicKey, {
      issuer: k.issuer,
      audience: audienceOf(k.issuer),
      algorithms: ['EdDSA'],
      typ: 'at+jwt',
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    });
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    return payload.sub ? { clientId: payload.sub, scopes } : undefined;
  } catch {
    return undefined;
  }
}
