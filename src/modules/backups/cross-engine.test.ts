// The backup format is logical, so a backup taken on PGlite restores into a PostgreSQL server and the
// other way round — here into targets named as the CLI names them: a postgres:// URL of a freshly
// created (unmigrated) database, and a PGlite folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { digestsOf, emptyPgDatabase, seedSmall, testBackupSettings } from '../../../test/helpers/backups.ts';
import { connect, type Database } from '../../db/connect.ts';
import type { BackupSettings } from './settings.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { createBackup, restoreBackup, verifyBackup } from './backups.service.ts';

const hasServer = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!hasServer)('restoring across engines', () => {
  let lite: Database;
  let server: Database;
  let s: BackupSettings;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    s = testBackupSettings();
    lite = await createTestDatabase('pglite');
    server = await createTestDatabase('postgres');
    await seedSmall(testCtx(lite));
    await seedSmall(testCtx(server));
  });
  afterAll(async () => {
    for (const c of cleanup) await c();
    await lite?.close();
    await server?.close();
    rmSync(s.dir, { recursive: true, force: true });
  });

  // The restore appends its own event, which waits for its seal.
  const withoutAudit = (m: Map<string, unknown>) =>
    new Map([...m].filter(([k]) => k !== 'audit_events' && k !== 'audit_pending'));

  it('restores a PGlite backup into a new PostgreSQL database, table for table', async () => {
    const before = await digestsOf(lite.db);
    const b = await createBackup(testCtx(lite), s);
    expect(b.engine).toMatch(/PGlite/);
    const target = await emptyPgDatabase();
    cleanup.push(target.drop);
    const r = await restoreBackup(testCtx(lite), b.id, { target: target.url }, s);
    expect(r.tables.every((t) => t.matches)).toBe(true);
    const d = await connect({ databaseUrl: target.url });
    try {
      expect(withoutAudit(await digestsOf(d.db))).toEqual(withoutAudit(before));
      expect((await verifyAuditChain(testCtx(d))).ok).toBe(true);
    } finally {
      await d.close();
    }
  });

  it('restores a PostgreSQL backup into a new PGlite folder, table for table', async () => {
    const before = await digestsOf(server.db);
    const b = await createBackup(testCtx(server), s);
    expect(b.engine).toMatch(/^PostgreSQL 1\d/);
    expect((await verifyBackup(testCtx(server), b.id, s)).ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'hoso-restore-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    await restoreBackup(testCtx(server), b.id, { target: dir }, s);
    const d = await connect({ dataDir: dir });
    try {
      expect(withoutAudit(await digestsOf(d.db))).toEqual(withoutAudit(before));
      expect((await verifyAuditChain(testCtx(d))).ok).toBe(true);
    } finally {
      await d.close();
    }
  });
});
