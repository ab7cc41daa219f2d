// A backup cut short — the process killed with SIGKILL while writing, or stopped between the data file
// and the manifest — is never listed as good, and the backups before it stay good and restorable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/helpers/db.ts';
import { buildWorld } from '../../../test/helpers/fixtures.ts';
import { emptyPgDatabase, testBackupSettings } from '../../../test/helpers/backups.ts';
import { connect, type Database } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { systemCtx } from '../../platform/context.ts';
import type { BackupSettings } from './settings.ts';
import { createBackup, listBackups, pruneBackups, verifyBackup } from './backups.service.ts';

const CHILD = join(import.meta.dirname, '../../../test/helpers/backup-child.ts');
const NOW = new Date('2026-11-20T03:00:00Z');

/** Starts the child's backup and kills it once its temporary data file is being written. */
async function killDuringBackup(database: string, dir: string): Promise<{ killedWhileWriting: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, database, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const deadline = Date.now() + 40_000;
  let killedWhileWriting = false;
  while (Date.now() < deadline && child.exitCode === null) {
    const tmp = readdirSync(dir).find((n) => n.endsWith('.data.tmp'));
    if (tmp && statSync(join(dir, tmp)).size > 0) {
      child.kill('SIGKILL');
      killedWhileWriting = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  if (!killedWhileWriting) child.kill('SIGKILL');
  await exited;
  expect(out, out).not.toMatch(/finished/);
  return { killedWhileWriting };
}

describe.each(ENGINES)('a backup cut short on %s', (engine) => {
  let d: Database;
  let database: string;
  let s: BackupSettings;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    s = testBackupSettings();
    if (engine === 'pglite') {
      database = mkdtempSync(join(tmpdir(), 'hoso-crash-'));
      cleanup.push(async () => rmSync(database, { recursive: true, force: true }));
      d = await connect({ dataDir: database });
    } else {
      const pg = await emptyPgDatabase();
      database = pg.url;
      cleanup.push(pg.drop);
      d = await connect({ databaseUrl: database });
    }
    await migrateToLatest(d.db);
    await buildWorld(systemCtx(d.db, NOW, 'system:test'));
    // Bulk so that the backup takes a while (≈ 25 MB of poorly compressible rows) without a slow seed.
    await sql`INSERT INTO meta (key, value)
      SELECT 'filler-' || g, jsonb_build_object('pad', (SELECT string_agg(md5(g::text || i), '') FROM generate_series(1, 12) i))
      FROM generate_series(1, 60000) g`.execute(d.db);
  });
  afterAll(async () => {
    await d?.close().catch(() => undefined);
    for (const c of cleanup.reverse()) await c();
    rmSync(s.dir, { recursive: true, force: true });
  });

  const ctx = () => systemCtx(d.db, NOW, 'system:test');

  it('stopped between the data file and the manifest: listed invalid, never good', async () => {
    const earlier = await createBackup(ctx(), s);
    await expect(
      createBackup(ctx(), s, {
        afterData: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const { items } = await listBackups(ctx(), s);
    expect(items.filter((i) => i.status === 'good').map((i) => i.id)).toEqual([earlier.id]);
    expect(items.find((i) => i.id !== earlier.id)?.reason).toMatch(/incomplete/);
  });

  it('killed with SIGKILL while writing: no new good backup, the earlier ones intact', async () => {
    const goodBefore = (await listBackups(ctx(), s)).items.filter((i) => i.status === 'good');
    expect(goodBefore.length).toBe(1);
    // PGlite is one process's database: hand the folder to the child, take it back afterwards.
    if (engine === 'pglite') await d.close();
    const { killedWhileWriting } = await killDuringBackup(database, s.dir);
    expect(killedWhileWriting).toBe(true);
    if (engine === 'pglite') d = await connect({ dataDir: database });

    const after = (await listBackups(ctx(), s)).items;
    expect(after.filter((i) => i.status === 'good').map((i) => i.id)).toEqual(goodBefore.map((i) => i.id));
    expect(readdirSync(s.dir).some((n) => n.endsWith('.data.tmp'))).toBe(true);
    expect((await verifyBackup(ctx(), goodBefore[0]!.id, s)).ok).toBe(true);

    // The next backup is good; once it has passed its restore test the leftovers are cleared away.
    const next = await createBackup(systemCtx(d.db, new Date('2026-11-22T03:00:00Z'), 'system:test'), s);
    await verifyBackup(ctx(), next.id, s);
    await pruneBackups(ctx(), s);
    expect(readdirSync(s.dir).some((n) => n.endsWith('.tmp'))).toBe(false);
    const left = (await listBackups(ctx(), s)).items;
    expect(left.map((i) => [i.id, i.status])).toEqual([
      [next.id, 'good'],
      [goodBefore[0]!.id, 'good'],
    ]);
    expect(existsSync(join(s.dir, `hoso-backup-${goodBefore[0]!.id}.manifest.json`))).toBe(true);
    // A child process is started, transpiled and killed: minutes on a busy machine.
  }, 300_000);
});
