// The backup API and `hoso backup`: list with alerts, run on demand, verify, and a restore that asks
// before it writes (and refuses to ask when nobody is at a terminal).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { seedSmall, TEST_BACKUP_KEY } from '../../../test/helpers/backups.ts';
import { connect, type Database } from '../../db/connect.ts';
import { loadConfig, type Config } from '../../platform/config.ts';
import { backupCommand, type PromptIO } from '../../cli/backup.ts';
import { backupSettingsFrom, configureBackups } from './settings.ts';
import { digestsOf } from '../../../test/helpers/backups.ts';

describe('backups through the API and the CLI', () => {
  let d: Database;
  let app: FastifyInstance;
  let config: Config;
  const temp: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temp.push(dir);
    return dir;
  };

  beforeAll(async () => {
    const dataDir = tempDir('hoso-data-');
    config = loadConfig({ DATA_DIR: dataDir, HOSO_BACKUP_KEY: TEST_BACKUP_KEY.toString('base64') });
    configureBackups(backupSettingsFrom(config));
    d = await createTestDatabase('pglite');
    await seedSmall(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('lists nothing and raises the overdue alert, then runs a restore-tested backup on POST', async () => {
    const empty = await app.inject({ method: 'GET', url: '/api/v1/backups' });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().items).toEqual([]);
    expect(empty.json().alerts.map((a: { code: string }) => a.code)).toEqual(['BACKUP_OVERDUE']);

    const run = await app.inject({ method: 'POST', url: '/api/v1/backups' });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({
      verified: true,
      pruned: [],
      backup: { status: 'good', verified: true },
    });

    const list = (await app.inject({ method: 'GET', url: '/api/v1/backups' })).json();
    expect(list.alerts).toEqual([]);
    expect(list.status).toMatchObject({
      overdue: false,
      retentionDays: 100,
      periodDays: 31,
      lastFailure: null,
    });
    const [item] = list.items;
    expect(item.id).toBe(run.json().backup.id);
    expect(item.sizeBytes).toBeGreaterThan(0);
    expect(item.tables.find((t: { name: string }) => t.name === 'employees').rows).toBe(3);
    const events = await d.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'backup')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['backup.create', 'backup.verify']);
  });

  it('runs, lists, verifies and restores from the command line', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const err = vi
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const ctx = testCtx(d);
    const noTty: PromptIO = { isTTY: false, ask: async () => 'yes' };
    try {
      expect(await backupCommand(['run'], ctx, config, noTty)).toBe(0);
      const id = /backup (\S+):/.exec(out.join('\n'))?.[1] ?? '';
      expect(await backupCommand(['list'], ctx, config, noTty)).toBe(0);
      expect(out.join('\n')).toContain(`${id}  good`);
      expect(await backupCommand(['verify', id], ctx, config, noTty)).toBe(0);
      expect(await backupCommand(['verify', '20990101T000000Z-abcdef'], ctx, config, noTty)).toBe(1);
      expect(out.join('\n')).toMatch(/NOT_FOUND/);

      const target = tempDir('hoso-restore-cli-');
      expect(await backupCommand(['restore', id, '--target', target], ctx, config, noTty)).toBe(2);
      expect(out.join('\n')).toMatch(/refusing without --yes/);
      const tty = (answer: string): PromptIO => ({ isTTY: true, ask: async () => answer });
      expect(await backupCommand(['restore', id, '--target', target], ctx, config, tty('no'))).toBe(1);
      expect(await backupCommand(['restore', id, '--target', target], ctx, config, tty('yes'))).toBe(0);
      const restored = await connect({ dataDir: target });
      try {
        const got = await digestsOf(restored.db);
        expect(got.get('employees')?.rows).toBe(3);
        expect(got.get('accounts')?.rows).toBe(2);
      } finally {
        await restored.close();
      }
      // Restoring twice into the same database is refused: it is no longer empty.
      expect(await backupCommand(['restore', id, '--target', target, '--yes'], ctx, config, noTty)).toBe(1);
      expect(out.join('\n')).toMatch(/CONFLICT/);
      expect(await backupCommand(['frobnicate'], ctx, config, noTty)).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
