// The audit log as a sealed hash chain: events written by the real services are sealed into a chain
// from 'genesis'; any edit, deletion, insertion or swap done behind the application's back — before or
// after sealing — is found and named, and so is the deletion of the newest events, against a signed
// checkpoint; a checkpoint with a bad signature is refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createUnit } from '../org-units/index.ts';
import { auditCommand } from '../../cli/audit.ts';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  audit,
  checkpointKey,
  checkpointNow,
  sealPending,
  verifyAuditChain,
  type Checkpoint,
} from './index.ts';
import type { AuditVerifyResult } from '../../../api/audit.ts';

const CONTENT = ['at', 'actor', 'action', 'entity', 'entity_id', 'request_id', 'details', 'role', 'ip'];
const EVENT_FIELDS = [...CONTENT, 'subject_id', 'unit_path'];
const EVENT_COLUMNS = sql.raw(EVENT_FIELDS.join(', '));
const KEY = checkpointKey(generateKeyPairSync('ed25519').privateKey);
const OTHER_KEY = checkpointKey(generateKeyPairSync('ed25519').privateKey);

describe.each(ENGINES)('audit chain on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
    for (let i = 1; i <= 4; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/org-units',
        payload: {
          code: `AUD-${i}`,
          name: `Phòng kiểm tra ${i}`,
          kind: 'other',
          parentId: w.hanoi,
          validFrom: '2010-01-01',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  // A small page size makes the walk cross page boundaries.
  const verify = (checkpoint?: Checkpoint) =>
    verifyAuditChain(testCtx(d), { pageSize: 3, key: KEY, checkpoint });
  const ids = async () =>
    (await d.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
  const seals = () => d.db.selectFrom('audit_seals').selectAll().orderBy('seq').execute();
  const seal = async () => sealPending(d.db, new Date());
  const at = (list: number[], i: number): number => {
    const v = list[i < 0 ? list.length + i : i];
    if (v === undefined) throw new Error(`no event at ${i}`);
    return v;
  };
  // Tampering as an administrator would: around the append-only triggers, straight in SQL.
  const TRIGGERS = [
    ['audit_events', 'audit_events_append_only'],
    ['audit_seals', 'audit_seals_append_only'],
    ['audit_checkpoints', 'audit_checkpoints_append_only'],
  ] as const;
  const run = async (q: ReturnType<typeof sql>) => {
    for (const [t, g] of TRIGGERS)
      await sql`ALTER TABLE ${sql.table(t)} DISABLE TRIGGER ${sql.id(g)}`.execute(d.db);
    try {
      return await q.execute(d.db);
    } finally {
      for (const [t, g] of TRIGGERS)
        await sql`ALTER TABLE ${sql.table(t)} ENABLE TRIGGER ${sql.id(g)}`.execute(d.db);
    }
  };

  /** The route and the CLI tell the same story as the service. */
  async function expectBrokenAt(id: number, reason: RegExp): Promise<void> {
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBad?.id).toBe(id);
    expect(r.firstBad?.reason).toMatch(reason);
    const res = await app.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as AuditVerifyResult;
    expect(body.ok).toBe(false);
    expect(body.firstBad?.id).toBe(id);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await auditCommand(['verify'], testCtx(d), KEY)).toBe(1);
      expect(err).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`^audit chain BROKEN at event #${id}: `)),
      );
    } finally {
      err.mockRestore();
    }
  }

  async function expectIntact(): Promise<void> {
    const all = await ids();
    expect(await verify()).toMatchObject({ ok: true, checked: all.length, pending: 0 });
    expect(await verifyAuditChain(testCtx(d))).toMatchObject({ ok: true, checked: all.length });
  }

  it('seals every event written by the services into one chain from genesis', async () => {
    await seal();
    const rows = await d.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    const chain = await seals();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(chain.map((s) => Number(s.event_id)).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(chain[0]?.prev_hash).toBe('genesis');
    chain.forEach((s, i) => {
      expect(Number(s.seq)).toBe(i + 1);
      expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(s.prev_hash).toBe(chain[i - 1]?.hash);
    });
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? ''))).toBe(true);
    expect(await d.db.selectFrom('audit_pending').selectAll().execute()).toEqual([]);
    expect(rows.some((r) => r.action === 'org_unit.create' && r.ip === '127.0.0.1')).toBe(true);
    await expectIntact();
    const res = await app.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.json()).toMatchObject({ ok: true, checked: rows.length, sealed: rows.length, pending: 0 });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await auditCommand(['verify'], testCtx(d), KEY)).toBe(0);
      expect(log).toHaveBeenCalledWith(`audit chain OK: ${rows.length} events`);
    } finally {
      log.mockRestore();
    }
  });

  it('lists events with their seal: prev_hash and hash once sealed, null while waiting', async () => {
    await inTransaction(d.db, (trx) => audit(testCtx(d), trx, { action: 'waiting', entity: 'system' }));
    const page = async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/audit/events?action=waiting' });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { hash: string | null; prevHash: string | null }[] }).items;
    };
    expect((await page())[0]).toMatchObject({ hash: null, prevHash: null });
    expect(await verify()).toMatchObject({ ok: true });
    expect((await page())[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records subject, unit, role and ip, and hashes details however jsonb orders them', async () => {
    const ctx = { ...testCtx(d), ip: '10.1.2.3', requestId: 'req-fields' };
    const subject = 'A1B2C3D4-0000-4000-8000-0000000000AA';
    await inTransaction(d.db, (trx) =>
      audit(ctx, trx, {
        action: 'employee.read',
        entity: 'employee',
        entityId: subject,
        subjectId: subject,
        unitPath: 'u1.u2',
        role: 'hr_officer',
        details: { zeta: 1, alpha: { list: [3, { y: null, b: 'á' }], when: new Date(0) }, gone: undefined },
      }),
    );
    const row = await d.db
      .selectFrom('audit_events')
      .select(['subject_id', 'unit_path', 'role', 'ip', 'request_id', 'details'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_id: subject.toLowerCase(), unit_path: 'u1.u2', role: 'hr_officer' });
    expect(row).toMatchObject({ ip: '10.1.2.3', request_id: 'req-fields' });
    expect(row.details).toEqual({
      zeta: 1,
      alpha: { list: [3, { y: null, b: 'á' }], when: '1970-01-01T00:00:00.000Z' },
    });
    await expectIntact();
  });

  it('refuses updates and deletes from the application: events, seals and checkpoints are append-only', async () => {
    await checkpointNow(d.db, KEY, new Date());
    for (const [t, col] of [
      ['audit_events', 'actor'],
      ['audit_seals', 'hash'],
      ['audit_checkpoints', 'head'],
    ] as const) {
      await expect(sql`UPDATE ${sql.table(t)} SET ${sql.id(col)} = 'x'`.execute(d.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM ${sql.table(t)}`.execute(d.db)).rejects.toThrow(/append-only/);
    }
  });

  it('finds an edited event: details or actor changed after sealing', async () => {
    await seal();
    const target = at(await ids(), 3);
    await run(sql`UPDATE audit_events SET details = details || '{"tampered":true}' WHERE id = ${target}`);
    await expectBrokenAt(target, /altered/);
    await run(sql`UPDATE audit_events SET details = details - 'tampered' WHERE id = ${target}`);
    const { actor } = await d.db
      .selectFrom('audit_events')
      .select('actor')
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    await expectIntact();
    await run(sql`UPDATE audit_events SET actor = 'mallory' WHERE id = ${target}`);
    await expectBrokenAt(target, /altered/);
    await run(sql`UPDATE audit_events SET actor = ${actor} WHERE id = ${target}`);
    await expectIntact();
  });

  it('finds an event edited while it waited for its seal, and never seals it', async () => {
    await inTransaction(d.db, (trx) => audit(testCtx(d), trx, { action: 'before.seal', entity: 'system' }));
    const target = at(await ids(), -1);
    await run(sql`UPDATE audit_events SET actor = 'mallory' WHERE id = ${target}`);
    expect((await seal()).refused).toEqual([target]);
    await expectBrokenAt(target, /MAC does not match/);
    expect(await d.db.selectFrom('audit_seals').where('event_id', '=', target).selectAll().execute()).toEqual(
      [],
    );
    await run(sql`UPDATE audit_events SET actor = 'system:test' WHERE id = ${target}`);
    const { actor } = await d.db
      .selectFrom('audit_events')
      .select('actor')
      .where('id', '=', at(await ids(), 0))
      .executeTakeFirstOrThrow();
    await run(sql`UPDATE audit_events SET actor = ${actor} WHERE id = ${target}`);
    await expectIntact();
  });

  it('finds a deleted event: its seal remains, or the next seal no longer links', async () => {
    await seal();
    const all = await ids();
    const victim = at(all, 2);
    await run(sql`CREATE TABLE audit_kept AS SELECT * FROM audit_events WHERE id = ${victim}`);
    await run(sql`CREATE TABLE seal_kept AS SELECT * FROM audit_seals WHERE event_id = ${victim}`);
    await run(sql`DELETE FROM audit_events WHERE id = ${victim}`);
    await expectBrokenAt(victim, /deleted/);
    await run(sql`DELETE FROM audit_seals WHERE event_id = ${victim}`);
    await expectBrokenAt(at(all, 3), /deleted/);
    await run(sql`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM audit_kept`);
    await run(sql`INSERT INTO audit_seals SELECT * FROM seal_kept`);
    await run(sql`DROP TABLE audit_kept`);
    await run(sql`DROP TABLE seal_kept`);
    await expectIntact();
  });

  it('finds forged events: unqueued, queued with a bad MAC, or sealed with a made-up hash', async () => {
    await seal();
    await run(sql`INSERT INTO audit_events (${EVENT_COLUMNS})
      VALUES (now(), 'mallory', 'employee.read', 'employee', NULL, NULL, '{}', NULL, NULL, NULL, NULL)`);
    const forged = at(await ids(), -1);
    await expectBrokenAt(forged, /neither sealed nor queued/);
    await run(sql`INSERT INTO audit_pending VALUES (${forged})`);
    await expectBrokenAt(forged, /MAC does not match/);
    const tail = await d.db
      .selectFrom('audit_seals')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await run(sql`DELETE FROM audit_pending WHERE event_id = ${forged}`);
    await run(
      sql`INSERT INTO audit_seals VALUES (${Number(tail.seq) + 1}, ${forged}, ${tail.hash}, ${'f'.repeat(64)}, now())`,
    );
    await expectBrokenAt(forged, /altered/);
    await run(sql`DELETE FROM audit_seals WHERE event_id = ${forged}`);
    await run(sql`DELETE FROM audit_events WHERE id = ${forged}`);
    await expectIntact();

    // A rolled-back write leaves a gap in the ids, not in the chain.
    await expect(
      inTransaction(d.db, async (trx) => {
        await audit(testCtx(d), trx, { action: 'doomed', entity: 'system' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await createUnit(testCtx(d), {
      code: 'GAP-1',
      name: 'Sau khoảng trống',
      kind: 'other',
      parentId: w.hanoi,
      validFrom: '2010-01-01',
    });
    await expectIntact();
  });

  it('finds swapped events, with or without their seals', async () => {
    await seal();
    const all = await ids();
    const [a, b] = [at(all, 2), at(all, 5)];
    const swap = (cols: string[]) =>
      run(sql`UPDATE audit_events t SET ${sql.raw(cols.map((c) => `${c} = s.${c}`).join(', '))}
        FROM audit_events s WHERE (t.id = ${a} AND s.id = ${b}) OR (t.id = ${b} AND s.id = ${a})`);
    const swapSeals = () =>
      run(sql`UPDATE audit_seals t SET event_id = CASE WHEN t.event_id = ${a} THEN -${b}::bigint ELSE -${a}::bigint END
        WHERE t.event_id IN (${a}, ${b})`).then(() =>
        run(sql`UPDATE audit_seals SET event_id = -event_id WHERE event_id < 0`),
      );
    await swap(EVENT_FIELDS);
    await expectBrokenAt(a, /altered/);
    await swap(EVENT_FIELDS);
    await expectIntact();
    await swapSeals();
    await expectBrokenAt(b, /altered/);
    await swapSeals();
    await expectIntact();
  });

  it('treats a queued event without a MAC as bad', async () => {
    await inTransaction(d.db, (trx) => audit(testCtx(d), trx, { action: 'no.mac', entity: 'system' }));
    const last = at(await ids(), -1);
    const { mac } = await d.db
      .selectFrom('audit_events')
      .select('mac')
      .where('id', '=', last)
      .executeTakeFirstOrThrow();
    await run(sql`UPDATE audit_events SET mac = NULL WHERE id = ${last}`);
    await expectBrokenAt(last, /MAC/);
    await run(sql`UPDATE audit_events SET mac = ${mac} WHERE id = ${last}`);
    await expectIntact();
  });

  it('detects the deletion of the newest events against the last signed checkpoint', async () => {
    const c = await checkpointNow(d.db, KEY, new Date());
    expect(c).toMatchObject({ format: 'hoso.audit-checkpoint/1', count: (await seals()).length });
    expect((await verify(c)).checkpoint).toMatchObject({ source: 'given', count: c.count });
    const newest = (await seals()).slice(-3).map((s) => Number(s.event_id));
    await run(sql`CREATE TABLE audit_kept AS SELECT * FROM audit_events WHERE id IN (${sql.join(newest)})`);
    await run(
      sql`CREATE TABLE seal_kept AS SELECT * FROM audit_seals WHERE event_id IN (${sql.join(newest)})`,
    );
    await run(sql`DELETE FROM audit_events WHERE id IN (${sql.join(newest)})`);
    await run(sql`DELETE FROM audit_seals WHERE event_id IN (${sql.join(newest)})`);
    // The chain alone still links from genesis; the stored checkpoint and a kept copy both say otherwise.
    let r = await verify();
    expect(r.ok).toBe(false);
    expect(r.checkpoint).toMatchObject({ source: 'stored', count: c.count });
    expect(r.checkpoint?.problem).toMatch(/newest events were deleted/);
    // The intruder also removes the stored checkpoints: the copy kept outside the database remains.
    await run(sql`DELETE FROM audit_checkpoints`);
    expect((await verify()).ok).toBe(true);
    r = await verify(c);
    expect(r).toMatchObject({ ok: false, checkpoint: { source: 'given', count: c.count } });
    expect(r.checkpoint?.problem).toMatch(/newest events were deleted/);
    // The CLI reads the checkpoint from a kept file: a checkpoint, a backup manifest or an approval.
    const dir = mkdtempSync(join(tmpdir(), 'hoso-cp-'));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const [name, doc] of [
        ['checkpoint.json', c],
        ['backup.manifest.json', { body: { auditCheckpoint: c }, signature: 'x' }],
        ['approval.json', { format: 'hoso.monthly-approval/1', auditCheckpoint: c }],
      ] as const) {
        writeFileSync(join(dir, name), JSON.stringify(doc));
        expect(await auditCommand(['verify', '--checkpoint', join(dir, name)], testCtx(d), KEY)).toBe(1);
        expect(err).toHaveBeenLastCalledWith(
          expect.stringMatching(/checkpoint: .*newest events were deleted/),
        );
      }
    } finally {
      err.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    await run(sql`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM audit_kept`);
    await run(sql`INSERT INTO audit_seals SELECT * FROM seal_kept`);
    await run(sql`DROP TABLE audit_kept`);
    await run(sql`DROP TABLE seal_kept`);
    expect(await verify(c)).toMatchObject({ ok: true, checkpoint: { source: 'given' } });
  });

  it('refuses a checkpoint with a bad signature or from another key', async () => {
    const c = await checkpointNow(d.db, KEY, new Date());
    const refused = (cp: Checkpoint) =>
      expect(verify(cp)).rejects.toMatchObject({ code: 'CHECKPOINT_INVALID' });
    await refused({ ...c, count: c.count + 5 });
    await refused({ ...c, signature: Buffer.alloc(64, 7).toString('base64') });
    await refused({ ...c, head: 'f'.repeat(64) });
    const foreign = await checkpointNow(d.db, OTHER_KEY, new Date());
    await refused(foreign);
    await expect(verifyAuditChain(testCtx(d), { checkpoint: c })).rejects.toMatchObject({
      code: 'CHECKPOINT_INVALID',
    });
    // A stored checkpoint whose signature was altered is reported when the node's key is at hand.
    const newest = await d.db
      .selectFrom('audit_checkpoints')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await run(
      sql`UPDATE audit_checkpoints SET signature = ${Buffer.alloc(64, 9).toString('base64')} WHERE seq = ${newest.seq}`,
    );
    const r = await verify();
    expect(r).toMatchObject({ ok: false, checkpoint: { source: 'stored' } });
    expect(r.checkpoint?.problem).toMatch(/another key|signature does not verify/);
    await run(sql`DELETE FROM audit_checkpoints`);
    await expectIntact();
  });

  it('keeps one chain under concurrent writers', async () => {
    const before = (await ids()).length;
    const units = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createUnit(testCtx(d), {
          code: `PAR-${i}`,
          name: `Đơn vị song song ${i}`,
          kind: 'other',
          parentId: w.tuyenquang,
          validFrom: '2010-01-01',
        }),
      ),
    );
    expect(new Set(units.map((u) => u.id)).size).toBe(10);
    expect((await ids()).length).toBe(before + 10);
    await expectIntact();
  });
});
