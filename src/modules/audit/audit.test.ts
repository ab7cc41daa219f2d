// The audit log as a hash chain: events written by the real services link up from 'genesis', and any
// edit, deletion, insertion or swap done behind the application's back is found and named.
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
import { audit, verifyAuditChain } from './index.ts';
import type { AuditVerifyResult } from '../../../api/audit.ts';

// Until http/routes.ts lists the audit routes, the app under test gets them added (never twice).

const CONTENT = ['at', 'actor', 'action', 'entity', 'entity_id', 'request_id', 'details', 'role', 'ip'];
const CHAINED = [...CONTENT, 'subject_id', 'unit_path', 'prev_hash', 'hash'];
const EVENT_COLUMNS = sql.raw(CHAINED.join(', '));

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
  const verify = () => verifyAuditChain(testCtx(d), { pageSize: 3 });
  const ids = async () =>
    (await d.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
  const at = (list: number[], i: number): number => {
    const v = list[i < 0 ? list.length + i : i];
    if (v === undefined) throw new Error(`no event at ${i}`);
    return v;
  };
  // Tampering as an administrator would: around the append-only trigger, straight in SQL.
  const run = async (q: ReturnType<typeof sql>) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(d.db);
    try {
      return await q.execute(d.db);
    } finally {
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(d.db);
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
      expect(await auditCommand(['verify'], testCtx(d))).toBe(1);
      expect(err).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`^audit chain BROKEN at event #${id}: `)),
      );
    } finally {
      err.mockRestore();
    }
  }

  async function expectIntact(): Promise<void> {
    const all = await ids();
    expect(await verify()).toEqual({ ok: true, checked: all.length });
    expect(await verifyAuditChain(testCtx(d))).toEqual({ ok: true, checked: all.length });
  }

  it('links every event written by the services, from genesis', async () => {
    const rows = await d.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.prev_hash).toBe('genesis');
    rows.forEach((r, i) => {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]?.hash);
    });
    expect(rows.some((r) => r.action === 'org_unit.create' && r.ip === '127.0.0.1')).toBe(true);
    await expectIntact();
    const res = await app.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.json()).toEqual({ ok: true, checked: rows.length });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await auditCommand(['verify'], testCtx(d))).toBe(0);
      expect(log).toHaveBeenCalledWith(`audit chain OK: ${rows.length} events`);
    } finally {
      log.mockRestore();
    }
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

  it('refuses updates and deletes from the application: the log is append-only', async () => {
    await expect(sql`UPDATE audit_events SET actor = 'x'`.execute(d.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(d.db)).rejects.toThrow(/append-only/);
  });

  it('finds an edited event: details or actor changed', async () => {
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

  it('finds a deleted event: the next one no longer links', async () => {
    const all = await ids();
    const [first, victim] = [at(all, 0), at(all, 2)];
    await run(sql`CREATE TABLE audit_kept AS SELECT * FROM audit_events WHERE id IN (${first}, ${victim})`);
    await run(sql`DELETE FROM audit_events WHERE id = ${victim}`);
    await expectBrokenAt(at(all, 3), /deleted/);
    await run(sql`DELETE FROM audit_events WHERE id = ${first}`);
    await expectBrokenAt(at(all, 1), /deleted/); // the new first event does not start from genesis
    await run(sql`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM audit_kept`);
    await run(sql`DROP TABLE audit_kept`);
    await expectIntact();
  });

  it('finds inserted events: forged at the end or into a gap', async () => {
    const last = at(await ids(), -1);
    const { hash } = await d.db
      .selectFrom('audit_events')
      .select('hash')
      .where('id', '=', last)
      .executeTakeFirstOrThrow();
    await run(sql`INSERT INTO audit_events (${EVENT_COLUMNS})
      VALUES (now(), 'mallory', 'employee.read', 'employee', NULL, NULL, '{}', NULL, NULL, NULL, NULL, ${hash}, ${'f'.repeat(64)})`);
    const forged = at(await ids(), -1);
    await expectBrokenAt(forged, /altered/);
    await run(sql`DELETE FROM audit_events WHERE id = ${forged}`);
    await expectIntact();

    // A rolled-back write leaves a gap in the ids, not in the chain; a row forged into the gap is found.
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
    const all = await ids();
    const gap = all.findIndex((id, i) => i > 0 && id !== at(all, i - 1) + 1);
    expect(gap).toBeGreaterThan(0);
    await run(sql`INSERT INTO audit_events (id, ${EVENT_COLUMNS}) OVERRIDING SYSTEM VALUE
      SELECT ${at(all, gap) - 1}, ${EVENT_COLUMNS} FROM audit_events WHERE id = ${at(all, gap - 1)}`);
    await expectBrokenAt(at(all, gap) - 1, /deleted, inserted or moved/);
    await run(sql`DELETE FROM audit_events WHERE id = ${at(all, gap) - 1}`);
    await expectIntact();
  });

  const swap = (a: number, b: number, cols: string[]) =>
    run(sql`UPDATE audit_events t SET ${sql.raw(cols.map((c) => `${c} = s.${c}`).join(', '))}
      FROM audit_events s WHERE (t.id = ${a} AND s.id = ${b}) OR (t.id = ${b} AND s.id = ${a})`);

  it('finds swapped events, with or without their hashes', async () => {
    const all = await ids();
    const [a, b] = [at(all, 2), at(all, 5)];
    await swap(a, b, CHAINED);
    await expectBrokenAt(a, /moved/);
    await swap(a, b, CHAINED);
    await expectIntact();
    const contents = CHAINED.filter((c) => c !== 'prev_hash' && c !== 'hash');
    await swap(a, b, contents);
    await expectBrokenAt(a, /altered/);
    await swap(a, b, contents);
    await expectIntact();
  });

  it('treats an event without a hash as bad', async () => {
    const last = at(await ids(), -1);
    const { hash } = await d.db
      .selectFrom('audit_events')
      .select('hash')
      .where('id', '=', last)
      .executeTakeFirstOrThrow();
    await run(sql`UPDATE audit_events SET hash = NULL WHERE id = ${last}`);
    await expectBrokenAt(last, /missing/);
    await run(sql`UPDATE audit_events SET hash = ${hash} WHERE id = ${last}`);
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
