// A client's public key as the API takes it (a public JWK, EC P-256 or Ed25519), from what an
// administrator is likely to paste: the JWK itself or a PEM "PUBLIC KEY" (SPKI), converted here by the
// browser's Web Crypto (available on https and on localhost). A private key is refused, never sent.
import type { NewApiClient } from '../api/admin.ts';

export type PublicJwk = NonNullable<NewApiClient['publicJwk']>;

export type KeyProblem = 'json' | 'pem' | 'private' | 'noCrypto';

export class KeyError extends Error {
  constructor(readonly problem: KeyProblem) {
    super(problem);
  }
}

const JWK_KEYS = ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const;

function fromJson(text: string): PublicJwk {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new KeyError('json');
  }
  if (!raw || typeof raw !== 'object') throw new KeyError('json');
  const obj = raw as Record<string, unknown>;
  if ('d' in obj) throw new KeyError('private');
  const jwk: Record<string, unknown> = {};
  for (const k of JWK_KEYS) if (obj[k] !== undefined) jwk[k] = obj[k];
  return jwk as unknown as PublicJwk;
}

async function fromPem(text: string): Promise<PublicJwk> {
  if (/PRIVATE KEY/.test(text)) throw new KeyError('private');
  const b64 = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    throw new KeyError('pem');
  }
  if (!globalThis.crypto?.subtle) throw new KeyError('noCrypto');
  const algs = [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'Ed25519' }];
  for (const alg of algs) {
    try {
      const key = await crypto.subtle.importKey('spki', der, alg, true, ['verify']);
      const jwk = await crypto.subtle.exportKey('jwk', key);
      return fromJson(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }));
    } catch {
      // not this algorithm: try the next
    }
  }
  throw new KeyError('pem');
}

/** The JWK of a pasted key; throws KeyError (json, pem, private, noCrypto) for what cannot be used. */
export async function parsePublicKey(text: string): Promise<PublicJwk> {
  const s = text.trim();
  return s.startsWith('{') ? fromJson(s) : fromPem(s);
}
