// Backup key material: one 32-byte secret — HOSO_BACKUP_KEY, or else a dedicated secrets file in the
// data dir, never in the backup folder (whoever holds the copies must not hold the key with them).
// HKDF derives from it the AES-256-GCM key that encrypts backups and the Ed25519 key pair that signs
// their manifests, so one secret kept off-site is enough to read and check every backup.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type CipherGCM,
  type DecipherGCM,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackupKeys {
  encryption: Buffer;
  signing: KeyObject;
  verifying: KeyObject;
  /** Names the key pair in manifests, so a backup made under another key is reported as such. */
  keyId: string;
}

export const BACKUP_SECRETS_FILE = 'secrets-backup.json';

// PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const derive = (secret: Buffer, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));

export function backupKeysFrom(secret: Buffer): BackupKeys {
  if (secret.length !== 32) throw new Error('backup key must be 32 bytes');
  const seed = derive(secret, 'hoso-backup/ed25519-signing');
  const signing = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const verifying = createPublicKey(signing);
  const raw = verifying.export({ format: 'der', type: 'spki' });
  return {
    encryption: derive(secret, 'hoso-backup/aes-256-gcm'),
    signing,
    verifying,
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
  };
}

/** The configured key, or the one in dataDir/secrets-backup.json (created, mode 0600, when absent). */
export function backupKeysFromConfig(backupKey: string | undefined, dataDir: string): BackupKeys {
  if (backupKey) return backupKeysFrom(Buffer.from(backupKey, 'base64'));
  const file = join(dataDir, BACKUP_SECRETS_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ key: randomBytes(32).toString('base64') }), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(file, 0o600);
  }
  const { key } = JSON.parse(readFileSync(file, 'utf8')) as { key?: string };
  return backupKeysFrom(Buffer.from(key ?? '', 'base64'));
}

export const signText = (k: BackupKeys, text: string): string =>
  sign(null, Buffer.from(text, 'utf8'), k.signing).toString('base64');

export function verifyText(k: BackupKeys, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), k.verifying, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** AES-256-GCM bound to the backup's id (as AAD), so a data file cannot be passed off as another's. */
export function backupCipher(k: BackupKeys, iv: Buffer, id: string): CipherGCM {
  const c = createCipheriv('aes-256-gcm', k.encryption, iv);
  c.setAAD(Buffer.from(id, 'utf8'));
  return c;
}

export function backupDecipher(k: BackupKeys, iv: Buffer, id: string, tag: Buffer): DecipherGCM {
  const d = createDecipheriv('aes-256-gcm', k.encryption, iv);
  d.setAAD(Buffer.from(id, 'utf8'));
  d.setAuthTag(tag);
  return d;
}
