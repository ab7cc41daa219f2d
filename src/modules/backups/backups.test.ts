// Backups on each engine: a round trip in which every table's count and checksum survive, the restored
// database carries on (audit chain intact, identities continue), and damaged backups are refused.
import { MIGRATION_NAMES } from '../../db/migrate.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { digestsOf, seedSmall, testBackupSettings } from '../../../test/helpers/backups.ts';
import type { Database } from '../../db/connect.ts';
import { backupKeysFrom } from '../../platform/backup-keys.ts';
import type { BackupSettings } from './settings.ts';
import { generateKeyPairSync } from 'node:crypto';
import { checkpointKey, verifyAuditChain } from '../audit/index.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { createBackup, listBackups, restoreBackup, verifyBackup } from './backups.service.ts';
import { dataName, manifestName, readManifest, writeManifest, type Manifest } from './format.ts';

describe.each(ENGINES)('backups on %s', (engine) => {
  let d: Database;
  let w: World;
  let s: BackupSettings;
  const ctx = () => testCtx(d);
  const copies: Database[] = [];

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await seedSmall(ctx());
    s = testBackupSettings();
  });
  afterAll(async () => {
    for (const c of copies) await c.close();
    await d?.close();
    rmSync(s.dir, { recursive: true, force: true });
  });

  it('round-trips every table with equal counts and checksums', async () => {
    const before = await digestsOf(d.db);
    const b = await createBackup(ctx(), s);
    expect(b.status).toBe('good');
    expect(b.schema).toEqual(MIGRATION_NAMES);
    expect(b.tables.map((t) => t.name).sort()).toEqual([...before.keys()].sort());
    for (const t of b.tables) expect(t.rows, t.name).toBe(before.get(t.name)?.rows);
    // The data file is encrypted: no name, code or JSON survives in clear.
    const raw = readFileSync(join(s.dir, dataName(b.id)));
    expect(raw.includes(Buffer.from('Hà Nội'))).toBe(false);
    expect(raw.includes(Buffer.from('"person_id"'))).toBe(false);

    const v = await verifyBackup(ctx(), b.id, s);
    expect(v.ok).toBe(true);
    expect(v.tables.every((t) => t.matches)).toBe(true);

    const copy = await createTestDatabase(engine);
    copies.push(copy);
    await restoreBackup(ctx(), b.id, { target: copy.db }, s);
    const after = await digestsOf(copy.db);
    for (const [name, want] of before) {
      // The restore appends its own event, which waits for its seal.
      if (name === 'audit_events' || name === 'audit_pending') continue;
      expect(after.get(name), name).toEqual(want);
    }
    expect(after.get('audit_events')!.rows).toBe(before.get('audit_events')!.rows + 1);
    const listed = (await listBackups(ctx(), s)).items.find((i) => i.id === b.id);
    expect(listed).toMatchObject({ status: 'good', verified: true });
  });

  it('leaves a restored database that carries on: chain intact, identities continue', async () => {
    const copy = copies[0]!;
    const c = testCtx(copy);
    expect((await verifyAuditChain(c)).ok).toBe(true);
    const person = await createEmployee(c, recruitBody(w.hanoiHome));
    const ids = await copy.db.selectFrom('personnel_actions').select('id').orderBy('id').execute();
    expect(ids.length).toBeGreaterThan(5);
    const mine = await copy.db
      .selectFrom('personnel_actions')
      .select('id')
      .where('employee_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(mine.id).toBe(Math.max(...ids.map((r) => r.id)));
    expect((await verifyAuditChain(c)).ok).toBe(true);
  });

  it("carries the audit log's signed checkpoint in its manifest, which the restored log matches", async () => {
    const key = checkpointKey(generateKeyPairSync('ed25519').privateKey);
    const signed = testBackupSettings({ dir: s.dir, auditKey: key });
    const b = await createBackup(ctx(), signed);
    const read = await readManifest(s.dir, b.id, s.keys);
    if (!('manifest' in read)) throw new Error(read.reason);
    const c = read.manifest.auditCheckpoint;
    const sealed = await d.db
      .selectFrom('audit_seals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ format: 'hoso.audit-checkpoint/1', count: Number(sealed.n) });
    const copy = await createTestDatabase(engine);
    copies.push(copy);
    await restoreBackup(ctx(), b.id, { target: copy.db }, signed);
    expect(await verifyAuditChain(testCtx(copy), { key, checkpoint: c })).toMatchObject({
      ok: true,
      checkpoint: { source: 'given', count: c?.count },
    });
  });

  it('refuses to restore into a database that is not empty', async () => {
    const b = await createBackup(ctx(), s);
    await expect(restoreBackup(ctx(), b.id, { target: d.db }, s)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a corrupted or truncated data file in verify and restore, and lists it as invalid', async () => {
    for (const damage of ['flip', 'truncate'] as const) {
      const b = await createBackup(ctx(), s);
      const file = join(s.dir, dataName(b.id));
      if (damage === 'flip') {
        const bytes = readFileSync(file);
        const at = Math.floor(bytes.length / 2);
        bytes[at] = bytes[at]! ^ 0x01;
        writeFileSync(file, bytes);
      } else truncateSync(file, Math.floor(readFileSync(file).length / 2));
      const target = await createTestDatabase(engine);
      copies.push(target);
      await expect(verifyBackup(ctx(), b.id, s), damage).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      await expect(restoreBackup(ctx(), b.id, { target: target.db }, s)).rejects.toMatchObject({
        code: 'BACKUP_INVALID',
      });
      expect(await target.db.selectFrom('employees').select('id').execute()).toEqual([]);
      const listed = (await listBackups(ctx(), s)).items.find((i) => i.id === b.id);
      expect(listed?.status, damage).toBe('invalid');
    }
  });

  it('refuses a manifest that was edited or signed by another key', async () => {
    const b = await createBackup(ctx(), s);
    const file = join(s.dir, manifestName(b.id));
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { body: { tables: { rows: number }[] } };
    doc.body.tables[0]!.rows += 1;
    writeFileSync(file, JSON.stringify(doc));
    await expect(verifyBackup(ctx(), b.id, s)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });

    // Signed with the right key but naming the wrong GCM tag: decryption itself must refuse it.
    const forged = await createBackup(ctx(), s);
    const m = JSON.parse(readFileSync(join(s.dir, manifestName(forged.id)), 'utf8')) as { body: Manifest };
    await writeManifest(s.dir, s.keys, {
      ...m.body,
      data: { ...m.body.data, tag: Buffer.alloc(16).toString('base64') },
    });
    await expect(verifyBackup(ctx(), forged.id, s)).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      details: [{ reason: 'data file cannot be decrypted or unpacked' }],
    });

    const good = await createBackup(ctx(), s);
    const other = { ...s, keys: backupKeysFrom(Buffer.alloc(32, 4)) };
    await expect(verifyBackup(ctx(), good.id, other)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    const listed = (await listBackups(ctx(), other)).items.find((i) => i.id === good.id);
    expect(listed?.reason).toMatch(/signature/);
    await expect(verifyBackup(ctx(), '20261120T030000Z-000000', s)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(verifyBackup(ctx(), '../../etc/passwd', s)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is refused to anyone but the system or a national administrator', async () => {
    const provincial = {
      ...ctx(),
      actor: {
        id: 'x',
        kind: 'user' as const,
        name: 'x',
        grants: [{ role: 'national_admin' as const, unitId: w.hanoi, unitPath: 'vn.t01' }],
      },
    };
    await expect(listBackups(provincial, s)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createBackup(provincial, s)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
