// The backup folder's layout. Each backup is a data file (gzip'd JSON lines, AES-256-GCM encrypted)
// and a signed manifest written last; a data file without a good manifest is never a good backup.
// Every file is written under a temporary name, fsynced, then renamed, then the folder is fsynced.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { signText, verifyText, type BackupKeys } from '../../platform/backup-keys.ts';
import type { SequenceValue } from './backups.repository.ts';
import type { Checkpoint } from '../audit/index.ts';

export const FORMAT = 'hoso-backup/1';

export interface TableDigest {
  name: string;
  rows: number;
  /** SHA-256 of the table's rows as JSON text (UTC), in key order, each followed by '\n'. */
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  id: string;
  createdAt: string;
  takenBy: string;
  /** version() of the engine the backup was taken from. */
  engine: string;
  /** Applied migrations: the schema version a restore migrates the target to. */
  schema: string[];
  /** In load order (referenced tables first). */
  tables: TableDigest[];
  sequences: SequenceValue[];
  data: {
    file: string;
    bytes: number;
    sha256: string;
    compression: 'gzip';
    cipher: 'aes-256-gcm';
    iv: string;
    tag: string;
  };
  keyId: string;
  /** The audit log's signed checkpoint when the backup was taken (absent in older backups). */
  auditCheckpoint?: Checkpoint;
}

export interface Verification {
  id: string;
  ok: boolean;
  at: string;
  detail: string;
}

interface Signed<T> {
  body: T;
  signature: string;
}

const ID = /^(\d{8}T\d{6}Z)-([0-9a-f]{6})$/;
const PREFIX = 'hoso-backup-';

export const isBackupId = (id: string): boolean => ID.test(id);

export function newBackupId(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** When the backup was taken, read from its id (also for a data file whose manifest never landed). */
export function timeOfId(id: string): Date {
  const s = ID.exec(id)?.[1] ?? '';
  return new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );
}

export const dataName = (id: string): string => `${PREFIX}${id}.data`;
export const manifestName = (id: string): string => `${PREFIX}${id}.manifest.json`;
export const verificationName = (id: string): string => `${PREFIX}${id}.verified.json`;
export const tempName = (name: string): string => `.${name}.tmp`;

/** JSON with object keys sorted at every level: the exact text a signature covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Moves a fully written, fsynced temporary file to its name, durably. */
export async function publish(dir: string, name: string): Promise<void> {
  await fsyncFile(join(dir, tempName(name)));
  await rename(join(dir, tempName(name)), join(dir, name));
  await fsyncDir(dir);
}

async function writeSigned<T>(dir: string, name: string, keys: BackupKeys, body: T): Promise<void> {
  const doc: Signed<T> = { body, signature: signText(keys, canonicalJson(body)) };
  const fh = await open(join(dir, tempName(name)), 'w', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    await fh.close();
  }
  await publish(dir, name);
}

/** The document's body when its signature holds under the configured key; a reason otherwise. */
async function readSigned<T>(file: string, keys: BackupKeys): Promise<{ body: T } | { reason: string }> {
  let doc: Partial<Signed<T>>;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as Partial<Signed<T>>;
  } catch {
    return { reason: 'manifest unreadable' };
  }
  if (doc.body === undefined || typeof doc.signature !== 'string') return { reason: 'manifest malformed' };
  if (!verifyText(keys, canonicalJson(doc.body), doc.signature)) {
    return { reason: 'manifest signature does not match the configured backup key' };
  }
  return { body: doc.body };
}

export const writeManifest = (dir: string, keys: BackupKeys, m: Manifest): Promise<void> =>
  writeSigned(dir, manifestName(m.id), keys, m);

export const writeVerification = (dir: string, keys: BackupKeys, v: Verification): Promise<void> =>
  writeSigned(dir, verificationName(v.id), keys, v);

export async function readManifest(
  dir: string,
  id: string,
  keys: BackupKeys,
): Promise<{ manifest: Manifest } | { reason: string }> {
  const r = await readSigned<Manifest>(join(dir, manifestName(id)), keys);
  if ('reason' in r) return r;
  const m = r.body;
  if (m.format !== FORMAT || m.id !== id || m.data?.file !== dataName(id)) {
    return { reason: 'manifest does not describe this backup' };
  }
  return { manifest: m };
}

export async function readVerification(
  dir: string,
  id: string,
  keys: BackupKeys,
): Promise<Verification | null> {
  const r = await readSigned<Verification>(join(dir, verificationName(id)), keys).catch(() => null);
  return r && 'body' in r && r.body.id === id ? r.body : null;
}

export interface Entry {
  id: string;
  hasManifest: boolean;
  hasData: boolean;
  dataBytes: number | null;
}

/** The backups in the folder by id, newest first; temporary files (a backup under way) are skipped. */
export async function scanFolder(dir: string): Promise<Entry[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  const ids = new Set<string>();
  for (const n of names) {
    const m = /^hoso-backup-(.+)\.(data|manifest\.json|verified\.json)$/.exec(n);
    if (m?.[1] && isBackupId(m[1])) ids.add(m[1]);
  }
  const out: Entry[] = [];
  for (const id of ids) {
    const size = await stat(join(dir, dataName(id))).then(
      (s) => s.size,
      () => null,
    );
    out.push({ id, hasManifest: names.includes(manifestName(id)), hasData: size !== null, dataBytes: size });
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/** Leftovers of interrupted backups: temporary files, by the id in their name. */
export async function tempFiles(dir: string): Promise<{ name: string; id: string }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const id = /^\.hoso-backup-(.+?)\.(data|manifest\.json|verified\.json)\.tmp$/.exec(name)?.[1];
    return id && isBackupId(id) ? [{ name, id }] : [];
  });
}

export async function removeBackupFiles(dir: string, id: string): Promise<void> {
  // The manifest goes first: from then on the backup is no longer listed as good.
  for (const name of [manifestName(id), verificationName(id), dataName(id)]) {
    await unlink(join(dir, name)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}

export async function ensureFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
