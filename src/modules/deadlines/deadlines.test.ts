// The legal deadlines on both engines, each rule against dates worked out by hand on the calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { at, userCtx } from '../../../test/helpers/actors.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { appendAction, createEmployee } from '../personnel-actions/index.ts';
import { submitDeclaration, submitDraft } from '../requests/index.ts';
import { createTransfer, receiveTransfer } from '../transfers/index.ts';
import { deadlineSummary, listDeadlines, sendDeadlineReminders } from './index.ts';
import { inbox } from '../notifications/index.ts';
import type { DeadlineItem } from '../../../api/workflows.ts';

// Friday 20/11/2026, 10:00 in Hà Nội.
const FRI = new Date('2026-11-20T03:00:00Z');
const WED_NEXT = new Date('2026-11-25T03:00:00Z');
const THU_NEXT = new Date('2026-11-26T03:00:00Z');
const dec = (date: string) => ({ number: `${date}/QĐ`, date, signerName: 'Lê Ký', issuingBody: 'UBND' });

describe.each(ENGINES)('legal deadlines on %s', (engine) => {
  let d: Database;
  let w: World;
  let late: string, onTime: string, tq: string;
  let officer: Ctx, national: Ctx, officerTq: Ctx;

  const find = (items: DeadlineItem[], rule: string, employeeId: string | null) =>
    items.filter((i) => i.rule === rule && i.employeeId === employeeId);

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const sys = testCtx(d, FRI);
    w = await buildWorld(sys);
    // Decided Monday 16/11, recorded Friday 20/11: 4 days (limit 3 calendar days) → late.
    late = (await createEmployee(sys, { ...recruitBody(w.hanoiHome, { effectiveDate: '2026-11-16' }) })).id;
    // Decided Wednesday 18/11, recorded Friday 20/11 → on time.
    onTime = (await createEmployee(sys, recruitBody(w.hanoiHome, { effectiveDate: '2026-11-18' }))).id;
    tq = (await createEmployee(sys, recruitBody(w.tuyenquang, { effectiveDate: '2026-11-18' }))).id;
    // A reward decided Tuesday 10/11 recorded Friday 20/11 (due Friday 13/11) → late.
    await appendAction(sys, onTime, {
      type: 'reward',
      effectiveDate: '2026-11-19',
      decision: dec('2026-11-10'),
      payload: { form: 'Giấy khen' },
    });
    officer = await userCtx(d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] }, FRI);
    officerTq = await userCtx(d, { roles: [{ role: 'hr_officer', unitId: w.tuyenquang }] }, FRI);
    national = await userCtx(d, { roles: [{ role: 'national_admin', unitId: w.nation }] }, FRI);
  });
  afterAll(async () => d?.close());

  it('record created within 3 days of the decision (Art. 18)', async () => {
    const items = await listDeadlines(officer, { rule: 'record_created' });
    expect(find(items, 'record_created', late)[0]).toMatchObject({
      startDate: '2026-11-16',
      dueDate: '2026-11-19',
      metOn: '2026-11-20',
      status: 'late',
    });
    expect(find(items, 'record_created', onTime)[0]).toMatchObject({ dueDate: '2026-11-21', status: 'met' });
  });

  it('first declaration by the person within 3 working days (Art. 19)', async () => {
    // Record created Friday 20/11 → due Wednesday 25/11.
    expect(
      find(await listDeadlines(officer, { rule: 'first_declaration' }), 'first_declaration', onTime)[0],
    ).toMatchObject({
      startDate: '2026-11-20',
      dueDate: '2026-11-25',
      status: 'due',
    });
    expect(
      find(
        await listDeadlines(at(officer, THU_NEXT), { rule: 'first_declaration' }),
        'first_declaration',
        onTime,
      )[0]?.status,
    ).toBe('overdue');
    const person = await userCtx(d, { employeeId: late }, WED_NEXT);
    await submitDeclaration(person, {
      payload: { group: 'health', kind: 'health_status', data: { status: 'good', bloodType: 'O+' } },
    });
    expect(
      find(
        await listDeadlines(at(officer, THU_NEXT), { rule: 'first_declaration' }),
        'first_declaration',
        late,
      )[0],
    ).toMatchObject({
      metOn: '2026-11-25',
      status: 'met',
    });
  });

  it('HR changes recorded within 3 working days of the decision, drafts awaiting approval included', async () => {
    const items = await listDeadlines(officer, { rule: 'hr_update' });
    expect(find(items, 'hr_update', onTime)[0]).toMatchObject({
      startDate: '2026-11-10',
      dueDate: '2026-11-13',
      status: 'late',
    });
    await submitDraft(officer, late, {
      type: 'reward',
      effectiveDate: '2026-11-19',
      decision: dec('2026-11-19'),
      payload: { form: 'Bằng khen' },
    });
    const pending = find(await listDeadlines(officer, { rule: 'hr_update' }), 'hr_update', late)[0];
    expect(pending).toMatchObject({ dueDate: '2026-11-24', metOn: null, status: 'due' });
    expect(
      find(await listDeadlines(at(officer, WED_NEXT), { rule: 'hr_update' }), 'hr_update', late)[0]?.status,
    ).toBe('overdue');
  });

  it('declared changes verified within 3 working days', async () => {
    const items = await listDeadlines(at(officer, THU_NEXT), { rule: 'request_review' });
    // Submitted Wednesday 25/11 → due Monday 30/11.
    expect(find(items, 'request_review', late)[0]).toMatchObject({
      startDate: '2026-11-25',
      dueDate: '2026-11-30',
      status: 'due',
    });
  });

  it('the receiving body takes over a transferred person within 10 working days', async () => {
    const sender = await userCtx(d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] }, FRI);
    const moved = (
      await createEmployee(testCtx(d, FRI), recruitBody(w.hanoiHome, { effectiveDate: '2020-01-02' }))
    ).id;
    const tr = await createTransfer(sender, {
      employeeId: moved,
      toUnitId: w.tuyenquang,
      effectiveDate: '2026-11-20',
      decision: dec('2026-11-19'),
    });
    // Friday 20/11 + 10 working days = Friday 04/12.
    const item = () =>
      listDeadlines(at(officerTq, new Date('2026-12-07T03:00:00Z')), { rule: 'transfer_receipt' }).then(
        (i) => find(i, 'transfer_receipt', moved)[0],
      );
    expect(await item()).toMatchObject({
      unitId: w.tuyenquang,
      startDate: '2026-11-20',
      dueDate: '2026-12-04',
      status: 'overdue',
    });
    expect(
      find(await listDeadlines(officer, { rule: 'transfer_receipt' }), 'transfer_receipt', moved),
    ).toEqual([]);
    await receiveTransfer(at(officerTq, new Date('2026-12-03T03:00:00Z')), tr.id);
    expect(await item()).toMatchObject({ metOn: '2026-12-03', status: 'met' });
  });

  it('monthly approval due in the last days of each month, per ministry/province', async () => {
    const items = await listDeadlines(national, { rule: 'monthly_approval', from: '2026-10-01' });
    const hanoi = items.filter((i) => i.unitId === w.hanoi);
    expect(hanoi.map((i) => [i.ref, i.startDate, i.dueDate, i.status])).toEqual([
      ['2026-10', '2026-10-27', '2026-10-31', 'overdue'],
      ['2026-11', '2026-11-26', '2026-11-30', 'due'],
    ]);
  });

  it('each unit sees only its own subtree; admins see lateness per unit', async () => {
    const mine = await listDeadlines(officer, {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((i) => i.employeeId === tq || i.unitId === w.tuyenquang)).toBe(false);
    expect((await listDeadlines(officerTq, { rule: 'record_created' })).map((i) => i.employeeId)).toEqual([
      tq,
    ]);
    const summary = await deadlineSummary(national, {});
    const hanoi = summary.find((s) => s.unitId === w.hanoi)!;
    expect(hanoi.late).toBeGreaterThanOrEqual(2);
    expect(hanoi.byRule.record_created?.late).toBe(1);
    expect(hanoi.byRule.hr_update?.late).toBe(1);
    expect(summary.find((s) => s.unitId === w.tuyenquang)?.byRule.record_created?.late ?? 0).toBe(0);
    const overdueOnly = await listDeadlines(national, { status: 'overdue' });
    expect(overdueOnly.every((i) => i.status === 'overdue')).toBe(true);
  });

  it('reminds the staff over each unit of what is overdue, once per item', async () => {
    const sys = testCtx(d, THU_NEXT);
    const first = await sendDeadlineReminders(sys);
    expect(first.overdue).toBeGreaterThan(0);
    const mine = await inbox(at(officer, THU_NEXT), { limit: 200 });
    const overdue = mine.items.filter((n) => n.kind === 'deadline.overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((n) => !n.body.includes('Tuyên Quang'))).toBe(true);
    await sendDeadlineReminders(sys);
    expect(
      (await inbox(at(officer, THU_NEXT), { limit: 200 })).items.filter((n) => n.kind === 'deadline.overdue')
        .length,
    ).toBe(overdue.length);
  });

  it('a 3-working-day deadline spanning Tết: decided before, recorded after the holiday', async () => {
    // Decided Thursday 12/02/2026; Tết days off 14–22/02; due Tuesday 24/02.
    const FEB24 = new Date('2026-02-24T03:00:00Z');
    const FEB25 = new Date('2026-02-25T03:00:00Z');
    const a = (
      await createEmployee(testCtx(d, FEB24), recruitBody(w.hanoiHome, { effectiveDate: '2019-01-02' }))
    ).id;
    const b = (
      await createEmployee(testCtx(d, FEB24), recruitBody(w.hanoiHome, { effectiveDate: '2019-01-02' }))
    ).id;
    const step = {
      type: 'salary_step' as const,
      effectiveDate: '2026-02-12',
      decision: dec('2026-02-12'),
      payload: { salaryStep: 2 },
    };
    await appendAction(testCtx(d, FEB24), a, step);
    await appendAction(testCtx(d, FEB25), b, step);
    const items = await listDeadlines(at(officer, FEB25), { rule: 'hr_update', from: '2026-02-01' });
    expect(find(items, 'hr_update', a)[0]).toMatchObject({
      startDate: '2026-02-12',
      dueDate: '2026-02-24',
      metOn: '2026-02-24',
      status: 'met',
    });
    expect(find(items, 'hr_update', b)[0]).toMatchObject({
      dueDate: '2026-02-24',
      metOn: '2026-02-25',
      status: 'late',
    });
  });
});
