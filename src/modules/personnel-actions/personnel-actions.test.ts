import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';

describe.each(ENGINES)('e-records and the ledger on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('creates an e-record from its recruitment decision', async () => {
    const res = await post('/api/v1/employees', recruitBody(w.hanoiHome));
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json();
    expect(rec).toMatchObject({
      fullName: 'Nguyễn Thị Hoài Thương',
      status: 'active',
      category: 'civil_servant',
      rankCode: '01.003',
      salaryStep: 1,
      salaryCoefficient: 2.34,
      salaryGroup: 'A1',
      workingUnitId: w.hanoiHome,
    });
    expect(rec.groups.employment.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'rank_salary',
      'unit',
    ]);
    const again = await get(`/api/v1/employees/${rec.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().unitNames[String(w.hanoiHome)]).toBe('Sở Nội vụ Hà Nội');
  });

  it('refuses a duplicate personal ID number with 409 and writes nothing', async () => {
    const body = recruitBody(w.hanoiHome);
    expect((await post('/api/v1/employees', body)).statusCode).toBe(201);
    const before = await d.db
      .selectFrom('personnel_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await post('/api/v1/employees', {
      ...body,
      payload: { ...body.payload, identity: { ...body.payload.identity, fullName: 'Lê Văn Khác' } },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE_PERSON_ID');
    const after = await d.db
      .selectFrom('personnel_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it.each([
    ['not 12 digits', { personId: '0011900001' }, 'đúng 12 chữ số'],
    ['unknown province prefix', { personId: '099190000001' }, 'mã tỉnh'],
    [
      'sex digit disagrees',
      { personId: '001090000001', sex: 'F' as const, birthDate: '1990-05-17' },
      'giới tính',
    ],
    [
      'year digits disagree',
      { personId: '001191000001', sex: 'F' as const, birthDate: '1990-05-17' },
      'năm sinh',
    ],
    [
      'century digit disagrees',
      { personId: '001190000001', sex: 'F' as const, birthDate: '2090-05-17' },
      'thế kỷ',
    ],
  ])('rejects a personal ID number whose %s with 400 naming the field', async (_n, identity, words) => {
    const body = recruitBody(w.hanoiHome);
    const res = await post('/api/v1/employees', {
      ...body,
      payload: { ...body.payload, identity: { ...body.payload.identity, ...identity } },
    });
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().error;
    expect(
      err.details.some(
        (x: { field?: string }) => x.field?.endsWith('/identity/personId') || x.field?.endsWith('birthDate'),
      ),
    ).toBe(true);
    if (!('birthDate' in identity && identity.birthDate.startsWith('2090')))
      expect(JSON.stringify(err.details)).toContain(words);
  });

  it('applies actions, keeps history, reconstructs past dates and honours corrections and cancellations', async () => {
    const created = (
      await post('/api/v1/employees', recruitBody(w.hanoiHome, { effectiveDate: '2015-03-01' }))
    ).json();
    const id = created.id as string;
    const dec = (n: string, date: string) => ({
      number: n,
      date,
      signerName: 'Trần Văn Ký',
      issuingBody: 'UBND thành phố Hà Nội',
    });
    const step2 = await post(`/api/v1/employees/${id}/actions`, {
      type: 'salary_step',
      effectiveDate: '2018-03-01',
      decision: dec('10/QĐ', '2018-02-20'),
      payload: { salaryStep: 2 },
    });
    expect(step2.statusCode, step2.body).toBe(201);
    const move = await post(`/api/v1/employees/${id}/actions`, {
      type: 'transfer',
      effectiveDate: '2025-07-01',
      decision: dec('11/QĐ', '2025-06-25'),
      payload: { workingUnitId: w.hanoiCommune, managingUnitId: w.hanoiCommune },
    });
    expect(move.statusCode, move.body).toBe(201);
    const step3 = await post(`/api/v1/employees/${id}/actions`, {
      type: 'salary_step',
      effectiveDate: '2021-03-01',
      decision: dec('12/QĐ', '2021-02-20'),
      payload: { salaryStep: 3 },
    });
    expect(step3.statusCode, step3.body).toBe(201); // backdated: recorded after the transfer, effective before it

    const now = (await get(`/api/v1/employees/${id}`)).json();
    expect(now).toMatchObject({ salaryStep: 3, salaryCoefficient: 3.0, workingUnitId: w.hanoiCommune });
    const past = (await get(`/api/v1/employees/${id}?asOf=2019-01-01`)).json();
    expect(past).toMatchObject({
      salaryStep: 2,
      salaryCoefficient: 2.67,
      workingUnitId: w.hanoiHome,
      asOf: '2019-01-01',
    });
    expect((await get(`/api/v1/employees/${id}?asOf=2014-01-01`)).statusCode).toBe(404);
    const salaryRows = now.groups.employment.filter((r: { kind: string }) => r.kind === 'rank_salary');
    expect(
      salaryRows.map((r: { validFrom: string; validTo: string | null }) => [r.validFrom, r.validTo]),
    ).toEqual([
      ['2015-03-01', '2018-03-01'],
      ['2018-03-01', '2021-03-01'],
      ['2021-03-01', null],
    ]);

    // A correction is a new action: the step-3 decision really took effect on 2021-06-01.
    const step3Id = step3.json().action.id;
    const corr = await post(`/api/v1/employees/${id}/actions`, {
      type: 'correction',
      effectiveDate: '2026-11-01',
      decision: dec('13/QĐ', '2026-11-01'),
      payload: {
        targetActionId: step3Id,
        effectiveDate: '2021-06-01',
        payload: {},
        reason: 'Sai ngày hiệu lực',
      },
    });
    expect(corr.statusCode, corr.body).toBe(201);
    expect((await get(`/api/v1/employees/${id}?asOf=2021-04-01`)).json().salaryStep).toBe(2);
    // …and as the record was known before the correction was recorded, it was step 3 then.
    const cancel = await post(`/api/v1/employees/${id}/actions`, {
      type: 'cancellation',
      effectiveDate: '2026-11-02',
      decision: dec('14/QĐ', '2026-11-02'),
      payload: { targetActionId: move.json().action.id, reason: 'Quyết định bị thu hồi' },
    });
    expect(cancel.statusCode, cancel.body).toBe(201);
    expect((await get(`/api/v1/employees/${id}`)).json().workingUnitId).toBe(w.hanoiHome);

    const actions = (await get(`/api/v1/employees/${id}/actions`)).json();
    expect(actions.map((a: { type: string }) => a.type)).toEqual([
      'recruit',
      'salary_step',
      'transfer',
      'salary_step',
      'correction',
      'cancellation',
    ]);
    expect(actions[2].cancelledBy).toBe(cancel.json().action.id);
    expect(actions[3].correctedBy).toEqual([corr.json().action.id]);
    const again = await post(`/api/v1/employees/${id}/actions`, {
      type: 'cancellation',
      effectiveDate: '2026-11-02',
      decision: dec('15/QĐ', '2026-11-02'),
      payload: { targetActionId: move.json().action.id, reason: 'lần hai' },
    });
    expect(again.statusCode).toBe(422);
  });

  it('reads the record as it was known at a past transaction time', async () => {
    const created = (await post('/api/v1/employees', recruitBody(w.hanoiHome))).json();
    const first = await d.db
      .selectFrom('personnel_actions')
      .select('recorded_at')
      .where('employee_id', '=', created.id)
      .executeTakeFirstOrThrow();
    const later = await testApp(d, new Date('2026-11-25T03:00:00Z'));
    const r = await later.inject({
      method: 'POST',
      url: `/api/v1/employees/${created.id}/actions`,
      payload: {
        type: 'reward',
        effectiveDate: '2020-12-01',
        decision: { number: '1/QĐ-KT', date: '2020-12-01', signerName: 'A', issuingBody: 'UBND' },
        payload: { form: 'Bằng khen', level: 'Bộ' },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    await later.close();
    const known = (
      await get(`/api/v1/employees/${created.id}?knownAt=${new Date(first.recorded_at).toISOString()}`)
    ).json();
    expect(known.groups.employment.some((x: { kind: string }) => x.kind === 'reward')).toBe(false);
    const nowRec = (await get(`/api/v1/employees/${created.id}`)).json();
    expect(nowRec.groups.employment.some((x: { kind: string }) => x.kind === 'reward')).toBe(true);
  });

  it.each([
    [
      'an action without its decision',
      { type: 'salary_step', effectiveDate: '2020-01-01', payload: { salaryStep: 2 } },
      400,
      '/decision',
    ],
    [
      'a payload field of the wrong type',
      {
        type: 'salary_step',
        effectiveDate: '2020-01-01',
        decision: { number: '1', date: '2020-01-01', signerName: 'A', issuingBody: 'B' },
        payload: { salaryStep: 'hai' },
      },
      400,
      '/payload/salaryStep',
    ],
    [
      'an unknown action type',
      { type: 'promote_to_king', effectiveDate: '2020-01-01', payload: {} },
      400,
      'body/type',
    ],
    [
      'a step beyond the scale',
      {
        type: 'salary_step',
        effectiveDate: '2020-01-01',
        decision: { number: '1', date: '2020-01-01', signerName: 'A', issuingBody: 'B' },
        payload: { salaryStep: 15 },
      },
      422,
      '/payload/salaryStep',
    ],
    [
      'an action before recruitment',
      {
        type: 'reward',
        effectiveDate: '2001-01-01',
        decision: { number: '1', date: '2001-01-01', signerName: 'A', issuingBody: 'B' },
        payload: { form: 'Giấy khen' },
      },
      422,
      '/effectiveDate',
    ],
    [
      'a transfer to a unit that does not exist',
      {
        type: 'transfer',
        effectiveDate: '2020-01-01',
        decision: { number: '1', date: '2020-01-01', signerName: 'A', issuingBody: 'B' },
        payload: { workingUnitId: 999999 },
      },
      400,
      '/payload/workingUnitId',
    ],
    [
      'a transfer to a unit not yet founded',
      {
        type: 'transfer',
        effectiveDate: '2020-01-01',
        decision: { number: '1', date: '2020-01-01', signerName: 'A', issuingBody: 'B' },
        payload: { workingUnitId: 0 },
      },
      400,
      'workingUnitId',
    ],
  ])('refuses %s with a 4xx naming the field, and writes nothing', async (_name, body, status, field) => {
    const created = (await post('/api/v1/employees', recruitBody(w.hanoiHome))).json();
    const b = body as { payload: Record<string, unknown> };
    if (b.payload.workingUnitId === 0) b.payload.workingUnitId = w.hanoiCommune; // opens 2025-07-01
    const res = await post(`/api/v1/employees/${created.id}/actions`, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(JSON.stringify(res.json().error.details)).toContain(field);
    const n = await d.db
      .selectFrom('personnel_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('employee_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('keeps the ledger append-only in the database itself', async () => {
    await expect(
      sql`UPDATE personnel_actions SET effective_date = '2000-01-01'`.execute(d.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM personnel_actions`.execute(d.db)).rejects.toThrow(/append-only/);
  });

  it('answers 404 for a record that does not exist and 400 for a malformed id', async () => {
    expect((await get('/api/v1/employees/00000000-0000-4000-8000-000000000000')).json().error.code).toBe(
      'NOT_FOUND',
    );
    const bad = await get('/api/v1/employees/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
