// The sealed audit log at scale and across its migration: 32 writers on PostgreSQL append at once while
// the background sealer links their events, and every event ends up sealed exactly once in one chain;
// a log chained the old way (one lock, hash in the event row) moves into the seals and still verifies,
// and a tampering done before the migration is still found after it.
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { connect, type Database } from '../../db/connect.ts';
import { migrateTo, migrateToLatest } from '../../db/migrate.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DB } from '../../db/schema.ts';
import { createLogger } from '../../platform/logger.ts';
import { GENESIS, eventHash, type ChainedEvent } from './chain.ts';
import { audit, checkpointKey, startAuditSealer, verifyAuditChain } from './index.ts';

const KEY = checkpointKey(generateKeyPairSync('ed25519').privateKey);

describe.each(ENGINES)('the audit log migrated to seals on %s', (engine) => {
  let d: Database | undefined;
  afterAll(async () => {
    await d?.close();
  });

  /** Writes `n` events the way the code before migration 0016 did: chained in the event row. */
  async function oldChain(db: Kysely<DB>, n: number): Promise<number[]> {
    let prev = GENESIS;
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const e: ChainedEvent = {
        at: new Date(Date.UTC(2025, 0, 1, 0, i)),
        actor: 'system:old',
        action: 'employee.read',
        entity: 'employee',
        entity_id: String(i),
        request_id: `r${i}`,
        role: null,
        ip: '10.0.0.1',
        subject_id: null,
        unit_path: i % 2 ? 'u1' : null,
        details: { i, nested: { b: 2, a: [1, null] } },
      };
      const hash = eventHash(prev, e);
      const r = await sql<{ id: number }>`INSERT INTO audit_events
          (at, actor, action, entity, entity_id, request_id, role, ip, subject_id, unit_path, details, prev_hash, hash)
        VALUES (${e.at}, ${e.actor}, ${e.action}, ${e.entity}, ${e.entity_id}, ${e.request_id}, ${e.role}, ${e.ip},
          ${e.subject_id}, ${e.unit_path}::ltree, ${JSON.stringify(e.details)}::jsonb, ${prev}, ${hash})
        RETURNING id`.execute(db);
      ids.push(Number(r.rows[0]?.id));
      prev = hash;
    }
    return ids;
  }

  it('moves the old chain into the seals unchanged; it verifies, and old tampering is still found', async () => {
    d = await createTestDatabase(engine);
    // createTestDatabase migrated to the latest: go back to before the seals, as a deployed node was.
    await migrateTo(d.db, '0015_record_content');
    const ids = await oldChain(d.db, 12);
    await migrateToLatest(d.db);
    const seals = await d.db.selectFrom('audit_seals').selectAll().orderBy('seq').execute();
    expect(seals.map((s) => Number(s.event_id))).toEqual(ids);
    expect(await verifyAuditChain(testCtx(d))).toMatchObject({
      ok: true,
      checked: 12,
      sealed: 12,
      pending: 0,
    });
    // New events seal onto the old chain's head.
    await inTransaction(d.db, (trx) =>
      audit(testCtx(d!), trx, { action: 'after.migration', entity: 'system' }),
    );
    expect(await verifyAuditChain(testCtx(d))).toMatchObject({ ok: true, checked: 13, sealed: 13 });

    const fresh = await createTestDatabase(engine);
    try {
      await migrateTo(fresh.db, '0015_record_content');
      const old = await oldChain(fresh.db, 6);
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(fresh.db);
      await sql`UPDATE audit_events SET actor = 'mallory' WHERE id = ${old[3]}`.execute(fresh.db);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(fresh.db);
      await migrateToLatest(fresh.db);
      const r = await verifyAuditChain(testCtx(fresh));
      expect(r).toMatchObject({ ok: false, checked: 3, firstBad: { id: old[3] } });
      expect(r.firstBad?.reason).toMatch(/altered/);
    } finally {
      await fresh.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)(
  'the audit log under 32 concurrent writers on PostgreSQL',
  () => {
    const WRITERS = 32;
    const TRANSACTIONS = 25;
    const admin = process.env.TEST_DATABASE_URL ?? '';
    const name = `hoso_t_${randomBytes(6).toString('hex')}`;
    let d: Database | undefined;

    afterAll(async () => {
      await d?.close();
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    });

    it('seals every event exactly once into one chain that verifies', async () => {
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`CREATE DATABASE ${name}`);
      await a.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      d = await connect({ databaseUrl: url.toString(), poolSize: WRITERS + 4 });
      await migrateToLatest(d.db);
      const db = d.db;
      const before = Number(
        (
          await db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const sealer = startAuditSealer({
        db,
        now: () => new Date(),
        log: createLogger('silent'),
        key: KEY,
        intervalMs: 10,
        checkpointEveryMs: 200,
      });
      const started = Date.now();
      let written = 0;
      // Each writer holds its transaction open a moment after auditing, as a request does while it
      // finishes its work: with the old lock, the others would queue behind it.
      await Promise.all(
        Array.from({ length: WRITERS }, (_, w) =>
          (async () => {
            for (let t = 0; t < TRANSACTIONS; t++) {
              const n = 1 + ((w + t) % 3);
              await inTransaction(db, async (trx) => {
                await audit(
                  { ...testCtx(d!), now: new Date(), requestId: `w${w}-t${t}` },
                  trx,
                  ...Array.from({ length: n }, (_, i) => ({
                    action: 'employee.read',
                    entity: 'employee',
                    entityId: `${w}:${t}:${i}`,
                    details: { writer: w, transaction: t, i },
                  })),
                );
                await sql`SELECT pg_sleep(0.005)`.execute(trx);
              });
              written += n;
            }
          })(),
        ),
      );
      const ms = Date.now() - started;
      await sealer.stop();
      const r = await verifyAuditChain(testCtx(d), { key: KEY });
      const total = before + written;
      expect(r).toMatchObject({ ok: true, checked: total, sealed: total, pending: 0 });
      expect(r.checkpoint?.source).toBe('stored');
      const counts = await sql<{
        events: string;
        distinct_ids: string;
        seals: string;
        distinct_sealed: string;
      }>`
      SELECT (SELECT count(*) FROM audit_events) AS events,
             (SELECT count(DISTINCT request_id || '/' || entity_id) FROM audit_events WHERE action = 'employee.read') AS distinct_ids,
             (SELECT count(*) FROM audit_seals) AS seals,
             (SELECT count(DISTINCT event_id) FROM audit_seals) AS distinct_sealed`.execute(db);
      const c = counts.rows[0]!;
      expect(Number(c.events)).toBe(total);
      expect(Number(c.distinct_ids)).toBe(written);
      expect(Number(c.seals)).toBe(total);
      expect(Number(c.distinct_sealed)).toBe(total);
      console.log(
        `[audit] ${WRITERS} writers: ${written} events in ${WRITERS * TRANSACTIONS} transactions, ${ms} ms (${Math.round((WRITERS * TRANSACTIONS * 1000) / ms)} tx/s)`,
      );
    });
  },
);
