// Change requests on both engines: each state transition, the maker-checker rule, and that nothing
// reaches the record from a rejected request or a failed step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { userCtx } from '../../../test/helpers/actors.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { createEmployee, getRecord, listActions } from '../personnel-actions/index.ts';
import { inbox } from '../notifications/index.ts';
import { myAccessLog } from '../audit/index.ts';
import {
  approve,
  getRequest,
  getRequestFile,
  listRequests,
  reject,
  submitDeclaration,
  submitDraft,
  withdraw,
} from './index.ts';

const PDF = Buffer.from('%PDF-1.4\n% bằng chứng\n').toString('base64');
const decision = {
  number: '77/QĐ-SNV',
  date: '2026-11-18',
  signerName: 'Lê Văn Ký',
  issuingBody: 'Sở Nội vụ Hà Nội',
};

describe.each(ENGINES)('change requests on %s', (engine) => {
  let d: Database;
  let w: World;
  let personId: string;
  let person: Ctx, officer: Ctx, checker: Ctx, both: Ctx, checkerTq: Ctx;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const sys = testCtx(d);
    w = await buildWorld(sys);
    personId = (await createEmployee(sys, recruitBody(w.hanoiHome))).id;
    person = await userCtx(d, { employeeId: personId, name: 'Nguyễn Thị Hoài Thương' });
    officer = await userCtx(d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] });
    checker = await userCtx(d, { roles: [{ role: 'approver', unitId: w.hanoi }] });
    both = await userCtx(d, {
      roles: [
        { role: 'hr_officer', unitId: w.hanoi },
        { role: 'approver', unitId: w.hanoi },
      ],
    });
    checkerTq = await userCtx(d, { roles: [{ role: 'approver', unitId: w.tuyenquang }] });
  });
  afterAll(async () => d?.close());

  const family = (name: string) => ({
    payload: {
      group: 'family' as const,
      kind: 'member',
      data: { relationship: 'VO', fullName: name, birthYear: 1989 },
    },
    files: [{ name: 'giay-ket-hon.pdf', mediaType: 'application/pdf' as const, contentBase64: PDF }],
  });
  const familyRows = async () => (await getRecord(testCtx(d), personId)).groups.family.length;

  it('a declaration waits for the managing body, then approval applies it to the record', async () => {
    const before = await familyRows();
    const r = await submitDeclaration(person, family('Trần Văn Chồng'));
    expect(r).toMatchObject({ status: 'pending', kind: 'declaration', employeeId: personId });
    expect(r.files).toEqual([
      {
        id: expect.any(Number),
        name: 'giay-ket-hon.pdf',
        mediaType: 'application/pdf',
        size: Buffer.from(PDF, 'base64').length,
      },
    ]);
    expect(await familyRows()).toBe(before);
    expect((await inbox(officer, {})).items.map((n) => n.link)).toContain(`/requests/${r.id}`);
    expect((await getRequestFile(officer, r.id, r.files[0]!.id)).contentBase64).toBe(PDF);

    const done = await approve(officer, r.id);
    expect(done).toMatchObject({ status: 'approved', decidedBy: officer.actor.accountId });
    expect(done.appliedActionId).toBeTypeOf('number');
    expect(await familyRows()).toBe(before + 1);
    const applied = (await listActions(testCtx(d), personId)).find((a) => a.id === done.appliedActionId)!;
    expect(applied).toMatchObject({ type: 'declare', recordedBy: officer.actor.id });
    expect((await inbox(person, {})).items[0]).toMatchObject({ kind: 'request.approved' });
    await expect(approve(checker, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(reject(checker, r.id, 'muộn')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('a rejected declaration leaves the record as it was, with the reason for the person', async () => {
    const before = await familyRows();
    const r = await submitDeclaration(person, family('Người Khác'));
    const done = await reject(checker, r.id, 'Giấy tờ không khớp thông tin kê khai');
    expect(done).toMatchObject({ status: 'rejected', reason: 'Giấy tờ không khớp thông tin kê khai' });
    expect(await familyRows()).toBe(before);
    await expect(approve(officer, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await inbox(person, { unread: true })).items[0]).toMatchObject({ kind: 'request.rejected' });
  });

  it('the person may withdraw a pending request; nobody else may', async () => {
    const r = await submitDeclaration(person, family('Rút lại'));
    await expect(withdraw(officer, r.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await withdraw(person, r.id)).toMatchObject({ status: 'withdrawn' });
    await expect(withdraw(person, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(approve(officer, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('maker-checker: an officer drafts, an approver applies; nobody approves their own', async () => {
    const before = (await listActions(testCtx(d), personId)).length;
    const draft = await submitDraft(both, personId, {
      type: 'reward',
      effectiveDate: '2026-11-18',
      decision,
      payload: { form: 'Giấy khen', level: 'Sở' },
    });
    expect(draft).toMatchObject({ status: 'pending', kind: 'hr_action' });
    await expect(approve(both, draft.id)).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    await expect(approve(officer, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approve(checkerTq, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listActions(testCtx(d), personId)).length).toBe(before);
    const done = await approve(checker, draft.id);
    expect(done.status).toBe('approved');
    const actions = await listActions(testCtx(d), personId);
    expect(actions.length).toBe(before + 1);
    expect(actions.at(-1)).toMatchObject({
      type: 'reward',
      decisionNo: '77/QĐ-SNV',
      recordedBy: checker.actor.id,
    });
  });

  it('the person cannot decide a request about their own record', async () => {
    const selfChecker = await userCtx(d, { roles: [{ role: 'approver', unitId: w.hanoi }] });
    const draft = await submitDraft(officer, personId, {
      type: 'reward',
      effectiveDate: '2026-11-18',
      decision,
      payload: { form: 'Bằng khen' },
    });
    const sameAsPerson = { ...selfChecker, actor: { ...selfChecker.actor, employeeId: personId } };
    await expect(approve(sameAsPerson, draft.id)).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    await reject(checker, draft.id, 'Trùng quyết định');
  });

  it('refuses a draft the record could not take, when it is made', async () => {
    await expect(
      submitDraft(officer, personId, {
        type: 'salary_step',
        effectiveDate: '2026-11-18',
        decision,
        payload: { salaryStep: 12 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      submitDraft(officer, personId, {
        type: 'transfer',
        effectiveDate: '2026-11-18',
        decision,
        payload: { workingUnitId: w.tuyenquang },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('an approval whose action fails leaves the request pending and the ledger untouched', async () => {
    // Two drafts of the same step: valid when made, the second impossible once the first is applied.
    const step = {
      type: 'salary_step' as const,
      effectiveDate: '2026-11-18',
      decision,
      payload: { salaryStep: 2 },
    };
    const first = await submitDraft(officer, personId, step);
    const second = await submitDraft(officer, personId, step);
    await approve(checker, first.id);
    const before = (await listActions(testCtx(d), personId)).length;
    await expect(approve(checker, second.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await getRequest(checker, second.id)).status).toBe('pending');
    expect((await listActions(testCtx(d), personId)).length).toBe(before);
  });

  it('takes from the person only personal kinds, checked against their record when submitted', async () => {
    const count = (await listRequests(officer, {})).length;
    await expect(
      submitDeclaration(person, {
        payload: {
          group: 'movements',
          kind: 'planning',
          data: { position: 'Giám đốc Sở', period: '2026-2031' },
        },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/payload/kind' }] });
    await expect(
      submitDeclaration(person, {
        payload: {
          group: 'family',
          kind: 'member',
          data: { relationship: 'CON', fullName: 'Con', birthYear: 1980 },
        },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/payload/data/birthYear' }] });
    expect((await listRequests(officer, {})).length).toBe(count);
  });

  it('refuses bad evidence and bad drafts before writing anything', async () => {
    const count = (await listRequests(officer, {})).length;
    await expect(
      submitDeclaration(person, {
        ...family('X'),
        files: [
          {
            name: 'a.pdf',
            mediaType: 'application/pdf',
            contentBase64: Buffer.from('not a pdf').toString('base64'),
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/files/0/contentBase64' }] });
    await expect(
      submitDraft(officer, personId, {
        type: 'reward',
        effectiveDate: '2026-11-18',
        payload: { form: 'Giấy khen' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/decision' }] });
    await expect(submitDeclaration(officer, family('Y'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listRequests(officer, {})).length).toBe(count);
  });

  it('lists what each may see: reviewers their scope, others nothing', async () => {
    const visible = await listRequests(checker, { status: 'pending' });
    expect(visible.every((r) => r.status === 'pending')).toBe(true);
    expect(await listRequests(checkerTq, {})).toEqual([]);
    // The inbox shows other people's proposed changes: the person sees who listed them.
    const log = await myAccessLog(person, { limit: 50 });
    expect(log.items.some((e) => e.action === 'request.list' && e.actorId === checker.actor.id)).toBe(true);
    await expect(
      getRequest(checkerTq, visible[0]?.id ?? (await listRequests(checker, {}))[0]!.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
