// /metrics (issue 16 item 5) on both engines: request durations by route pattern and status, the
// database pool, the newest good backup's age, each node's sync lag and import jobs by status, read at
// scrape time through the modules; who may scrape (loopback, the token; not a forwarded request); a
// failing collector leaves its gauge empty and the rest of the page intact.
import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../test/helpers/db.ts';
import { asSystem, TEST_NOW, testCtx } from '../../test/helpers/app.ts';
import { buildWorld, recruitBody } from '../../test/helpers/fixtures.ts';
import { testBackupSettings } from '../../test/helpers/backups.ts';
import type { Database } from '../db/connect.ts';
import type { Ctx } from '../platform/context.ts';
import { fixedClock } from '../platform/clock.ts';
import { createEmployee } from '../modules/personnel-actions/index.ts';
import { createBackup, type BackupSettings } from '../modules/backups/index.ts';
import { registerNode } from '../modules/federation/index.ts';
import { COLUMNS, headerOf, runImport } from '../modules/imports/index.ts';
import { buildApp } from './app.ts';
import { audit, sealPending } from '../modules/audit/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { serverCollectors } from './collectors.ts';
import type { Collector } from './metrics.ts';

const TOKEN = 'sợi-dây-bí-mật-của-prometheus-0123456789';
const OUTSIDE = { remoteAddress: '10.20.30.40' };

/** The value of the sample whose name and labels (as written, in order) start the line. */
function sample(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix + ' ') || l.startsWith(prefix + '{'));
  if (!line) return undefined;
  const v = line.slice(line.lastIndexOf(' ') + 1);
  return v === '+Inf' ? Infinity : Number(v);
}

// Headers are the fields' labels, some with commas ("Ngày, tháng, năm sinh"): quoted.
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvOf = (rows: string[][]) =>
  Buffer.from(
    `\ufeff${[COLUMNS.map((c) => quote(headerOf(c))), ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`,
  );
const file = (name: string, bytes: Buffer) => ({ name, open: () => Readable.from([bytes]) });

describe.each(ENGINES)('/metrics (%s)', (engine) => {
  let d: Database;
  let sys: Ctx;
  let app: FastifyInstance;
  let backups: BackupSettings;
  let employeeId: string;
  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await app.inject({ url: '/metrics', headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    const w = await buildWorld(sys);
    employeeId = (await createEmployee(sys, recruitBody(w.hanoiHome))).id;
    backups = testBackupSettings();
    const failing: Collector = {
      name: 'hoso_test_broken',
      help: 'a collector whose read fails',
      read: async () => {
        throw new Error('broken on purpose');
      },
    };
    app = await buildApp({
      db: d.db,
      clock: fixedClock(TEST_NOW),
      logger: false,
      authenticate: asSystem,
      metrics: {
        collectors: [
          ...serverCollectors({ database: d, ctx: () => testCtx(d), backups, node: { role: 'national' } }),
          failing,
        ],
        token: TOKEN,
      },
    });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.close();
    rmSync(backups.dir, { recursive: true, force: true });
  });

  it('times requests by route pattern and status, never by the raw URL', async () => {
    expect((await app.inject({ url: `/api/v1/employees/${employeeId}` })).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/employees/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    const text = await scrape();
    const route = 'method="GET",route="/api/v1/employees/:id"';
    expect(sample(text, `hoso_http_request_duration_seconds_count{${route},status_code="200"}`)).toBe(1);
    expect(sample(text, `hoso_http_request_duration_seconds_count{${route},status_code="404"}`)).toBe(1);
    expect(text).toMatch(
      new RegExp(`hoso_http_request_duration_seconds_bucket\\{le="0.5",${route},status_code="200"\\} 1`),
    );
    expect(text).not.toContain(employeeId);
  });

  it('reports the database pool', async () => {
    const text = await scrape();
    if (engine === 'pglite') {
      expect(sample(text, 'hoso_db_pool_size{engine="pglite"}')).toBe(1);
      expect(text).not.toMatch(/^hoso_db_pool_in_use /m);
    } else {
      expect(sample(text, 'hoso_db_pool_size{engine="postgres"}')).toBe(4);
      // The scrape's own reads have returned their connections by the time the page is written.
      expect(sample(text, 'hoso_db_pool_in_use')).toBe(0);
      expect(sample(text, 'hoso_db_pool_idle')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'hoso_db_pool_waiting')).toBe(0);
    }
  });

  it("reports the newest good backup's age: +Inf before the first, seconds after it", async () => {
    expect(sample(await scrape(), 'hoso_backup_last_good_age_seconds')).toBe(Infinity);
    const taken = await createBackup(sys, backups);
    const age = sample(await scrape(), 'hoso_backup_last_good_age_seconds')!;
    // The backup is named by the test clock's time; the collector reads the same clock.
    expect(age).toBeCloseTo((TEST_NOW.getTime() - new Date(taken.createdAt).getTime()) / 1000, 0);
    expect(age).toBeLessThan(60);
  }, 120_000);

  it('reports each federated node by its sync lag', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const earlier = { ...sys, now: new Date(TEST_NOW.getTime() - 3_600_000) };
    await registerNode(earlier, { code: 'TQ', scopeCode: 'T08', publicKey: key });
    // Registered an hour before the scrape and never heard from since.
    expect(sample(await scrape(), 'hoso_federation_sync_lag_seconds{node="TQ"}')).toBe(3600);
  });

  it('counts import jobs by status, every status listed', async () => {
    expect(sample(await scrape(), 'hoso_import_jobs{status="done"}')).toBe(0);
    expect((await runImport(sys, file('trong.csv', csvOf([])))).status).toBe('done');
    const bad = COLUMNS.map((c) => (c.key === 'personId' ? '123' : 'x'));
    expect((await runImport(sys, file('loi.csv', csvOf([bad])))).status).toBe('rejected');
    const text = await scrape();
    expect(sample(text, 'hoso_import_jobs{status="done"}')).toBe(1);
    expect(sample(text, 'hoso_import_jobs{status="rejected"}')).toBe(1);
    expect(sample(text, 'hoso_import_jobs{status="running"}')).toBe(0);
    expect(sample(text, 'hoso_import_jobs{status="failed"}')).toBe(0);
  });

  it("reports the audit sealer's lag: events waiting and the oldest one's age", async () => {
    await sealPending(d.db, TEST_NOW);
    let text = await scrape();
    expect(sample(text, 'hoso_audit_pending_events')).toBe(0);
    expect(sample(text, 'hoso_audit_sealer_lag_seconds')).toBe(0);
    const earlier = { ...sys, now: new Date(TEST_NOW.getTime() - 90_000) };
    await inTransaction(d.db, (trx) => audit(earlier, trx, { action: 'waiting', entity: 'system' }));
    text = await scrape();
    expect(sample(text, 'hoso_audit_pending_events')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hoso_audit_sealer_lag_seconds')).toBe(90);
    await sealPending(d.db, TEST_NOW);
    expect(sample(await scrape(), 'hoso_audit_pending_events')).toBe(0);
  });

  it('leaves a failing collector empty, counts it, and still answers the rest', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE hoso_test_broken gauge');
    expect(sample(text, 'hoso_test_broken')).toBeUndefined();
    expect(sample(text, 'hoso_metrics_collect_errors_total{collector="hoso_test_broken"}')).toBeGreaterThan(
      0,
    );
    expect(sample(text, 'hoso_import_jobs{status="done"}')).toBe(1);
  });

  it('answers loopback and the token; refuses others, a wrong token and forwarded requests', async () => {
    const res = await app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const refused = [
      await app.inject({ url: '/metrics', ...OUTSIDE }),
      await app.inject({ url: '/metrics', ...OUTSIDE, headers: { authorization: 'Bearer wrong' } }),
      await app.inject({ url: '/metrics', ...OUTSIDE, headers: { authorization: `Bearer ${TOKEN}x` } }),
      // A reverse proxy on the same host: its caller is not the host.
      await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } }),
      await app.inject({ url: '/metrics', headers: { forwarded: 'for=203.0.113.9' } }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
      expect(r.body).not.toContain('hoso_');
    }
    const withToken = await app.inject({
      url: '/metrics',
      ...OUTSIDE,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain('hoso_http_request_duration_seconds');
    const ipv6 = await app.inject({ url: '/metrics', remoteAddress: '::1' });
    expect(ipv6.statusCode).toBe(200);
  });

  it('without a configured token, nobody off the host gets in, whatever they send', async () => {
    const open = await buildApp({ db: d.db, clock: fixedClock(TEST_NOW), logger: false });
    try {
      const r = await open.inject({
        url: '/metrics',
        ...OUTSIDE,
        headers: { authorization: 'Bearer undefined' },
      });
      expect(r.statusCode).toBe(403);
      expect((await open.inject({ url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });
});
