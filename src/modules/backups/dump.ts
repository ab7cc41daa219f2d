// Taking a backup: one snapshot (REPEATABLE READ, read only) streamed table by table — referenced
// tables first — as JSON lines through gzip and AES-256-GCM into a temporary file, which is fsynced
// and renamed; the signed manifest (counts, checksums, schema version, sequences) is written last.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { backupCipher, type BackupKeys } from '../../platform/backup-keys.ts';
import { checkpointNow, type CheckpointKey } from '../audit/index.ts';
import * as repo from './backups.repository.ts';
import {
  FORMAT,
  dataName,
  ensureFolder,
  newBackupId,
  publish,
  tempName,
  writeManifest,
  type Manifest,
  type TableDigest,
} from './format.ts';

export const TABLE_MARK = '#table ';
export const END_MARK = '#end';

/** Tables ordered so that every table comes after the tables it references (self-references aside). */
export function loadOrder(tables: repo.TableInfo[], fks: repo.ForeignKey[]): repo.TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: repo.TableInfo[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name) || !byName.has(name)) return;
    path.add(name);
    for (const fk of fks) if (fk.table === name && fk.references !== name) visit(fk.references, path);
    done.add(name);
    out.push(byName.get(name)!);
  };
  for (const t of tables) visit(t.name, new Set());
  return out;
}

/** Counts and hashes what passes through (the encrypted bytes, for the manifest). */
function tally(): { stream: Transform; bytes: () => number; sha256: () => string } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, sha256: () => hash.digest('hex') };
}

async function* lines(trx: Tx, tables: repo.TableInfo[], digests: TableDigest[]): AsyncGenerator<Buffer> {
  for (const t of tables) {
    yield Buffer.from(`${TABLE_MARK}${t.name}\n`);
    const hash = createHash('sha256');
    let rows = 0;
    for await (const page of repo.tableRows(trx, t)) {
      const text = `${page.join('\n')}\n`;
      hash.update(text);
      rows += page.length;
      yield Buffer.from(text);
    }
    digests.push({ name: t.name, rows, sha256: hash.digest('hex') });
  }
  yield Buffer.from(`${END_MARK}\n`);
}

/** Streams every table, in one snapshot, into `tmpFile`; returns what the manifest records of it. */
function takeSnapshot(
  db: Kysely<DB>,
  tmpFile: string,
  cipher: Transform,
  counter: Transform,
  digests: TableDigest[],
) {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await repo.useUtc(trx);
      const schema = await repo.appliedMigrations(trx);
      const tables = loadOrder(await repo.listTables(trx), await repo.foreignKeys(trx));
      await pipeline(
        lines(trx, tables, digests),
        createGzip({ level: 6 }),
        cipher,
        counter,
        createWriteStream(tmpFile, { mode: 0o600 }),
      );
      // Read after the rows: a sequence only grows, so these values cover every row in the snapshot.
      return { schema, engine: await repo.serverVersion(trx), sequences: await repo.sequenceValues(trx) };
    });
}

export interface DumpHooks {
  /** Called after the data file is in place and before the manifest is written (tests simulate a crash). */
  afterData?: (id: string) => Promise<void> | void;
}

export interface DumpInput {
  db: Kysely<DB>;
  dir: string;
  keys: BackupKeys;
  now: Date;
  takenBy: string;
  auditKey?: CheckpointKey | undefined;
}

/** Writes one backup and returns its manifest, published only once everything else is on disk. */
export async function dump(input: DumpInput, hooks: DumpHooks = {}): Promise<Manifest> {
  const { dir, keys } = input;
  await ensureFolder(dir);
  const id = newBackupId(input.now);
  const iv = randomBytes(12);
  const cipher = backupCipher(keys, iv, id);
  const out = tally();
  const digests: TableDigest[] = [];
  const file = dataName(id);
  // Signed before the snapshot, so the backup holds at least what the checkpoint covers; kept in the
  // manifest, it lets a later `hoso audit verify --checkpoint` see the newest events deleted.
  const auditCheckpoint = input.auditKey
    ? await checkpointNow(input.db, input.auditKey, input.now)
    : undefined;
  const snapshot = await takeSnapshot(input.db, join(dir, tempName(file)), cipher, out.stream, digests).catch(
    async (err: unknown) => {
      await unlink(join(dir, tempName(file))).catch(() => undefined);
      throw err;
    },
  );
  await publish(dir, file);
  await hooks.afterData?.(id);
  const manifest: Manifest = {
    format: FORMAT,
    id,
    createdAt: input.now.toISOString(),
    takenBy: input.takenBy,
    engine: snapshot.engine,
    schema: snapshot.schema,
    tables: digests,
    sequences: snapshot.sequences,
    data: {
      file,
      bytes: out.bytes(),
      sha256: out.sha256(),
      compression: 'gzip',
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    keyId: keys.keyId,
    ...(auditCheckpoint ? { auditCheckpoint } : {}),
  };
  await writeManifest(dir, keys, manifest);
  return manifest;
}
