// A transfer out of the management scope (Circular 06), with real sessions: the sending HR officer
// decides, loses the record (404) at once; the receiving body sees it with its whole history, receives
// the person (their account re-issued here with a fresh one-time password) and the deadline list empties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { signIn, type SignedIn } from '../../../test/helpers/auth.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { loadConfig } from '../../platform/config.ts';
import { closeUnit, createUnit, getUnit } from '../org-units/index.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { sessionAuthenticator } from '../accounts/index.ts';
import { restructure } from '../restructuring/index.ts';
import { listTransfersAwaitingReceipt } from './index.ts';

const decision = {
  number: '45/QĐ-UBND',
  date: '2026-10-20',
  signerName: 'Nguyễn Văn Ký',
  issuingBody: 'UBND thành phố Hà Nội',
};
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; details: { field?: string }[] } }).error;

describe.each(ENGINES)('transfers on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let ctx: Ctx;
  let w: World;
  let tqDept: number;
  let sender: SignedIn;
  let receiver: SignedIn;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    ctx = testCtx(d);
    w = await buildWorld(ctx);
    tqDept = (
      await createUnit(ctx, {
        code: 'T08-SNV',
        name: 'Sở Nội vụ Tuyên Quang',
        kind: 'provincial_department',
        parentId: w.tuyenquang,
        validFrom: '2000-01-01',
      })
    ).id;
    app = await testApp(d, TEST_NOW, sessionAuthenticator(loadConfig({})));
    sender = await signIn(app, d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] });
    receiver = await signIn(app, d, { roles: [{ role: 'agency_admin', unitId: w.tuyenquang }] });
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const as = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const counts = async () => ({
    transfers: Number(
      (
        await d.db
          .selectFrom('transfers')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    actions: Number(
      (
        await d.db
          .selectFrom('personnel_actions')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await d.db
          .selectFrom('audit_events')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const account = (employeeId: string) =>
    d.db
      .selectFrom('accounts')
      .select(['status', 'home_unit_id', 'username'])
      .where('employee_id', '=', employeeId)
      .executeTakeFirstOrThrow();
  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('moves ownership: the sender loses the record, the receiver has it whole and receives the person', async () => {
    const id = (await createEmployee(ctx, recruitBody(w.hanoiHome))).id;
    const self = await signIn(app, d, { employeeId: id });
    expect((await as(sender, 'GET', `/api/v1/employees/${id}`)).statusCode).toBe(200);
    expect((await as(receiver, 'GET', `/api/v1/employees/${id}`)).statusCode).toBe(404);

    const res = await as(sender, 'POST', '/api/v1/transfers', {
      employeeId: id,
      toUnitId: tqDept,
      effectiveDate: '2026-11-02',
      decision,
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({ fromUnitId: w.hanoiHome, toUnitId: tqDept, status: 'awaiting_receipt' });

    // The sending body's access ended with the decision; it still sees the transfer it decided.
    expect((await as(sender, 'GET', `/api/v1/employees/${id}`)).statusCode).toBe(404);
    expect((await as(sender, 'GET', `/api/v1/employees/${id}/actions`)).statusCode).toBe(404);
    const out = (await as(sender, 'GET', '/api/v1/transfers?direction=out')).json() as { id: number }[];
    expect(out.map((x) => x.id)).toContain(t.id);
    expect((await as(sender, 'GET', '/api/v1/transfers?direction=in')).json()).toEqual([]);

    // The receiving body sees the record with its whole history; before the date, the old unit.
    const rec = await as(receiver, 'GET', `/api/v1/employees/${id}`);
    expect(rec.statusCode).toBe(200);
    expect(rec.json().managingUnitId).toBe(tqDept);
    const ledger = (await as(receiver, 'GET', `/api/v1/employees/${id}/actions`)).json() as {
      type: string;
    }[];
    expect(ledger.map((a) => a.type)).toEqual(['recruit', 'transfer']);
    const before = (await as(receiver, 'GET', `/api/v1/employees/${id}?asOf=2026-11-01`)).json();
    expect(before.managingUnitId).toBe(w.hanoiHome);

    // The person's account is disabled until the receiving body re-issues it.
    expect((await account(id)).status).toBe('disabled');
    expect((await login(self.username, self.password)).statusCode).toBeGreaterThanOrEqual(400);
    const tqPath = (await getUnit(d.db, w.tuyenquang)).path;
    const due = await listTransfersAwaitingReceipt(d.db, { unitPaths: [tqPath] });
    expect(due).toEqual([
      expect.objectContaining({
        transferId: t.id,
        employeeId: id,
        toUnitId: tqDept,
        effectiveDate: '2026-11-02',
        receivedAt: null,
      }),
    ]);
    expect(
      await listTransfersAwaitingReceipt(d.db, { unitPaths: [(await getUnit(d.db, w.hanoi)).path] }),
    ).toEqual([]);

    // Only the receiving body receives.
    expect((await as(sender, 'POST', `/api/v1/transfers/${t.id}/receive`)).statusCode).toBe(404);
    const got = await as(receiver, 'POST', `/api/v1/transfers/${t.id}/receive`);
    expect(got.statusCode, got.body).toBe(200);
    const body = got.json();
    expect(body.transfer.status).toBe('received');
    expect(body.record.id).toBe(id);
    expect(await account(id)).toMatchObject({
      status: 'active',
      home_unit_id: tqDept,
      username: self.username,
    });
    expect((await login(self.username, body.account.oneTimePassword)).statusCode).toBe(200);
    expect((await as(receiver, 'POST', `/api/v1/transfers/${t.id}/receive`)).statusCode).toBe(409);
    expect(await listTransfersAwaitingReceipt(d.db, { unitPaths: [tqPath] })).toEqual([]);
    const all = await listTransfersAwaitingReceipt(d.db, { includeReceived: true });
    expect(all.find((x) => x.transferId === t.id)?.receivedAt).toBeInstanceOf(Date);
    const inbound = (await as(receiver, 'GET', '/api/v1/transfers?direction=in&status=received')).json();
    expect(inbound.map((x: { id: number }) => x.id)).toContain(t.id);
  });

  it('issues an account on receipt when the person had none', async () => {
    const id = (await createEmployee(ctx, recruitBody(w.hanoiHome))).id;
    const t = await as(sender, 'POST', '/api/v1/transfers', {
      employeeId: id,
      toUnitId: tqDept,
      effectiveDate: '2026-11-10',
      decision,
    });
    expect(t.statusCode, t.body).toBe(201);
    const got = await as(receiver, 'POST', `/api/v1/transfers/${t.json().id}/receive`);
    expect(got.statusCode, got.body).toBe(200);
    expect(await account(id)).toMatchObject({ status: 'active', home_unit_id: tqDept });
  });

  it('refuses bad transfers with the field path and writes nothing', async () => {
    const id = (await createEmployee(ctx, recruitBody(w.hanoiHome))).id;
    const outsider = (await createEmployee(ctx, recruitBody(tqDept))).id;
    const closed = await createUnit(ctx, {
      code: 'T08-OLD',
      name: 'Phòng đã giải thể',
      kind: 'other',
      parentId: w.tuyenquang,
      validFrom: '2000-01-01',
    });
    await closeUnit(ctx, closed.id, { validTo: '2020-01-01' });
    const before = await counts();
    const body = { employeeId: id, toUnitId: tqDept, effectiveDate: '2026-11-02', decision };
    const cases: [object, number, string | null][] = [
      [{ ...body, toUnitId: closed.id }, 400, '/toUnitId'],
      [{ ...body, toUnitId: 999999 }, 400, '/toUnitId'],
      [{ ...body, toUnitId: w.hanoiHome }, 400, '/toUnitId'],
      [{ ...body, toWorkingUnitId: w.hanoiHome }, 400, '/toWorkingUnitId'],
      [{ ...body, effectiveDate: '2026-12-01' }, 400, '/effectiveDate'],
      [{ ...body, decision: { ...decision, date: '2027-01-01' } }, 400, '/decision/date'],
      // A failed ledger step (a transfer dated before the person's recruitment) leaves nothing behind.
      [{ ...body, effectiveDate: '2010-01-01', decision: { ...decision, date: '2009-12-01' } }, 422, null],
      [{ ...body, employeeId: outsider }, 404, null],
    ];
    for (const [payload, status, field] of cases) {
      const res = await as(sender, 'POST', '/api/v1/transfers', payload);
      expect(res.statusCode, `${JSON.stringify(payload)} → ${res.body}`).toBe(status);
      if (field) expect(errorOf(res).details.map((x) => x.field)).toContain(field);
    }
    expect(await counts()).toEqual(before);
    expect((await as(sender, 'GET', `/api/v1/employees/${id}`)).json().managingUnitId).toBe(w.hanoiHome);
    expect((await as(sender, 'GET', '/api/v1/transfers')).statusCode).toBe(400); // direction is required
  });
  it('follows the person when the receiving unit is merged away before receipt', async () => {
    const dept = (code: string, name: string) =>
      createUnit(ctx, {
        code,
        name,
        kind: 'provincial_department',
        parentId: w.tuyenquang,
        validFrom: '2000-01-01',
      });
    const finance = await dept('T08-STC', 'Sở Tài chính Tuyên Quang');
    const planning = await dept('T08-SKH', 'Sở Kế hoạch và Đầu tư Tuyên Quang');
    const id = (await createEmployee(ctx, recruitBody(w.hanoiHome))).id;
    const body = { employeeId: id, toUnitId: finance.id, effectiveDate: '2026-11-02', decision };
    const t = (await as(sender, 'POST', '/api/v1/transfers', body)).json();
    await restructure(ctx, {
      kind: 'merge',
      effectiveDate: '2026-11-15',
      decision: { ...decision, number: '12/QĐ-UBND', issuingBody: 'UBND tỉnh Tuyên Quang' },
      sourceIds: [planning.id],
      targetId: finance.id,
      name: 'Sở Tài chính (sau hợp nhất)',
    });
    await restructure(ctx, {
      kind: 'merge',
      effectiveDate: '2026-11-16',
      decision: { ...decision, number: '13/QĐ-UBND', issuingBody: 'UBND tỉnh Tuyên Quang' },
      sourceIds: [finance.id],
      targetId: (await dept('T08-STC2', 'Sở Tài chính mới')).id,
    });
    const successor = (await getUnit(d.db, finance.id)).successorId!;
    const due = await listTransfersAwaitingReceipt(d.db, {
      unitPaths: [(await getUnit(d.db, w.tuyenquang)).path],
    });
    expect(due.find((x) => x.transferId === t.id)).toMatchObject({
      toUnitId: finance.id,
      toUnitPath: (await getUnit(d.db, successor)).path,
    });
    const got = await as(receiver, 'POST', `/api/v1/transfers/${t.id}/receive`);
    expect(got.statusCode, got.body).toBe(200);
    expect(await account(id)).toMatchObject({ status: 'active', home_unit_id: successor });
  });
});
