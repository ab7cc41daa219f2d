// The federation rules on real databases, without HTTP: a "province" database writes, its portable
// rows are signed and handed to a "national" database whose unit ids differ. Checked: signatures,
// idempotency, per-record order, one owner at a time, transfers moving ownership, the tree shared down.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx, TEST_NOW } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAction, createEmployee, setWriteGuard } from '../personnel-actions/index.ts';
import { signEnvelope, type NodeKey } from './crypto.ts';
import { changesFor, receiveBatch, registerNode, type RecordRows } from './national.service.ts';
import { portableLedger, rowHash } from './portable.ts';
import { applyUnits } from './units.ts';
import { applyRecord } from './apply.ts';
import { localGuard, nationalGuard, nationalStatus, recordDigests } from './status.service.ts';

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
  const hanoiKey = nodeKey();
  const tqKey = nodeKey();
  const batch = (node: string, key: NodeKey, records: RecordRows[], at = TEST_NOW) =>
    signEnvelope(key, { node, at: at.toISOString(), records });
  const rowsOf = async (id: string, from = 1) => ({
    employeeId: id,
    rows: await portableLedger(prov.db, id, from),
  });
  const count = async (d: Database, id: string) =>
    (await d.db.selectFrom('personnel_actions').select('id').where('employee_id', '=', id).execute()).length;

  beforeAll(async () => {
    [nat, prov] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
    natCtx = testCtx(nat);
    provCtx = testCtx(prov);
    // Different ids on the two databases: references must travel as codes.
    await sql`SELECT setval('org_units_id_seq', 700)`.execute(nat.db);
    await buildWorld(natCtx);
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
      await inTransaction(tq.db, (trx) => applyUnits(trx, changes.units, TEST_NOW));
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
});
