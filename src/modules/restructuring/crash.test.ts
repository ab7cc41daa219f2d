// A restructuring cut short by a real crash — the process killed with SIGKILL while its transaction is
// part-way (units created and moved, some people re-homed) — leaves nothing: after restart the tree,
// the ledger, the projections and the audit log are as before, and the same operation then succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from '../../../test/helpers/db.ts';
import { recruitBody } from '../../../test/helpers/fixtures.ts';
import { emptyPgDatabase } from '../../../test/helpers/backups.ts';
import { connect, type Database } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { systemCtx } from '../../platform/context.ts';
import { createUnit, createUnits, getUnit } from '../org-units/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { footprint } from './restructuring.repository.ts';
import { restructure } from './restructuring.service.ts';
import type { NewRestructuring } from '../../../api/restructuring.ts';

const CHILD = join(import.meta.dirname, '../../../test/helpers/restructure-child.ts');
const NOW = new Date('2026-11-20T03:00:00Z');

/** Runs the operation in a child process and kills it once it reports being part-way. */
async function killMidOperation(database: string, body: NewRestructuring): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, database, JSON.stringify(body)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 200_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('mid-operation')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  child.kill('SIGKILL');
  await exited;
  return out;
}

describe.each(ENGINES)('a restructuring killed part-way on %s', (engine) => {
  let database: string;
  let drop: () => Promise<void>;
  const open = (): Promise<Database> =>
    connect(engine === 'pglite' ? { dataDir: database } : { databaseUrl: database });

  beforeAll(async () => {
    if (engine === 'pglite') {
      database = mkdtempSync(join(tmpdir(), 'hoso-restructure-crash-'));
      drop = async () => rmSync(database, { recursive: true, force: true });
    } else {
      ({ url: database, drop } = await emptyPgDatabase());
    }
  });
  afterAll(async () => {
    await drop?.();
  });

  it('leaves the whole operation or none of it', async () => {
    let d = await open();
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, NOW, 'system:test');
    // A minimal world (no catalog import: the rules read the catalogs from data/ in memory).
    const [nation] = await inTransaction(d.db, (trx) =>
      createUnits(ctx, trx, [{ code: 'VN', name: 'Việt Nam', kind: 'national', validFrom: '1945-08-01' }]),
    );
    const unit = (code: string, name: string, parentId: number) =>
      createUnit(ctx, { code, name, kind: 'province', parentId, validFrom: '1991-10-01' });
    const w = { hagiang: (await unit('T02', 'Tỉnh Hà Giang', nation!.id)).id, tuyenquang: 0 };
    w.tuyenquang = (await unit('T08', 'Tỉnh Tuyên Quang', nation!.id)).id;
    const dept = await createUnit(ctx, {
      code: 'T02-SNV',
      name: 'Sở Nội vụ Hà Giang',
      kind: 'provincial_department',
      parentId: w.hagiang,
      validFrom: '2000-01-01',
    });
    const people: string[] = [];
    for (let i = 0; i < 4; i++) people.push((await createEmployee(ctx, recruitBody(w.hagiang))).id);
    const body: NewRestructuring = {
      kind: 'merge',
      effectiveDate: '2025-07-01',
      decision: {
        number: '202/2025/QH15',
        date: '2025-06-12',
        signerName: 'Trần Thanh Mẫn',
        issuingBody: 'Quốc hội',
      },
      sourceIds: [w.hagiang, w.tuyenquang],
      newUnit: { code: 'T08-NEW', name: 'Tỉnh Tuyên Quang (mới)', kind: 'province', provinceCode: '08' },
    };
    const state = async (db: Database) => ({
      counts: await footprint(db.db),
      units: await db.db.selectFrom('employees').select(['id', 'managing_unit_id']).orderBy('id').execute(),
      dept: await getUnit(db.db, dept.id),
      hagiang: await getUnit(db.db, w.hagiang),
    });
    const before = await state(d);
    if (engine === 'pglite') await d.close(); // one process at a time on an embedded database

    const out = await killMidOperation(database, body);
    expect(out).toContain('mid-operation');
    expect(out).not.toContain('finished');

    if (engine === 'pglite') d = await open();
    expect(await state(d)).toEqual(before);
    const done = await restructure(systemCtx(d.db, NOW, 'system:test'), body);
    expect(done.result.rehomed).toBe(people.length);
    expect((await state(d)).counts.restructurings).toBe(before.counts.restructurings! + 1);
    await d.close();
  }, 400_000);
});
