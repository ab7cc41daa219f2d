// Node identity and signed envelopes: Ed25519 over the canonical JSON of what is sent, so both ends
// sign and check the same bytes whatever the key order or spacing on the wire.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { NodeKey } from '../../platform/node-key.ts';

/** JSON with object keys sorted at every level: the bytes that are hashed and signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export { loadNodeKey, type NodeKey } from '../../platform/node-key.ts';

const publicOf = (k: KeyObject): string =>
  (k.type === 'public' ? k : createPublicKey(k)).export({ type: 'spki', format: 'der' }).toString('base64');

/** Checks that a registered public key is an Ed25519 SPKI key; returns its canonical base64. */
export function parsePublicKey(b64: string): string {
  try {
    const k = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    if (k.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return publicOf(k);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'Khóa công khai không phải khóa Ed25519 hợp lệ', [
      { field: '/publicKey', reason: 'expected base64 of an Ed25519 SPKI DER public key' },
    ]);
  }
}

/**
 * What travels: the canonical JSON text of the envelope and the signature over exactly those bytes.
 * The text is opaque to the HTTP layer (no schema coercion can change a signed byte); the receiver
 * checks the signature first, then parses and validates.
 */
export interface Signed {
  envelope: string;
  signature: string;
}

export function signEnvelope(key: NodeKey, envelope: object): Signed {
  const text = canonicalJson(envelope);
  return {
    envelope: text,
    signature: sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64'),
  };
}

export function isValidSignature(publicKey: string, text: string, signature: string): boolean {
  try {
    const k = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text, 'utf8'), k, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
