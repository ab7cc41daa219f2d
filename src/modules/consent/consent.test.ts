// Consent to view (Decree 27 Art. 20) on both engines: ask, accept or refuse, read only the granted
// groups, every read audited with the grant and shown to the person; expiry and revocation end it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { at, userCtx } from '../../../test/helpers/actors.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { appendAction, createEmployee } from '../personnel-actions/index.ts';
import { myAccessLog } from '../audit/index.ts';
import { inbox } from '../notifications/index.ts';
import {
  answerConsent,
  myConsentAsks,
  myConsentRequests,
  readUnderConsent,
  requestConsent,
} from './index.ts';

const NOV20 = new Date('2026-11-20T03:00:00Z');

describe.each(ENGINES)('consent to view on %s', (engine) => {
  let d: Database;
  let w: World;
  let subjectId: string;
  let personId: string;
  let subject: Ctx, asker: Ctx, stranger: Ctx;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    const sys = testCtx(d, NOV20);
    w = await buildWorld(sys);
    const body = recruitBody(w.hanoiHome);
    personId = body.payload.identity.personId;
    subjectId = (await createEmployee(sys, body)).id;
    await appendAction(sys, subjectId, {
      type: 'declare',
      effectiveDate: '2020-01-01',
      payload: { group: 'health', kind: 'health_status', data: { status: 'good', bloodType: 'A+' } },
    });
    await appendAction(sys, subjectId, {
      type: 'declare',
      effectiveDate: '2020-01-01',
      payload: {
        group: 'personalHistory',
        kind: 'work_period',
        data: { fromDate: '2015-01-01', description: 'Sở Tư pháp' },
      },
    });
    subject = await userCtx(d, { employeeId: subjectId }, NOV20);
    // A ministry viewer: no personnel competence over a Hà Nội official.
    asker = await userCtx(
      d,
      { roles: [{ role: 'viewer', unitId: w.ministry }], name: 'Trần Thị Hỏi' },
      NOV20,
    );
    stranger = await userCtx(d, { roles: [{ role: 'viewer', unitId: w.ministry }] }, NOV20);
  });
  afterAll(async () => d?.close());

  const ask = (until = '2026-12-20') =>
    requestConsent(asker, {
      personId,
      purpose: 'Thẩm định hồ sơ đề nghị khen thưởng',
      groups: ['personalHistory', 'employment'],
      validUntil: until,
    });

  it('asks the person, who sees the ask in self-service and in the inbox', async () => {
    const c = await ask();
    expect(c).toMatchObject({
      status: 'pending',
      employeeId: subjectId,
      requesterName: 'Trần Thị Hỏi',
      validFrom: '2026-11-20',
    });
    expect((await myConsentAsks(subject)).map((x) => x.id)).toContain(c.id);
    expect((await inbox(subject, { unread: true })).items.some((n) => n.kind === 'consent.asked')).toBe(true);
    await expect(readUnderConsent(asker, c.id)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
  });

  it('a granted consent opens only the granted groups; each read is in the person’s access log', async () => {
    const c = await ask();
    await expect(answerConsent(asker, c.id, 'accept')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await answerConsent(subject, c.id, 'accept')).toMatchObject({ status: 'granted' });
    const rec = await readUnderConsent(asker, c.id);
    expect(rec.groups.personalHistory.length, JSON.stringify(rec.groups)).toBe(1);
    expect(rec.groups.health).toEqual([]);
    expect(rec.groups.identity).toEqual([]);
    expect(rec.masked).toEqual(expect.arrayContaining(['health', 'family', 'identity']));
    expect(rec.fullName).toBe('Nguyễn Thị Hoài Thương');
    await expect(readUnderConsent(stranger, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const log = await myAccessLog(subject, {});
    const entry = log.items.find((e: { action: string }) => e.action === 'employee.read.consent');
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).toContain('Thẩm định hồ sơ đề nghị khen thưởng');
  });

  it('ends at expiry', async () => {
    const c = await ask('2026-11-25');
    await answerConsent(subject, c.id, 'accept');
    expect((await readUnderConsent(at(asker, new Date('2026-11-25T16:00:00Z')), c.id)).id).toBe(subjectId);
    await expect(readUnderConsent(at(asker, new Date('2026-11-26T03:00:00Z')), c.id)).rejects.toMatchObject({
      code: 'CONSENT_EXPIRED',
    });
    expect(
      (await myConsentRequests(at(asker, new Date('2026-11-26T03:00:00Z')))).find((x) => x.id === c.id)
        ?.status,
    ).toBe('expired');
  });

  it('ends when the person revokes it; a refused ask never opens', async () => {
    const c = await ask();
    await answerConsent(subject, c.id, 'accept');
    await readUnderConsent(asker, c.id);
    expect(await answerConsent(subject, c.id, 'revoke')).toMatchObject({ status: 'revoked' });
    await expect(readUnderConsent(asker, c.id)).rejects.toMatchObject({ code: 'CONSENT_REVOKED' });
    await expect(answerConsent(subject, c.id, 'accept')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const r = await ask();
    expect(await answerConsent(subject, r.id, 'refuse')).toMatchObject({ status: 'refused' });
    await expect(readUnderConsent(asker, r.id)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect((await inbox(asker, {})).items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['consent.granted', 'consent.revoked', 'consent.refused']),
    );
  });

  it('refuses bad asks', async () => {
    await expect(
      requestConsent(asker, {
        personId: '001099000001',
        purpose: 'Không có ai',
        groups: ['education'],
        validUntil: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      requestConsent(asker, {
        personId,
        purpose: 'Quá dài hạn',
        groups: ['education'],
        validUntil: '2027-12-01',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_DATE', details: [{ field: '/validUntil' }] });
    await expect(
      requestConsent(subject, {
        personId,
        purpose: 'Của chính mình',
        groups: ['education'],
        validUntil: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
