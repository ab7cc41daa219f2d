// Loading a backup into an empty, migrated database, in one transaction: the data file is checked
// against the signed manifest before anything is decrypted; rows go in with their own ids; the
// sequences are set; then every table is read back and must match the manifest's count and checksum
// — otherwise nothing is committed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { backupDecipher, type BackupKeys } from '../../platform/backup-keys.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './backups.repository.ts';
import { END_MARK, TABLE_MARK } from './dump.ts';
import type { Manifest, TableDigest } from './format.ts';

export interface TableCheck {
  name: string;
  rows: number;
  expectedRows: number;
  matches: boolean;
}

export const backupInvalid = (id: string, reason: string): AppError =>
  new AppError('BACKUP_INVALID', `Bản sao lưu ${id} không dùng được: ${reason}`, [{ reason }]);

/** The data file is exactly the one the manifest signed for: same size, same SHA-256. */
export async function checkDataFile(dir: string, m: Manifest): Promise<void> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(join(dir, m.data.file)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch {
    throw backupInvalid(m.id, 'data file missing or unreadable');
  }
  if (bytes !== m.data.bytes)
    throw backupInvalid(m.id, `data file is ${bytes} bytes, manifest says ${m.data.bytes}`);
  if (hash.digest('hex') !== m.data.sha256) throw backupInvalid(m.id, 'data file checksum does not match');
}

/** Checksum of a table as it is in the database, computed exactly as the backup computed it. */
export async function tableDigest(trx: Tx, t: repo.TableInfo): Promise<TableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of repo.tableRows(trx, t)) {
    hash.update(`${page.join('\n')}\n`);
    rows += page.length;
  }
  return { name: t.name, rows, sha256: hash.digest('hex') };
}

const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

/** Splits bytes into UTF-8 lines; a row never holds a raw newline (JSON escapes it). */
async function* linesOf(source: AsyncIterable<Buffer>, id: string): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const buf: Buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const last = buf.lastIndexOf(0x0a);
    if (last >= 0) yield* buf.subarray(0, last).toString('utf8').split('\n');
    rest = last >= 0 ? buf.subarray(last + 1) : buf;
  }
  if (rest.length) throw backupInvalid(id, 'data file ends mid-line');
}

/** Takes the file's lines: table marks, rows (inserted in batches, hashed as read) and the end mark. */
class RowSink {
  readonly seen: TableDigest[] = [];
  ended = false;
  private table: { info: repo.TableInfo; hash: ReturnType<typeof createHash>; rows: number } | undefined;
  private batch: string[] = [];
  private batchBytes = 0;

  constructor(
    private readonly trx: Tx,
    private readonly id: string,
    private readonly tables: Map<string, repo.TableInfo>,
  ) {}

  async line(line: string): Promise<void> {
    if (this.ended) throw backupInvalid(this.id, 'data after the end mark');
    if (line.startsWith(TABLE_MARK) || line === END_MARK) {
      await this.closeTable();
      if (line === END_MARK) this.ended = true;
      else
        this.table = {
          info: this.tableNamed(line.slice(TABLE_MARK.length)),
          hash: createHash('sha256'),
          rows: 0,
        };
      return;
    }
    if (!this.table) throw backupInvalid(this.id, 'row outside any table');
    this.table.hash.update(`${line}\n`);
    this.table.rows++;
    this.batch.push(line);
    this.batchBytes += line.length;
    if (this.batch.length >= BATCH_ROWS || this.batchBytes >= BATCH_BYTES) await this.flush();
  }

  private tableNamed(name: string): repo.TableInfo {
    const t = this.tables.get(name);
    if (!t) throw backupInvalid(this.id, `data file names a table the target lacks: ${name}`);
    return t;
  }

  private async flush(): Promise<void> {
    if (this.table && this.batch.length) {
      await repo.insertRows(this.trx, this.table.info, `[${this.batch.join(',')}]`);
    }
    this.batch = [];
    this.batchBytes = 0;
  }

  private async closeTable(): Promise<void> {
    await this.flush();
    const t = this.table;
    if (t) this.seen.push({ name: t.info.name, rows: t.rows, sha256: t.hash.digest('hex') });
    this.table = undefined;
  }
}

/** Decrypts, unzips and inserts the rows; returns each table's digest as read from the file. */
async function insertFromFile(
  trx: Tx,
  tables: Map<string, repo.TableInfo>,
  { dir, keys, manifest: m }: Omit<LoadInput, 'target'>,
): Promise<TableDigest[]> {
  const iv = Buffer.from(m.data.iv, 'base64');
  const decipher = backupDecipher(keys, iv, m.id, Buffer.from(m.data.tag, 'base64'));
  const sink = new RowSink(trx, m.id, tables);
  await pipeline(createReadStream(join(dir, m.data.file)), decipher, createGunzip(), async (source) => {
    for await (const line of linesOf(source as AsyncIterable<Buffer>, m.id)) await sink.line(line);
  }).catch((err: unknown) => {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    // A wrong key or altered bytes fail GCM's tag check; cut-off data fails gunzip.
    if (code.startsWith('Z_') || /authenticate|decrypt/i.test(String((err as Error).message))) {
      throw backupInvalid(m.id, 'data file cannot be decrypted or unpacked');
    }
    throw err;
  });
  if (!sink.ended) throw backupInvalid(m.id, 'data file ends before its end mark');
  return sink.seen;
}

function sameDigests(a: TableDigest[], b: TableDigest[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.name === b[i]?.name && x.rows === b[i].rows && x.sha256 === b[i].sha256)
  );
}

/** The target holds exactly the backup's tables (same schema version, so it should). */
function assertSameTables(tables: Map<string, repo.TableInfo>, m: Manifest): void {
  const missing = m.tables.filter((t) => !tables.has(t.name)).map((t) => t.name);
  const extra = [...tables.keys()].filter((n) => !m.tables.some((t) => t.name === n));
  if (missing.length || extra.length) {
    throw new AppError('INVALID_STATE', 'Cấu trúc cơ sở dữ liệu đích khác bản sao lưu', [
      {
        reason: `tables missing in target: ${missing.join(', ') || '-'}; not in backup: ${extra.join(', ') || '-'}`,
      },
    ]);
  }
}

export interface LoadInput {
  target: Kysely<DB>;
  dir: string;
  keys: BackupKeys;
  manifest: Manifest;
  /** Runs in the restore's transaction once everything matched (the restore's audit event). */
  beforeCommit?: (trx: Tx) => Promise<void>;
}

export async function load({
  target,
  dir,
  keys,
  manifest: m,
  beforeCommit,
}: LoadInput): Promise<TableCheck[]> {
  return inTransaction(target, async (trx) => {
    await repo.useUtc(trx);
    const tables = new Map((await repo.listTables(trx)).map((t) => [t.name, t]));
    assertSameTables(tables, m);
    const fks = await repo.foreignKeys(trx);
    for (const fk of fks) await repo.dropForeignKey(trx, fk);
    const fromFile = await insertFromFile(trx, tables, { dir, keys, manifest: m });
    if (!sameDigests(fromFile, m.tables))
      throw backupInvalid(m.id, 'data file content differs from its manifest');
    for (const fk of fks) await repo.addForeignKey(trx, fk);
    for (const s of m.sequences) await repo.setSequence(trx, s);
    const checks: TableCheck[] = [];
    for (const want of m.tables) {
      const got = await tableDigest(trx, tables.get(want.name)!);
      checks.push({
        name: want.name,
        rows: got.rows,
        expectedRows: want.rows,
        matches: got.sha256 === want.sha256 && got.rows === want.rows,
      });
    }
    const bad = checks.filter((c) => !c.matches).map((c) => c.name);
    if (bad.length) throw backupInvalid(m.id, `restored tables differ from the backup: ${bad.join(', ')}`);
    await beforeCommit?.(trx);
    return checks;
  });
}
