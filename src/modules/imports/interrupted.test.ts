// An import whose runner dies is not left `running`: its runner holds an advisory lock for the whole
// run, and whoever reads a running job (one job, the list, the start of an import or of the server)
// and finds the lock free marks it failed — interrupted, nothing written. A live run is left alone.
// Both engines; the live runner and the real SIGKILL of a `hoso import` process need a second
// connection, hence PostgreSQL only (PGlite is one connection in one process).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { makePersonId } from '../../platform/person-id.ts';
import { COLUMNS, headerOf, INTERRUPTED, runImport, settleInterruptedImports } from './index.ts';
import { insertJob } from './imports.repository.ts';

const ROOT = join(import.meta.dirname, '../../..');
const LOCKS = 0x696d7074;
let serial = 700_000;

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csv(n: number): Buffer {
  const lines = [COLUMNS.map((c) => q(headerOf(c))).join(',')];
  for (let i = 0; i < n; i++) {
    const row: Record<string, string | number> = {
      personId: makePersonId('01', { birthDate: '1988-04-09', sex: 'F' }, serial++),
      fullName: 'Lê Thị Ánh Tuyết',
      birthDate: '09/04/1988',
      sex: 'Nữ',
      ethnicCode: '01',
      religionCode: '00',
      hometown: 'Xã Phù Đổng Hà Nội',
      category: 'civil_servant',
      managingUnitCode: 'T01-SNV',
      workingUnitCode: 'T01-SNV',
      rankCode: '01.003',
      salaryStep: 2,
      recruitDate: '01/03/2015',
      decisionNo: '45/QĐ-UBND',
      decisionDate: '20/02/2015',
      signerName: 'Trần Văn Ký',
      issuingBody: 'UBND thành phố Hà Nội',
    };
    lines.push(COLUMNS.map((c) => q(String(row[c.key] ?? ''))).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe.each(ENGINES)('an interrupted import on %s', (engine) => {
  let d: Database;
  let sys: Ctx;
  let app: FastifyInstance;

  /** A job row left `running` by a runner that is gone (no lock held). */
  const orphan = async () => {
    const id = randomUUID();
    await insertJob(d.db, {
      id,
      actor: 'system:test',
      unit_path: null,
      file_name: 'bo-do.csv',
      file_sha256: 'ab'.repeat(32),
      format: 'csv',
      valid_only: false,
      dry_run: false,
      started_at: TEST_NOW,
    });
    return id;
  };
  const status = async (id: string) =>
    (
      await d.db
        .selectFrom('imports')
        .select(['status', 'error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const employees = async () =>
    Number(
      (
        await d.db
          .selectFrom('employees')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    await buildWorld(sys);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('marks a running job with no runner failed when it is read, with the reason in Vietnamese', async () => {
    const id = await orphan();
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'failed', error: INTERRUPTED, created: 0, updated: 0 });
    expect(res.json().finishedAt).toBe(TEST_NOW.toISOString());
    expect(INTERRUPTED).toMatch(/bị gián đoạn; không dòng nào được ghi/);
  });

  it('settles them when the list is read, and at start-up (all of them, once)', async () => {
    const listed = await orphan();
    const list = await app.inject({ method: 'GET', url: '/api/v1/imports' });
    expect(list.statusCode).toBe(200);
    expect(list.json().find((j: { id: string }) => j.id === listed)).toMatchObject({
      status: 'failed',
      error: INTERRUPTED,
    });
    const [a, b] = [await orphan(), await orphan()];
    expect((await settleInterruptedImports(sys)).sort()).toEqual([a, b].sort());
    expect([await status(a), await status(b)]).toEqual(['failed', 'failed']);
    expect(await settleInterruptedImports(sys)).toEqual([]);
  });

  it('a run that ends releases its lock and is settled by itself, not by a reader', async () => {
    const before = await employees();
    const job = await runImport(sys, { name: 'ok.csv', open: () => Readable.from([csv(3)]) });
    expect(job).toMatchObject({ status: 'done', created: 3 });
    expect(await employees()).toBe(before + 3);
    // pg_locks spans the server: other test files import into their own databases meanwhile.
    const held = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ${LOCKS}
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(d.db);
    expect(held.rows[0]?.n).toBe(0);
    expect(await settleInterruptedImports(sys, [job.id])).toEqual([]);
    expect(await status(job.id)).toBe('done');
  });

  // PGlite is one connection: while a runner holds it nobody else can read, so "live" cannot be seen.
  it.skipIf(engine === 'pglite')(
    'leaves a live run alone: its lock is held on another connection',
    async () => {
      const id = await orphan();
      await d.db.connection().execute(async (runner) => {
        await sql`SELECT pg_advisory_lock(${LOCKS}, hashtext(${id}))`.execute(runner);
        // Reads on other connections of the pool, as other requests or processes would.
        const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}` });
        expect(res.json()).toMatchObject({ status: 'running', error: null });
        expect(await settleInterruptedImports(sys)).not.toContain(id);
        await sql`SELECT pg_advisory_unlock(${LOCKS}, hashtext(${id}))`.execute(runner);
      });
      // The runner let go without finishing the job: it is gone.
      expect(await settleInterruptedImports(sys, [id])).toEqual([id]);
      expect(await status(id)).toBe('failed');
    },
  );

  it.skipIf(engine === 'pglite')(
    'a `hoso import` process killed with SIGKILL mid-run: the job ends failed and nothing is written',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hoso-kill-'));
      const path = join(dir, 'lon.csv');
      writeFileSync(path, csv(20_000));
      const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(d.db)).rows[0]!.n;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const before = await employees();
      const child = spawn(process.execPath, [join(ROOT, 'bin/hoso.mjs'), 'import', path], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
      try {
        let id: string | undefined;
        // The row appears once the runner holds the lock; wait until rows are written in its transaction.
        for (let i = 0; i < 600 && !id; i++) {
          await new Promise((r) => setTimeout(r, 200));
          const row = await d.db
            .selectFrom('imports')
            .select('id')
            .where('file_name', '=', 'lon.csv')
            .where('status', '=', 'running')
            .executeTakeFirst();
          if (row && /ghi [1-9]/.test(stderr)) id = row.id;
        }
        expect(id, stderr).toBeDefined();
        // Alive: a reader leaves it running.
        expect(await settleInterruptedImports(sys, [id!])).toEqual([]);
        child.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        // PostgreSQL ends the dead client's backend (and its lock) once it sees the socket closed.
        let settled: string[] = [];
        for (let i = 0; i < 50 && settled.length === 0; i++) {
          settled = await settleInterruptedImports(sys, [id!]);
          if (settled.length === 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect(settled).toEqual([id]);
        const job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}` })).json();
        expect(job).toMatchObject({ status: 'failed', error: INTERRUPTED, created: 0 });
        expect(await employees()).toBe(before);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
