// Issue 16: a database outage under load, for real. A private PostgreSQL cluster (never the shared
// server) serves the real server process; 8 connections read and write through HTTP while the cluster
// is stopped for 10 s and started again — once cleanly (pg_ctl -m fast), once killed (-m immediate).
// The process must never exit, every failing request must be a 503 DATABASE_UNAVAILABLE answered within
// 1 s, /ready must be 503 during the outage and 200 within 2 s after, and no acknowledged write is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { canRunCluster, freePort, startCluster, type Cluster } from '../helpers/cluster.ts';
import { connect, type Database } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { installKeys, parseKeys } from '../../src/platform/crypto.ts';
import { buildWorld, recruitBody } from '../helpers/fixtures.ts';
import { createEmployee } from '../../src/modules/personnel-actions/index.ts';
import { issueAccount } from '../../src/modules/accounts/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = process.env.TEST_DATABASE_URL && (canRunCluster() || process.env.CI) ? describe : describe.skip;
const KEYS = `o1:${randomBytes(32).toString('base64')}`;
const AUDIT_KEY = randomBytes(32).toString('base64');

interface Result {
  at: number;
  ms: number;
  status: number;
  code?: string;
  kind: 'read' | 'search' | 'write';
  actionId?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cookies(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0]!;
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

run('the server under a database outage (private PostgreSQL cluster)', () => {
  let cluster: Cluster;
  let child: ChildProcess;
  let exited: number | null | undefined;
  let base: string;
  let dataDir: string;
  let people: string[];
  const jar = new Map<string, string>();
  const headers = () => ({
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-csrf-token': jar.get('hoso_csrf') ?? '',
    'content-type': 'application/json',
  });

  beforeAll(async () => {
    cluster = await startCluster();
    installKeys(parseKeys(KEYS, AUDIT_KEY));
    const d: Database = await connect({ databaseUrl: cluster.url, poolSize: 2 });
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, new Date(), 'system:test');
    const w = await buildWorld(ctx);
    people = [];
    for (let i = 0; i < 12; i++)
      people.push(
        (await createEmployee(ctx, recruitBody(w.hanoiHome, { fullName: `Nguyễn Văn Thử ${i}` }))).id,
      );
    const issued = await issueAccount(ctx, {
      username: 'outage.admin',
      displayName: 'Quản trị thử',
      roles: [{ role: 'national_admin', unitId: w.nation }],
    });
    await d.close();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'hoso-outage-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO: '0',
        LOG_LEVEL: 'warn',
        HOSO_KEYS: KEYS,
        HOSO_AUDIT_KEY: AUDIT_KEY,
        DB_CONNECT_TIMEOUT_MS: '800',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', () => undefined);
    child.on('exit', (code) => (exited = code));
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`${base}/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await sleep(200);
    }
    // Sign in for real: one-time password, new password, TOTP enrolment.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'outage.admin', password: issued.oneTimePassword }),
    });
    expect(login.status).toBe(200);
    cookies(login, jar);
    const pw = await fetch(`${base}/api/v1/auth/password`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({
        currentPassword: issued.oneTimePassword,
        newPassword: `Mật-khẩu-${randomBytes(6).toString('hex')}-A1`,
      }),
    });
    expect(pw.status).toBe(200);
    cookies(pw, jar);
    const enrol = await fetch(`${base}/api/v1/auth/mfa/enroll`, {
      method: 'POST',
      headers: headers(),
      body: '{}',
    });
    expect(enrol.status, await enrol.clone().text()).toBe(200);
    cookies(enrol, jar);
    const { secret } = (await enrol.json()) as { secret: string };
    const code = new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    }).generate();
    const confirm = await fetch(`${base}/api/v1/auth/mfa/confirm`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ code }),
    });
    expect(confirm.status, await confirm.clone().text()).toBe(200);
    cookies(confirm, jar);
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await sleep(500);
    child?.kill('SIGKILL');
    cluster?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function request(kind: Result['kind'], n: number): Promise<Result> {
    const id = people[n % people.length]!;
    const t0 = Date.now();
    const res =
      kind === 'write'
        ? await fetch(`${base}/api/v1/employees/${id}/actions`, {
            method: 'POST',
            headers: headers(),
            body: JSON.stringify({
              type: 'reward',
              effectiveDate: '2026-01-15',
              decision: {
                number: `${n}/QĐ-KT`,
                date: '2026-01-15',
                signerName: 'Lê Ký',
                issuingBody: 'UBND',
              },
              payload: { form: `Giấy khen ${n}` },
            }),
          })
        : await fetch(
            kind === 'read'
              ? `${base}/api/v1/employees/${id}`
              : `${base}/api/v1/employees?q=nguyen%20thu&limit=20`,
            { headers: headers() },
          );
    const ms = Date.now() - t0;
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code: string };
      action?: { id: number };
    };
    return { at: t0, ms, status: res.status, code: body.error?.code, kind, actionId: body.action?.id };
  }

  it.each(['fast', 'immediate'] as const)(
    'keeps serving through a 10 s outage (pg_ctl -m %s): 503s within 1 s, /ready back within 2 s, no acknowledged write lost',
    async (mode) => {
      const results: Result[] = [];
      const ready: { at: number; status: number }[] = [];
      let running = true;
      let n = 0;
      const worker = async () => {
        while (running) {
          const i = n++;
          results.push(await request(i % 5 === 0 ? 'write' : i % 2 ? 'read' : 'search', i));
        }
      };
      const poll = async () => {
        while (running) {
          const t = Date.now();
          const r = await fetch(`${base}/ready`);
          ready.push({ at: t, status: r.status });
          await sleep(100);
        }
      };
      const load = [...Array(8)].map(worker);
      const poller = poll();
      await sleep(2500);
      const down = Date.now();
      cluster.stop(mode);
      await sleep(10_000);
      cluster.start();
      const up = Date.now();
      await sleep(4000);
      running = false;
      await Promise.all([...load, poller]);

      expect(exited, 'the server process exited').toBeUndefined();
      expect(child.exitCode).toBeNull();
      const failed = results.filter((r) => r.status >= 300);
      expect(failed.length, 'no request failed during the outage: the test did not test').toBeGreaterThan(0);
      for (const f of failed) {
        expect(f.status, JSON.stringify(f)).toBe(503);
        expect(f.code).toBe('DATABASE_UNAVAILABLE');
        expect(f.ms, JSON.stringify(f)).toBeLessThanOrEqual(1000);
      }
      // /ready: 503 while the database is down, 200 again within 2 s after it is back.
      const during = ready.filter((r) => r.at > down + 1500 && r.at < up - 500);
      expect(during.length).toBeGreaterThan(20);
      expect(during.every((r) => r.status === 503)).toBe(true);
      const firstOk = ready.find((r) => r.at >= up && r.status === 200);
      expect(firstOk, 'ready again').toBeDefined();
      expect(firstOk!.at - up).toBeLessThanOrEqual(2000);
      // Serving again after the outage.
      expect(results.filter((r) => r.at > up + 2000 && r.status === 200).length).toBeGreaterThan(10);
      // Every write answered 201 is in the ledger.
      const acked = results.filter((r) => r.kind === 'write' && r.status === 201).map((r) => r.actionId!);
      expect(acked.length).toBeGreaterThan(5);
      const d = await connect({ databaseUrl: cluster.url, poolSize: 1 });
      const found = await sql<{ id: number }>`
        SELECT id FROM personnel_actions WHERE id = ANY(${acked}::bigint[])`.execute(d.db);
      await d.close();
      expect(found.rows.map((r) => Number(r.id)).sort()).toEqual([...acked].sort());
      console.log(
        `outage (${mode}): ${results.length} requests, ${failed.length} answered 503 (max ${Math.max(...failed.map((f) => f.ms))} ms), ` +
          `ready ${firstOk!.at - up} ms after restart, ${acked.length} acknowledged writes all present`,
      );
    },
    90_000,
  );
});
