// Backup tests: a throw-away backup folder and key, a small world that exercises every kind of row
// (identities, a unit whose successor was created after it, a correction pointing at an earlier
// action, accounts and role bindings, a chained audit log), and the checksums of a whole database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { backupKeysFrom } from '../../src/platform/backup-keys.ts';
import type { BackupSettings } from '../../src/modules/backups/index.ts';
import * as repo from '../../src/modules/backups/backups.repository.ts';
import { tableDigest } from '../../src/modules/backups/load.ts';
import type { TableDigest } from '../../src/modules/backups/format.ts';
import { addJobPosition, closeUnit, createUnit, setQuota } from '../../src/modules/org-units/index.ts';
import { appendAction, createEmployee } from '../../src/modules/personnel-actions/index.ts';
import { createNationalAdmin, issueAccount } from '../../src/modules/accounts/index.ts';
import { buildWorld, recruitBody, type World } from './fixtures.ts';

export const TEST_BACKUP_KEY = Buffer.alloc(32, 9);
const MONTH = 31 * 86_400_000;

export function testBackupSettings(over: Partial<BackupSettings> = {}): BackupSettings {
  return {
    dir: over.dir ?? mkdtempSync(join(tmpdir(), 'hoso-backups-')),
    cron: '0 2 1 * *',
    retentionDays: 100,
    keys: backupKeysFrom(TEST_BACKUP_KEY),
    periodMs: MONTH,
    ...over,
  };
}

const dec = (n: string, date: string) => ({
  number: n,
  date,
  signerName: 'Trần Văn Ký',
  issuingBody: 'UBND thành phố Hà Nội',
});

export async function seedSmall(ctx: Ctx): Promise<World> {
  const w = await buildWorld(ctx);
  const later = await createUnit(ctx, {
    code: 'T02-NEW',
    name: 'Đơn vị kế thừa',
    kind: 'other',
    parentId: w.nation,
    validFrom: '2020-01-01',
  });
  // Hà Giang (created earlier) names a successor created after it: rows must not load in id order.
  await closeUnit(ctx, w.hagiang, { validTo: '2025-07-01', successorId: later.id });
  await setQuota(ctx, w.hanoiHome, 2026, {
    civilServants: 12,
    publicEmployees: 3,
    contractWorkers: 1,
    decisionNo: '5/QĐ',
    decisionDate: '2025-12-01',
  });
  await addJobPosition(ctx, w.hanoiHome, {
    code: 'VT-1',
    name: 'Chuyên viên',
    kind: 'professional',
    plannedCount: 2,
    validFrom: '2024-01-01',
  });
  const people = [];
  for (let i = 0; i < 3; i++) people.push(await createEmployee(ctx, recruitBody(w.hanoiHome)));
  const reward = await appendAction(ctx, people[0]!.id, {
    type: 'reward',
    effectiveDate: '2024-01-02',
    decision: dec('9/QĐ', '2024-01-02'),
    payload: { form: 'Giấy khen' },
  });
  await appendAction(ctx, people[0]!.id, {
    type: 'correction',
    effectiveDate: '2024-02-01',
    decision: dec('10/QĐ', '2024-02-01'),
    payload: {
      targetActionId: reward.action.id,
      effectiveDate: '2024-01-03',
      payload: {},
      reason: 'Sai ngày',
    },
  });
  await createNationalAdmin(ctx, { username: 'admin', displayName: 'Quản trị' });
  await issueAccount(ctx, {
    username: 'viewer-1',
    displayName: 'Người xem',
    roles: [{ role: 'viewer', unitId: w.hanoi }],
  });
  return w;
}

/** Every table's count and checksum, computed as a backup computes them. */
export function digestsOf(db: Kysely<DB>): Promise<Map<string, TableDigest>> {
  return inTransaction(db, async (trx) => {
    await repo.useUtc(trx);
    const out = new Map<string, TableDigest>();
    for (const t of await repo.listTables(trx)) out.set(t.name, await tableDigest(trx, t));
    return out;
  });
}

/** A new, empty (not even migrated) database on the test server; drop() removes it. */
export async function emptyPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `hoso_bk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
