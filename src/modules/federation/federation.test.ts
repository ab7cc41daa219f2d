// The federation rules on real databases, without HTTP: a "province" database writes, its portable
// rows are signed and handed to a "national" database whose unit ids differ. Checked: signatures,
// idempotency, per-record order, one owner at a time, transfers moving ownership, the tree shared down.
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAction, createEmployee, setWriteGuard } from '../personnel-actions/index.ts';
import {
  addJobPosition,
  closeUnit,
  createUnit,
  renameUnit,
  setOrgWriteGuard,
  setQuota,
} from '../org-units/index.ts';
import {
  catalogSnapshot,
  importCatalogs,
  listCatalogs,
  takeCatalogs,
  useCatalogs,
} from '../catalogs/index.ts';
import {
  applyRouted,
  listRoutedActions,
  routeToOwner,
  takeRoutedResults,
  unreportedResults,
} from './routed.ts';
import { signEnvelope, type NodeKey } from './crypto.ts';
import { changesFor, receiveBatch, registerNode, type RecordRows } from './national.service.ts';
import { portableLedger, rowHash } from './portable.ts';
import { applyStructure } from './units.ts';
import { applyRecord } from './apply.ts';
import { syncOnce } from './local.service.ts';
import { buildApp } from '../../http/app.ts';
import { systemClock } from '../../platform/clock.ts';
import { localGuard, localOrgGuard, nationalGuard, nationalStatus, recordDigests } from './status.service.ts';

function nodeKey(): NodeKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

const decision = { number: '7/QĐ-UBND', date: '2026-10-01', signerName: 'Lê Văn Ký', issuingBody: 'UBND' };

describe.each(ENGINES)('federation rules on %s', (engine) => {
  let nat: Database;
  let prov: Database;
  let natCtx: Ctx;
  let provCtx: Ctx;
  let pw: World;
  let nw: World;
  const hanoiKey = nodeKey();
  const tqKey = nodeKey();
  const batch = (node: string, key: NodeKey, records: RecordRows[], at = TEST_NOW) =>
    signEnvelope(key, { node, at: at.toISOString(), records });
  const rowsOf = async (id: string, from = 1) => ({
    employeeId: id,
    rows: await portableLedger(prov.db, id, from),
  });
  const pull = (node: string, key: NodeKey, extra: object = {}) =>
    changesFor(
      natCtx,
      signEnvelope(key, { node, at: TEST_NOW.toISOString(), unitsSince: null, acks: [], ...extra }),
    );
  const count = async (d: Database, id: string) =>
    (await d.db.selectFrom('personnel_actions').select('id').where('employee_id', '=', id).execute()).length;

  beforeAll(async () => {
    [nat, prov] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
    natCtx = testCtx(nat);
    provCtx = testCtx(prov);
    // Different ids on the two databases: references must travel as codes.
    await sql`SELECT setval('org_units_id_seq', 700)`.execute(nat.db);
    nw = await buildWorld(natCtx);
    pw = await buildWorld(provCtx);
    await registerNode(natCtx, { code: 'HN', scopeCode: 'T01', publicKey: hanoiKey.publicKey });
    await registerNode(natCtx, { code: 'TQ', scopeCode: 'T08', publicKey: tqKey.publicKey });
  }, 300_000);
  afterAll(async () => {
    setWriteGuard(undefined);
    await Promise.all([nat?.close(), prov?.close()]);
  });

  it('refuses an unknown node, a tampered envelope and a stale timestamp', async () => {
    const good = batch('HN', hanoiKey, []);
    await expect(receiveBatch(natCtx, good)).resolves.toEqual({ results: [] });
    const tampered = { ...good, envelope: good.envelope.replace('"HN"', '"TQ"') };
    await expect(receiveBatch(natCtx, tampered)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(receiveBatch(natCtx, batch('XX', hanoiKey, []))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const stale = batch('HN', hanoiKey, [], new Date(TEST_NOW.getTime() - 3_600_000));
    await expect(receiveBatch(natCtx, stale)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(receiveBatch(natCtx, batch('HN', tqKey, []))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a node whose scope lies inside, or around, the scope of a registered node', async () => {
    for (const scopeCode of ['T01-SNV', 'VN']) {
      await expect(
        registerNode(natCtx, { code: 'XX', scopeCode, publicKey: nodeKey().publicKey }),
      ).rejects.toMatchObject({ code: 'CONFLICT', details: [{ field: '/scopeCode' }] });
    }
    expect(
      await nat.db.selectFrom('federation_nodes').select('code').where('code', '=', 'XX').execute(),
    ).toEqual([]);
  });

  it('applies a batch once: a re-sent batch is recognised, the projection is the same', async () => {
    const rec = await createEmployee(provCtx, recruitBody(pw.hanoiHome));
    await appendAction(provCtx, rec.id, {
      type: 'salary_step',
      effectiveDate: '2018-03-01',
      decision,
      payload: { salaryStep: 2 },
    });
    const b = batch('HN', hanoiKey, [await rowsOf(rec.id)]);
    expect((await receiveBatch(natCtx, b)).results).toEqual([
      { employeeId: rec.id, status: 'applied', have: 2 },
    ]);
    expect((await receiveBatch(natCtx, b)).results).toEqual([
      { employeeId: rec.id, status: 'held', have: 2 },
    ]);
    expect(await count(nat, rec.id)).toBe(2);
    const [a] = await recordDigests(provCtx, null, 1000).then((x) =>
      x.filter((r) => r.employeeId === rec.id),
    );
    const [n] = await recordDigests(natCtx, null, 1000).then((x) => x.filter((r) => r.employeeId === rec.id));
    expect(n).toEqual(a);
    const natUnit = await nat.db
      .selectFrom('employees')
      .select('managing_unit_id')
      .where('id', '=', rec.id)
      .executeTakeFirst();
    expect(natUnit!.managing_unit_id).not.toBe(pw.hanoiHome);
  });

  it('refuses a gap in a record’s seq and says what it has; a different row under a held seq conflicts', async () => {
    const rec = await createEmployee(provCtx, recruitBody(pw.hanoiHome));
    await receiveBatch(natCtx, batch('HN', hanoiKey, [await rowsOf(rec.id)]));
    for (const step of [2, 3]) {
      await appendAction(provCtx, rec.id, {
        type: 'salary_step',
        effectiveDate: `201${step + 4}-06-01`,
        decision,
        payload: { salaryStep: step },
      });
    }
    const gapped = batch('HN', hanoiKey, [await rowsOf(rec.id, 3)]);
    expect((await receiveBatch(natCtx, gapped)).results[0]).toMatchObject({
      status: 'refused',
      code: 'SEQUENCE_GAP',
      have: 1,
    });
    const all = await rowsOf(rec.id);
    const forged = { ...all, rows: all.rows.map((r) => (r.seq === 1 ? { ...r, note: 'sửa lén' } : r)) };
    expect(rowHash(forged.rows[0]!)).not.toBe(rowHash(all.rows[0]!));
    expect((await receiveBatch(natCtx, batch('HN', hanoiKey, [forged]))).results[0]).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      have: 1,
    });
    expect((await receiveBatch(natCtx, batch('HN', hanoiKey, [all]))).results[0]).toMatchObject({
      status: 'applied',
      have: 3,
    });
    expect(await count(nat, rec.id)).toBe(3);
  });

  it('refuses records from a node that does not own them', async () => {
    const rec = await createEmployee(provCtx, recruitBody(pw.hanoiHome));
    const r = await rowsOf(rec.id);
    expect((await receiveBatch(natCtx, batch('TQ', tqKey, [r]))).results[0]).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      have: 0,
    });
    await receiveBatch(natCtx, batch('HN', hanoiKey, [r]));
    await appendAction(provCtx, rec.id, {
      type: 'salary_step',
      effectiveDate: '2019-01-01',
      decision,
      payload: { salaryStep: 2 },
    });
    const more = batch('TQ', tqKey, [await rowsOf(rec.id, 2)]);
    expect((await receiveBatch(natCtx, more)).results[0]).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      have: 1,
    });
  });

  it('moves ownership with a transfer: the receiver pulls the whole ledger, the sender is refused', async () => {
    const rec = await createEmployee(provCtx, recruitBody(pw.hanoiHome));
    await appendAction(provCtx, rec.id, {
      type: 'transfer',
      effectiveDate: '2026-10-15',
      decision,
      payload: { workingUnitId: pw.tuyenquang, managingUnitId: pw.tuyenquang },
    });
    expect(
      (await receiveBatch(natCtx, batch('HN', hanoiKey, [await rowsOf(rec.id)]))).results[0],
    ).toMatchObject({ status: 'applied', have: 2 });
    const owner = await nat.db
      .selectFrom('federation_owners')
      .select('node_code')
      .where('employee_id', '=', rec.id)
      .executeTakeFirst();
    expect(owner?.node_code).toBe('TQ');
    const pullTq = (acks: { employeeId: string; seq: number }[] = []) =>
      changesFor(
        natCtx,
        signEnvelope(tqKey, { node: 'TQ', at: TEST_NOW.toISOString(), unitsSince: null, acks }),
      );
    const changes = await pullTq();
    const got = changes.records.find((r) => r.employeeId === rec.id);
    expect(got?.rows.map((r) => r.seq)).toEqual([1, 2]);
    // The tree comes down too, parents first; a fresh province database takes it with its own ids.
    const tq = await createTestDatabase(engine);
    try {
      await inTransaction(tq.db, (trx) => applyStructure(trx, changes, TEST_NOW));
      await inTransaction(tq.db, (trx) => applyRecord(trx, rec.id, got!.rows, TEST_NOW));
      const [x] = (await recordDigests(testCtx(tq), null, 10)).filter((d) => d.employeeId === rec.id);
      const [y] = (await recordDigests(provCtx, null, 1000)).filter((d) => d.employeeId === rec.id);
      expect(x).toEqual(y);
      setWriteGuard(localGuard('T08'));
      await appendAction(testCtx(tq), rec.id, {
        type: 'salary_step',
        effectiveDate: '2026-11-01',
        decision,
        payload: { salaryStep: 2 },
      });
    } finally {
      setWriteGuard(undefined);
      await tq.close();
    }
    // Acknowledged: nothing more to send down.
    expect(
      (await pullTq([{ employeeId: rec.id, seq: 2 }])).records.find((r) => r.employeeId === rec.id),
    ).toBeUndefined();
    setWriteGuard(localGuard('T01'));
    try {
      await expect(
        appendAction(provCtx, rec.id, {
          type: 'salary_step',
          effectiveDate: '2026-11-01',
          decision,
          payload: { salaryStep: 2 },
        }),
      ).rejects.toMatchObject({ code: 'NOT_OWNER' });
      await expect(createEmployee(provCtx, recruitBody(pw.tuyenquang))).rejects.toMatchObject({
        code: 'NOT_OWNER',
      });
    } finally {
      setWriteGuard(undefined);
    }
  }, 60_000);

  it('the national node does not write a record a node owns', async () => {
    const [someOwned] = await nat.db.selectFrom('federation_owners').select('employee_id').limit(1).execute();
    setWriteGuard(nationalGuard);
    try {
      await expect(
        appendAction(natCtx, someOwned!.employee_id, {
          type: 'salary_step',
          effectiveDate: '2026-11-02',
          decision,
          payload: { salaryStep: 3 },
        }),
      ).rejects.toMatchObject({ code: 'NOT_OWNER' });
      const nationalHanoi = await nat.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'T01-SNV')
        .executeTakeFirst();
      await expect(createEmployee(natCtx, recruitBody(nationalHanoi!.id))).rejects.toMatchObject({
        code: 'NOT_OWNER',
      });
    } finally {
      setWriteGuard(undefined);
    }
  });

  it('lists the nodes late against 3 working days since their last exchange', async () => {
    const at = (iso: string) => nationalStatus({ ...natCtx, now: new Date(iso) });
    // Last exchange Friday 20/11/2026: Wednesday 25/11 is 3 working days on, Monday 30/11 is 6.
    expect((await at('2026-11-25T03:00:00Z')).nodes.map((n) => [n.code, n.late])).toEqual([
      ['HN', false],
      ['TQ', false],
    ]);
    expect(
      (await at('2026-11-30T03:00:00Z')).nodes.map((n) => [n.code, n.late, n.workingDaysSinceExchange]),
    ).toEqual([
      ['HN', true, 6],
      ['TQ', true, 6],
    ]);
  });

  it('sends a node its first tree in pages: the same tree as in one answer, records only once it is whole', async () => {
    // A unit closed into one created after it: its successor arrives in a later page than itself.
    const old = await createUnit(natCtx, {
      code: 'T08-X1',
      name: 'Xã Cũ',
      kind: 'commune',
      parentId: nw.tuyenquang,
      validFrom: '2000-01-01',
    });
    const succ = await createUnit(natCtx, {
      code: 'T08-X2',
      name: 'Xã Mới',
      kind: 'commune',
      parentId: nw.tuyenquang,
      validFrom: '2000-01-01',
    });
    await closeUnit(natCtx, old.id, { validTo: '2025-07-01', successorId: succ.id, decision });
    await addJobPosition(natCtx, succ.id, {
      code: 'VTVL-X2',
      name: 'Công chức văn phòng - thống kê',
      kind: 'professional',
      plannedCount: 2,
      validFrom: '2025-07-01',
    });
    await setQuota(natCtx, succ.id, 2026, {
      civilServants: 22,
      publicEmployees: 0,
      contractWorkers: 1,
      decisionNo: '12/QĐ-UBND',
      decisionDate: '2025-12-15',
    });
    const treeOf = async (d: Database) => ({
      units: await d.db
        .selectFrom('org_units as u')
        .leftJoin('org_units as p', 'p.id', 'u.parent_id')
        .leftJoin('org_units as s', 's.id', 'u.successor_id')
        .select(['u.code', 'u.valid_from', 'u.name', 'u.valid_to', 'p.code as parent', 's.code as successor'])
        .select(sql<number>`nlevel(u.path)`.as('depth'))
        .orderBy('u.code')
        .orderBy('u.valid_from')
        .execute(),
      history: await d.db
        .selectFrom('org_unit_history as h')
        .innerJoin('org_units as u', 'u.id', 'h.unit_id')
        .select(['u.code', 'h.change', 'h.valid_from', 'h.name', 'h.recorded_at'])
        .orderBy('u.code')
        .orderBy('h.valid_from')
        .orderBy('h.change')
        .execute(),
      jobs: await d.db
        .selectFrom('job_positions as j')
        .innerJoin('org_units as u', 'u.id', 'j.unit_id')
        .select(['u.code as unit', 'j.code', 'j.planned_count'])
        .orderBy('u.code')
        .orderBy('j.code')
        .execute(),
      quotas: await d.db
        .selectFrom('staffing_quotas as q')
        .innerJoin('org_units as u', 'u.id', 'q.unit_id')
        .select(['u.code as unit', 'q.year', 'q.civil_servants'])
        .orderBy('u.code')
        .orderBy('q.year')
        .execute(),
    });
    const [paged, whole] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
    try {
      let cursor: string | null = null;
      let pages = 0;
      let catalogsVersion: string | null = null; // as a node does: the catalogs come once
      let last: Awaited<ReturnType<typeof pull>> | undefined;
      do {
        const page = await pull('TQ', tqKey, {
          structureCursor: cursor,
          structurePageSize: 7,
          catalogsVersion,
        });
        catalogsVersion = page.catalogs?.version ?? catalogsVersion;
        const rows = page.units.length + page.history.length + page.jobPositions.length + page.quotas.length;
        expect(rows).toBeLessThanOrEqual(7);
        if (page.structureCursor) {
          // The tree is not whole yet: no records, no watermark, and the node is told to come back.
          expect([page.records, page.routed, page.unitsHighWater, page.more]).toEqual([[], [], null, true]);
        }
        await inTransaction(paged.db, (trx) => applyStructure(trx, page, TEST_NOW));
        cursor = page.structureCursor ?? null;
        last = page;
        pages++;
      } while (cursor && pages < 1000);
      expect(cursor).toBeNull();
      expect(last!.unitsHighWater).toBe(TEST_NOW.toISOString());
      const one = await pull('TQ', tqKey); // a node of an older version: the whole tree in one answer
      expect(one.structureCursor).toBeUndefined();
      await inTransaction(whole.db, (trx) => applyStructure(trx, one, TEST_NOW));
      const [p, w, n] = await Promise.all([treeOf(paged), treeOf(whole), treeOf(nat)]);
      expect(pages).toBeGreaterThan(Math.ceil(n.units.length / 7));
      expect(p).toEqual(w);
      expect(p.units).toHaveLength(n.units.length);
      expect(p.history).toHaveLength(n.history.length);
      expect(p.units.find((u) => u.code === 'T08-X1')).toMatchObject({
        successor: 'T08-X2',
        valid_to: '2025-07-01',
      });
      expect(p.jobs).toContainEqual({ unit: 'T08-X2', code: 'VTVL-X2', planned_count: 2 });
      expect(p.quotas).toContainEqual({ unit: 'T08-X2', year: 2026, civil_servants: 22 });
      await expect(pull('TQ', tqKey, { structureCursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    } finally {
      await Promise.all([paged.close(), whole.close()]);
    }
  });

  it('hands a new node the records held under its scope, with the dated structure and the catalogs', async () => {
    const hgKey = nodeKey();
    const rec = await createEmployee(natCtx, recruitBody(nw.hagiang));
    await appendAction(natCtx, rec.id, {
      type: 'salary_step',
      effectiveDate: '2019-04-01',
      decision,
      payload: { salaryStep: 2 },
    });
    await addJobPosition(natCtx, nw.hagiang, {
      code: 'VTVL-01',
      name: 'Chuyên viên tổ chức bộ máy',
      kind: 'professional',
      plannedCount: 3,
      validFrom: '2024-01-01',
    });
    await setQuota(natCtx, nw.hagiang, 2026, {
      civilServants: 120,
      publicEmployees: 40,
      contractWorkers: 5,
      decisionNo: '55/QĐ-BNV',
      decisionDate: '2025-12-01',
    });
    await renameUnit(natCtx, nw.hagiang, {
      name: 'Tỉnh Hà Giang (đổi tên)',
      validFrom: '2026-01-01',
      decision,
    });
    const reg = await registerNode(natCtx, { code: 'HG', scopeCode: 'T02', publicKey: hgKey.publicKey });
    expect(reg.handedOver).toBe(1);
    const changes = await pull('HG', hgKey, { catalogsVersion: null });
    expect(changes.records.find((r) => r.employeeId === rec.id)?.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(changes.jobPositions.map((j) => [j.unit.code, j.code, j.plannedCount])).toContainEqual([
      'T02',
      'VTVL-01',
      3,
    ]);
    expect(changes.quotas.map((q) => [q.unit.code, q.year, q.civilServants])).toContainEqual([
      'T02',
      2026,
      120,
    ]);
    expect(changes.catalogs?.version).toMatch(/^[0-9a-f]{64}$/);
    const hg = await createTestDatabase(engine);
    const hgCtx = testCtx(hg);
    try {
      await inTransaction(hg.db, (trx) => applyStructure(trx, changes, TEST_NOW));
      await inTransaction(hg.db, (trx) =>
        applyRecord(trx, rec.id, changes.records.find((r) => r.employeeId === rec.id)!.rows, TEST_NOW),
      );
      const [x] = (await recordDigests(hgCtx, null, 10)).filter((d) => d.employeeId === rec.id);
      const [y] = (await recordDigests(natCtx, null, 1000)).filter((d) => d.employeeId === rec.id);
      expect(x).toEqual(y);
      // The same dated history: the province had its old name before 2026, its new one after.
      const history = await hg.db
        .selectFrom('org_unit_history as h')
        .innerJoin('org_units as u', 'u.id', 'h.unit_id')
        .select(['h.change', 'h.valid_from', 'h.name'])
        .where('u.code', '=', 'T02')
        .orderBy('h.valid_from')
        .execute();
      expect(history.map((h) => [h.change, h.valid_from, h.name])).toEqual([
        ['create', '1991-10-01', 'Tỉnh Hà Giang'],
        ['rename', '2026-01-01', 'Tỉnh Hà Giang (đổi tên)'],
      ]);
      // Taking the same structure again changes nothing.
      await inTransaction(hg.db, (trx) => applyStructure(trx, changes, TEST_NOW));
      const again = await hg.db
        .selectFrom('org_unit_history')
        .select(sql<number>`count(*)::int`.as('n'))
        .execute();
      const first = await nat.db
        .selectFrom('org_unit_history')
        .select(sql<number>`count(*)::int`.as('n'))
        .execute();
      expect(again[0]!.n).toBe(first[0]!.n);
      await takeCatalogs(hgCtx, changes.catalogs!);
      expect(await listCatalogs(hgCtx)).toEqual(await listCatalogs(natCtx));
      const next = await pull('HG', hgKey, { catalogsVersion: changes.catalogs!.version });
      expect(next.catalogs).toBeUndefined();
      // On a node, the structure is the national node's: local changes are refused.
      setOrgWriteGuard(localOrgGuard);
      const t02 = await hg.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'T02')
        .executeTakeFirst();
      await expect(
        createUnit(hgCtx, {
          code: 'T02-X',
          name: 'Xã mới',
          kind: 'commune',
          parentId: t02!.id,
          validFrom: '2026-01-01',
        }),
      ).rejects.toMatchObject({ code: 'NOT_OWNER' });
    } finally {
      setOrgWriteGuard(undefined);
      await hg.close();
    }
  }, 60_000);

  it('routes a national correction to the owner, which applies it once; its verdict comes back', async () => {
    const rec = await createEmployee(provCtx, recruitBody(pw.hanoiHome));
    await appendAction(provCtx, rec.id, {
      type: 'salary_step',
      effectiveDate: '2018-03-01',
      decision,
      payload: { salaryStep: 2 },
    });
    await receiveBatch(natCtx, batch('HN', hanoiKey, [await rowsOf(rec.id)]));
    const step = {
      type: 'salary_step' as const,
      effectiveDate: '2021-03-01',
      decision,
      payload: { salaryStep: 3 },
    };
    const routed = await routeToOwner(natCtx, rec.id, step);
    expect(routed).toMatchObject({ node: 'HN', status: 'pending', employeeId: rec.id, seq: null });
    expect(await count(nat, rec.id)).toBe(2); // never written on the national node first
    await expect(
      routeToOwner(natCtx, rec.id, {
        type: 'correction',
        effectiveDate: '2021-03-01',
        decision,
        payload: { targetActionId: 999_999, payload: { salaryStep: 4 }, reason: 'Sai bậc' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    const down = (await pull('HN', hanoiKey)).routed.filter((r) => r.employeeId === rec.id);
    expect(down.map((r) => r.id)).toEqual([routed!.id]);
    expect(await applyRouted(provCtx, down)).toBe(1);
    expect(await applyRouted(provCtx, down)).toBe(0); // taken once
    expect(await count(prov, rec.id)).toBe(3);
    const results = await unreportedResults(provCtx);
    expect(results).toContainEqual({ id: routed!.id, status: 'applied', seq: 3, code: null, reason: null });
    const after = await pull('HN', hanoiKey, { routedResults: results });
    expect(after.routed.find((r) => r.id === routed!.id)).toBeUndefined();
    const row = await nat.db
      .selectFrom('federation_routed_actions')
      .selectAll()
      .where('id', '=', routed!.id)
      .executeTakeFirst();
    expect([row?.status, row?.seq]).toEqual(['applied', 3]);
    // The owner's row comes up like any other and the record converges.
    expect(
      (await receiveBatch(natCtx, batch('HN', hanoiKey, [await rowsOf(rec.id, 3)]))).results[0],
    ).toMatchObject({
      status: 'applied',
      have: 3,
    });
    const [a] = (await recordDigests(provCtx, null, 1000)).filter((r) => r.employeeId === rec.id);
    const [n] = (await recordDigests(natCtx, null, 1000)).filter((r) => r.employeeId === rec.id);
    expect(n).toEqual(a);

    // A correction of an action the owner has meanwhile cancelled: refused there, and said so here.
    const natLedger = await nat.db
      .selectFrom('personnel_actions')
      .select(['id', 'seq'])
      .where('employee_id', '=', rec.id)
      .orderBy('seq')
      .execute();
    const fix = await routeToOwner(natCtx, rec.id, {
      type: 'correction',
      effectiveDate: '2021-03-01',
      decision,
      payload: { targetActionId: natLedger[2]!.id, payload: { salaryStep: 4 }, reason: 'Sai bậc' },
    });
    const provLedger = await prov.db
      .selectFrom('personnel_actions')
      .select(['id', 'seq'])
      .where('employee_id', '=', rec.id)
      .orderBy('seq')
      .execute();
    await appendAction(provCtx, rec.id, {
      type: 'cancellation',
      effectiveDate: '2021-03-01',
      decision,
      payload: { targetActionId: provLedger[2]!.id, reason: 'Quyết định bị thu hồi' },
    });
    expect(await applyRouted(provCtx, (await pull('HN', hanoiKey)).routed)).toBe(1);
    const verdict = (await unreportedResults(provCtx)).find((r) => r.id === fix!.id);
    expect(verdict).toMatchObject({ status: 'refused', code: 'INVALID_STATE', seq: null });
    await takeRoutedResults(natCtx, 'HN', [verdict!]);
    await takeRoutedResults(natCtx, 'HN', [{ ...verdict!, status: 'applied', seq: 9 }]); // decided once
    const refused = await nat.db
      .selectFrom('federation_routed_actions')
      .selectAll()
      .where('id', '=', fix!.id)
      .executeTakeFirst();
    expect([refused?.status, refused?.code, refused?.seq]).toEqual(['refused', 'INVALID_STATE', null]);
    const listed = await listRoutedActions(natCtx, { employeeId: rec.id });
    // Both recorded at the same test instant: compared without order.
    expect(listed.map((r) => [r.typeLabel, r.status, r.seq]).sort()).toEqual([
      ['Nâng bậc lương', 'applied', 3],
      ['Đính chính', 'refused', null],
    ]);
    const read = await nat.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'federation.action.list')
      .execute();
    expect(read.some((r) => JSON.stringify(r.details).includes(rec.id))).toBe(true);
  }, 60_000);

  it('a node’s sync loop takes the tree page by page and the catalogs, and validates against them', async () => {
    // The national node over HTTP on the wall clock (the node signs with its own clock).
    const app = await buildApp({ db: nat.db, clock: systemClock, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const bnKey = nodeKey();
    await registerNode(natCtx, { code: 'BN', scopeCode: 'BNV', publicKey: bnKey.publicKey });
    // A rank the national node added after this version shipped.
    const snap = await catalogSnapshot(nat.db);
    const ranks = snap.catalogs['civil-servant-ranks']!;
    const added = { ...ranks.find((r) => r.code === '01.003')!, code: '01.999', name: 'Ngạch thử nghiệm' };
    await takeCatalogs(natCtx, {
      version: 'national-v2',
      catalogs: { ...snap.catalogs, 'civil-servant-ranks': [...ranks, added] },
    });
    useCatalogs(undefined); // from here this process plays the node, which shipped without that rank
    const bn = await createTestDatabase(engine);
    try {
      const node = { code: 'BN', scope: 'BNV', nationalUrl: `http://127.0.0.1:${port}`, key: bnKey };
      const state = await syncOnce(testCtx(bn), { ...node, structurePageSize: 7 });
      expect([state.lastError, state.structureCursor, state.unitsSince]).toEqual([
        null,
        null,
        expect.any(String),
      ]);
      const count = async (d: Database) =>
        (
          await d.db
            .selectFrom('org_units')
            .select(sql<number>`count(*)::int`.as('n'))
            .execute()
        )[0]!.n;
      expect(await count(bn)).toBe(await count(nat));
      const dept = await bn.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'BNV')
        .executeTakeFirstOrThrow();
      const hired = await createEmployee(testCtx(bn), recruitBody(dept.id, { rankCode: '01.999' }));
      expect(hired.rankCode).toBe('01.999');
    } finally {
      useCatalogs(undefined);
      await importCatalogs(natCtx);
      await app.close();
      await bn.close();
    }
  }, 120_000);
});
