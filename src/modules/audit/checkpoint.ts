// Signed checkpoints of the audit chain, pure: "the chain had `count` sealed events and its head was
// `head` at `at`", signed with the node's Ed25519 key. Kept outside the database (each backup's manifest,
// each monthly approval, a file an operator keeps), a checkpoint lets `hoso audit verify` notice that the
// newest events were deleted, which the chain alone cannot show (docs/decisions/0009-audit-sealing.md).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './chain.ts';

export const CHECKPOINT_FORMAT = 'hoso.audit-checkpoint/1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** Sealed events covered: the chain's seq of its head. */
  count: number;
  /** The hash of event `count` in the chain ('genesis' for an empty chain). */
  head: string;
  at: string;
  /** Names the signing key: the first 16 hex of SHA-256 over its SPKI DER. */
  keyId: string;
  signature: string;
}

/** The node's key: the private half signs (the running node), the public half verifies (anyone). */
export interface CheckpointKey {
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

export const checkpointKey = (privateKey: KeyObject): CheckpointKey => ({
  privateKey,
  publicKey: createPublicKey(privateKey),
});

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

const signedBytes = (c: Omit<Checkpoint, 'signature'>): Buffer =>
  Buffer.from(
    canonicalJson({ format: c.format, count: c.count, head: c.head, at: c.at, keyId: c.keyId }),
    'utf8',
  );

export function signCheckpoint(key: CheckpointKey, count: number, head: string, at: Date): Checkpoint {
  if (!key.privateKey) throw new Error('checkpoint key has no private half: this process cannot sign');
  const body = {
    format: CHECKPOINT_FORMAT,
    count,
    head,
    at: at.toISOString(),
    keyId: keyIdOf(key.publicKey),
  } as const;
  return { ...body, signature: sign(null, signedBytes(body), key.privateKey).toString('base64') };
}

/** Why the checkpoint cannot be trusted under `key`, or undefined when its signature holds. */
export function checkpointProblem(key: CheckpointKey, c: Checkpoint): string | undefined {
  if (c.keyId !== keyIdOf(key.publicKey)) {
    return `checkpoint is signed by another key (${c.keyId}), not this node's (${keyIdOf(key.publicKey)})`;
  }
  let good = false;
  try {
    good = verify(null, signedBytes(c), key.publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    good = false;
  }
  return good ? undefined : 'checkpoint signature does not verify: the checkpoint was altered or forged';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function asCheckpoint(v: unknown): Checkpoint | undefined {
  if (!isObject(v) || v.format !== CHECKPOINT_FORMAT) return undefined;
  const { count, head, at, keyId, signature } = v;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  if (typeof head !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (typeof keyId !== 'string' || typeof signature !== 'string') return undefined;
  return { format: CHECKPOINT_FORMAT, count, head, at, keyId, signature };
}

/**
 * Finds the checkpoint in a document an operator kept: a checkpoint itself, a backup's manifest
 * ({ body: { auditCheckpoint } }) or a monthly approval's manifest ({ auditCheckpoint }).
 */
export function findCheckpoint(doc: unknown): Checkpoint | undefined {
  if (!isObject(doc)) return undefined;
  return (
    asCheckpoint(doc) ??
    asCheckpoint(doc.auditCheckpoint) ??
    (isObject(doc.body) ? asCheckpoint(doc.body.auditCheckpoint) : undefined)
  );
}
