// Keys and the primitives built on them: AES-256-GCM field encryption with a key id (so keys can be
// rotated), HMAC-SHA256 for the audit chain, random tokens. Keys come from config or, for the
// embedded deployment, from a secrets file in the data dir created on first start.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Keys {
  /** Field-encryption keys by id; `active` encrypts, all decrypt. */
  encryption: Map<string, Buffer>;
  active: string;
  audit: Buffer;
}

let installed: Keys | undefined;

export function installKeys(k: Keys): void {
  installed = k;
}

export function keys(): Keys {
  if (!installed) throw new Error('keys not installed: call installKeys() at start-up');
  return installed;
}

export function parseKeys(spec: string, auditKey: string): Keys {
  const encryption = new Map<string, Buffer>();
  let active = '';
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [kid, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!kid || key.length !== 32) throw new Error('config: HOSO_KEYS entries must be kid:base64(32 bytes)');
    encryption.set(kid, key);
    active ||= kid;
  }
  const audit = Buffer.from(auditKey, 'base64');
  if (encryption.size === 0 || audit.length < 32) throw new Error('config: missing encryption or audit key');
  return { encryption, active, audit };
}

/** The embedded deployment's keys: read from dataDir/secrets.json, created (mode 0600) when absent. */
export function keysFromDataDir(dataDir: string): Keys {
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const secrets = {
      keys: `k1:${randomBytes(32).toString('base64')}`,
      audit: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const s = JSON.parse(readFileSync(file, 'utf8')) as { keys: string; audit: string };
  return parseKeys(s.keys, s.audit);
}

/** Encrypts to "kid:iv:ciphertext:tag" (base64 parts). */
export function encrypt(plaintext: string, k: Keys = keys()): string {
  const key = k.encryption.get(k.active)!;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return [k.active, iv.toString('base64'), ct.toString('base64'), c.getAuthTag().toString('base64')].join(
    ':',
  );
}

export function decrypt(box: string, k: Keys = keys()): string {
  const [kid, iv, ct, tag] = box.split(':');
  const key = k.encryption.get(kid ?? '');
  if (!key || !iv || ct === undefined || !tag)
    throw new Error('cannot decrypt: unknown key id or malformed box');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
}

export const isEncrypted = (v: unknown): v is string =>
  typeof v === 'string' && /^[\w-]+:[\w+/=]+:[\w+/=]*:[\w+/=]+$/.test(v);

export function hmac(data: string, k: Keys = keys()): string {
  return createHmac('sha256', k.audit).update(data).digest('hex');
}

export const sha256 = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
