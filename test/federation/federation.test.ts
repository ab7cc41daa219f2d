// Acceptance of issue 9 part 2: a national node and two province nodes on loopback — three processes,
// three databases. The provinces write; the national node is killed mid-sync and restarted while they
// keep writing; every record converges (same per-record digest of ledger + projection on the owner and
// the national node, none lost, none duplicated); a transfer between the provinces moves ownership (the
// receiver writes, the sender is refused with NOT_OWNER).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, recruitBody } from '../helpers/fixtures.ts';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createNationalAdmin } from '../../src/modules/accounts/index.ts';
import { appendAction, createEmployee } from '../../src/modules/personnel-actions/index.ts';
import { addJobPosition, renameUnit } from '../../src/modules/org-units/index.ts';
import { ENGINES } from '../helpers/db.ts';
import { Client, freePort, startNode, stopNode, waitFor, type NodeProcess } from './nodes.ts';

const decision = {
  number: '12/QĐ-UBND',
  date: '2026-10-01',
  signerName: 'Lê Văn Ký',
  issuingBody: 'UBND tỉnh',
};

// The keys test/setup.ts installs in this process, so the nodes and the test share them.
const KEYS = {
  HOSO_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')},t0:${Buffer.alloc(32, 2).toString('base64')}`,
  HOSO_AUDIT_KEY: Buffer.alloc(32, 3).toString('base64'),
};

/**
 * The national database before its first start: a small org tree with a job position and a dated
 * rename, one record already held under Hà Nội (handed to the Hà Nội node when it registers), and the
 * first administrator. Returns that record's id.
 */
async function prepareNational(dataDir: string, databaseUrl: string | undefined): Promise<string> {
  const d = await connect(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir, 'pglite') });
  try {
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, new Date(), 'system:test');
    const w = await buildWorld(ctx);
    await addJobPosition(ctx, w.hanoiHome, {
      code: 'VTVL-TCBM',
      name: 'Chuyên viên tổ chức bộ máy',
      kind: 'professional',
      plannedCount: 4,
      validFrom: '2024-01-01',
    });
    await renameUnit(ctx, w.hanoiHome, {
      name: 'Sở Nội vụ thành phố Hà Nội',
      validFrom: '2025-03-01',
      decision,
    });
    const rec = await createEmployee(ctx, recruitBody(w.hanoiHome));
    await appendAction(ctx, rec.id, {
      type: 'salary_step',
      effectiveDate: '2018-03-01',
      decision,
      payload: { salaryStep: 2 },
    });
    const issued = await createNationalAdmin(ctx, { username: 'admin', displayName: 'Quản trị quốc gia' });
    writeFileSync(join(dataDir, 'admin-password.txt'), `one-time password: ${issued.oneTimePassword}\n`);
    return rec.id;
  } finally {
    await d.close();
  }
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

async function serverDatabases(n: number): Promise<{ urls: string[]; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL!;
  const names = Array.from({ length: n }, () => `hoso_fed_${randomBytes(5).toString('hex')}`);
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  for (const name of names) await run(`CREATE DATABASE ${name}`);
  const urls = names.map((name) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString());
  return {
    urls,
    drop: async () =>
      void (await Promise.all(names.map((x) => run(`DROP DATABASE IF EXISTS ${x} WITH (FORCE)`)))),
  };
}

// Both engines when TEST_DATABASE_URL is set (PGlite data folders, then three server databases).
describe.each(ENGINES)('three nodes on loopback (%s)', (ENGINE) => {
  const root = mkdtempSync(join(tmpdir(), 'hoso-fed-'));
  const dirs = { nat: join(root, 'national'), hn: join(root, 'hanoi'), tq: join(root, 'tuyenquang') };
  const keys = { hn: keyPair(), tq: keyPair() };
  let dbs: { urls: string[]; drop: () => Promise<void> } | undefined;
  let natEnv: Record<string, string>;
  let natPort: number;
  let nat: NodeProcess;
  let hn: NodeProcess;
  let tq: NodeProcess;
  const api = {
    nat: undefined as unknown as Client,
    hn: undefined as unknown as Client,
    tq: undefined as unknown as Client,
  };
  const created = { hn: [] as string[], tq: [] as string[] };

  beforeAll(async () => {
    for (const d of Object.values(dirs)) mkdirSync(d);
    if (ENGINE === 'postgres') dbs = await serverDatabases(3);
    const db = (i: number): Record<string, string> => ({
      ...KEYS,
      ...(dbs ? { DATABASE_URL: dbs.urls[i]! } : {}),
    });
    created.hn.push(await prepareNational(dirs.nat, dbs?.urls[0]));
    natPort = await freePort();
    natEnv = { ...db(0), NODE_ROLE: 'national', SEED_DEMO: '0' };
    nat = await startNode(natEnv, dirs.nat, natPort);
    api.nat = new Client(nat.url);
    await api.nat.signInAdmin(dirs.nat);
    const reg = await api.nat.ok<{ handedOver: number }>('POST', '/api/v1/nodes', {
      code: 'HN',
      scopeCode: 'T01',
      publicKey: keys.hn.publicKey,
    });
    expect(reg.handedOver).toBe(1);
    await api.nat.ok('POST', '/api/v1/nodes', { code: 'TQ', scopeCode: 'T08', publicKey: keys.tq.publicKey });
    const local = (code: string, scope: string, privateKey: string, i: number) => ({
      ...db(i),
      NODE_ROLE: 'local',
      NODE_CODE: code,
      NODE_SCOPE: scope,
      NODE_PRIVATE_KEY: privateKey,
      NATIONAL_URL: nat.url,
      SYNC_INTERVAL_MS: '300',
      SEED_DEMO: '0',
    });
    [hn, tq] = await Promise.all([
      startNode(local('HN', 'T01', keys.hn.privateKey, 1), dirs.hn, await freePort()),
      startNode(local('TQ', 'T08', keys.tq.privateKey, 2), dirs.tq, await freePort()),
    ]);
    api.hn = new Client(hn.url);
    api.tq = new Client(tq.url);
    await Promise.all([api.hn.signInAdmin(dirs.hn), api.tq.signInAdmin(dirs.tq)]);
  }, 420_000);

  afterAll(async () => {
    for (const n of [hn, tq, nat]) if (n) await stopNode(n, 'SIGKILL');
    await dbs?.drop();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  const write = async (c: Client, unit: number, into: string[], n: number) => {
    for (let i = 0; i < n; i++) {
      const rec = await c.ok<{ id: string }>('POST', '/api/v1/employees', recruitBody(unit));
      into.push(rec.id);
      await c.ok('POST', `/api/v1/employees/${rec.id}/actions`, {
        type: 'salary_step',
        effectiveDate: '2018-03-01',
        decision,
        payload: { salaryStep: 2 },
      });
    }
  };

  /** On a timeout, what each node says about its sync (and the tail of its log) explains why. */
  const explain = async <T>(p: Promise<T>): Promise<T> =>
    p.catch(async (err: unknown) => {
      const st = await Promise.all([api.hn, api.tq].map((c) => c.call('GET', '/api/v1/nodes/status')));
      const logs = [nat, hn, tq].map((n) => n.log.join('').slice(-1500));
      throw new Error(`${String(err)}\n${JSON.stringify(st.map((x) => x.body))}\n${logs.join('\n---\n')}`);
    });

  /** Every record matches on its owner and the national node; the national node has no others. */
  const converged = async () => {
    const [n, h, t] = await Promise.all([api.nat.digests(), api.hn.digests(), api.tq.digests()]);
    const owners: [Map<string, { digest: string }>, string[]][] = [
      [h, created.hn],
      [t, created.tq],
    ];
    for (const [local, ids] of owners) {
      for (const id of ids) if (local.get(id)?.digest !== n.get(id)?.digest) return false;
    }
    return n.size === created.hn.length + created.tq.length ? { n, h, t } : false;
  };

  it('converges after the national node is killed mid-sync and restarted', async () => {
    const [hnUnit, tqUnit] = await Promise.all([api.hn.unitId('T01'), api.tq.unitId('T08')]);
    await Promise.all([write(api.hn, hnUnit, created.hn, 4), write(api.tq, tqUnit, created.tq, 3)]);
    await stopNode(nat, 'SIGKILL'); // the provinces are exchanging every 300 ms: this lands mid-sync
    await Promise.all([write(api.hn, hnUnit, created.hn, 3), write(api.tq, tqUnit, created.tq, 2)]);
    const status = await api.hn.ok<{ lastError: string | null; pendingRecords: number }>(
      'GET',
      '/api/v1/nodes/status',
    );
    expect(status.pendingRecords).toBeGreaterThan(0);
    nat = await startNode(natEnv, dirs.nat, natPort);
    const { n } = await explain(waitFor('convergence', converged, 120_000));
    for (const id of [...created.hn, ...created.tq]) expect(n.get(id)?.seq).toBe(2);
    const after = await api.hn.ok<{
      lastError: string | null;
      pendingRecords: number;
      lastSuccessAt: string;
    }>('GET', '/api/v1/nodes/status');
    expect(after).toMatchObject({ lastError: null, pendingRecords: 0 });
    const national = await api.nat.ok<{
      nodes: { code: string; late: boolean; lastExchangeAt: string | null }[];
    }>('GET', '/api/v1/nodes/status');
    expect(national.nodes.map((x) => [x.code, x.late, x.lastExchangeAt !== null])).toEqual([
      ['HN', false, true],
      ['TQ', false, true],
    ]);
  }, 240_000);

  it('moves ownership with a transfer: the receiver writes, the sender is refused', async () => {
    const id = created.hn[0]!;
    const toUnitId = await api.hn.unitId('T08');
    await api.hn.ok('POST', '/api/v1/transfers', {
      employeeId: id,
      toUnitId,
      effectiveDate: '2026-11-02',
      decision,
    });
    // The record (whole ledger) reaches the receiving node through the national node.
    await explain(
      waitFor('the record on TQ', async () => (await api.tq.digests()).get(id)?.seq === 3, 60_000),
    );
    created.hn.splice(0, 1);
    created.tq.push(id);
    const step = { type: 'salary_step', effectiveDate: '2026-11-03', decision, payload: { salaryStep: 3 } };
    const refused = await api.hn.call<{ error: { code: string } }>(
      'POST',
      `/api/v1/employees/${id}/actions`,
      step,
    );
    expect([refused.status, refused.body.error.code]).toEqual([409, 'NOT_OWNER']);
    await api.tq.ok('POST', `/api/v1/employees/${id}/actions`, step);
    const { n, h } = await explain(waitFor('convergence after the transfer', converged, 60_000));
    expect(n.get(id)).toMatchObject({ seq: 4, managingUnit: 'T08' });
    expect(h.get(id)).toMatchObject({ seq: 3, managingUnit: 'T08' }); // the sender keeps the history
  }, 180_000);

  it('shares down the structure with its dated history and the catalogs; a node does not change them', async () => {
    const unit = await api.hn.unitId('T01-SNV');
    const positions = await api.hn.ok<{ code: string; plannedCount: number }[]>(
      'GET',
      `/api/v1/org-units/${unit}/job-positions`,
    );
    expect(positions.map((p) => [p.code, p.plannedCount])).toEqual([['VTVL-TCBM', 4]]);
    const t01 = await api.hn.unitId('T01');
    const nameOn = async (asOf: string) =>
      (
        await api.hn.ok<{ code: string; name: string }[]>('GET', `/api/v1/org-units/${t01}/tree?asOf=${asOf}`)
      ).find((u) => u.code === 'T01-SNV');
    const [before, after] = [await nameOn('2025-01-01'), await nameOn('2025-06-01')];
    expect([before?.name, after?.name]).toEqual(['Sở Nội vụ Hà Nội', 'Sở Nội vụ thành phố Hà Nội']);
    const [natCatalogs, hnCatalogs] = await Promise.all([
      api.nat.ok('GET', '/api/v1/catalogs'),
      api.hn.ok('GET', '/api/v1/catalogs'),
    ]);
    expect(hnCatalogs).toEqual(natCatalogs);
    const refused = await api.hn.call<{ error: { code: string } }>(
      'POST',
      `/api/v1/org-units/${unit}/job-positions`,
      {
        code: 'VTVL-X',
        name: 'Vị trí tự tạo',
        kind: 'support',
        plannedCount: 1,
        validFrom: '2026-01-01',
      },
    );
    expect([refused.status, refused.body.error.code]).toEqual([409, 'NOT_OWNER']);
  }, 60_000);

  it('routes a national correction to the owning node, which applies it; the officer is told', async () => {
    const id = created.hn.at(-1)!;
    const step = { type: 'salary_step', effectiveDate: '2026-11-04', decision, payload: { salaryStep: 4 } };
    const res = await api.nat.call<{ status: string; node: string; id: string }>(
      'POST',
      `/api/v1/employees/${id}/actions`,
      step,
    );
    expect([res.status, res.body.status, res.body.node]).toEqual([202, 'pending', 'HN']);
    const { n, h } = await explain(
      waitFor(
        'the routed action applied on HN and back up',
        async () => {
          const c = await converged();
          return c && c.n.get(id)?.seq === 3 ? c : false;
        },
        60_000,
      ),
    );
    expect(h.get(id)?.seq).toBe(3);
    expect(n.get(id)?.digest).toBe(h.get(id)?.digest);
    const routed = await explain(
      waitFor(
        'the verdict on the national node',
        async () => {
          const list = await api.nat.ok<{ id: string; status: string; seq: number | null }[]>(
            'GET',
            `/api/v1/nodes/routed-actions?employeeId=${id}`,
          );
          return list.find((r) => r.id === res.body.id && r.status !== 'pending');
        },
        60_000,
      ),
    );
    expect(routed).toMatchObject({ status: 'applied', seq: 3 });
    const inbox = await api.nat.ok<{ items: { kind: string }[] }>('GET', '/api/v1/me/notifications');
    expect(inbox.items.map((x) => x.kind)).toContain('federation.routed.applied');
  }, 180_000);
});
