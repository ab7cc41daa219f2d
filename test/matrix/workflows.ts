// Access-matrix entries for the workflow routes (calendar, deadlines, change requests, consent,
// monthly approval, inbox), spread into the MATRIX of test/access-matrix.test.ts.
import type { Entry, Targets, Where } from '../access-matrix.test.ts';
import { TEST_NOW, testCtx } from '../helpers/app.ts';
import { userCtx } from '../helpers/actors.ts';
import { setDay } from '../../src/modules/calendar/index.ts';
import { submitDraft } from '../../src/modules/requests/index.ts';
import { requestConsent } from '../../src/modules/consent/index.ts';

const emp = (t: Targets, w: Where) => (w === 'inside' ? t.inHanoi : t.inTq);
const province = (t: Targets, w: Where) => (w === 'inside' ? t.w.hanoi : t.w.tuyenquang);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
const decision = { number: '5/QĐ', date: '2026-11-18', signerName: 'Lê Ký', issuingBody: 'UBND' };
const STAFF_DEADLINES = ['national_admin', 'agency_admin', 'hr_officer', 'approver'] as const;

/** A drafted reward about the target person, by an officer of their province (not the caller). */
async function draft(t: Targets, w: Where) {
  const maker = await userCtx(t.d, { roles: [{ role: 'hr_officer', unitId: province(t, w) }] });
  const r = await submitDraft(maker, emp(t, w), {
    type: 'reward',
    effectiveDate: '2026-11-18',
    decision,
    payload: { form: 'Giấy khen' },
    files: [{ name: 'qd.pdf', mediaType: 'application/pdf', contentBase64: PDF }],
  });
  return { id: r.id, fileId: r.files[0]!.id };
}

async function personIdOf(t: Targets, employeeId: string): Promise<string> {
  const r = await t.d.db
    .selectFrom('employees')
    .select('person_id')
    .where('id', '=', employeeId)
    .executeTakeFirstOrThrow();
  return r.person_id;
}

/** A consent asked about the target person by another account; granted when `granted`. */
async function consent(t: Targets, w: Where, granted = false): Promise<string> {
  const asker = await userCtx(t.d, { roles: [{ role: 'viewer', unitId: t.w.ministry }] });
  const c = await requestConsent(asker, {
    personId: await personIdOf(t, emp(t, w)),
    purpose: 'Xác minh lý lịch phục vụ bổ nhiệm',
    groups: ['education'],
    validUntil: '2026-12-31',
  });
  if (granted)
    await t.d.db
      .updateTable('consents')
      .set({ status: 'granted', answered_at: TEST_NOW })
      .where('id', '=', c.id)
      .execute();
  return c.id;
}

/** A stored monthly approval of the target's province (its signature is not what is tested here). */
async function approval(t: Targets, w: Where, n: number): Promise<string> {
  const id = crypto.randomUUID();
  const signer = await userCtx(t.d, { roles: [{ role: 'approver', unitId: province(t, w) }] });
  const month = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const manifest = Buffer.from(JSON.stringify({ format: 'hoso.monthly-approval/1', actions: [] }));
  await t.d.db
    .insertInto('monthly_approvals')
    .values({
      id,
      unit_id: province(t, w),
      month,
      covers_from: new Date('2000-01-01T00:00:00Z'),
      covers_to: TEST_NOW,
      manifest,
      manifest_sha256: 'x',
      action_count: 0,
      signature: Buffer.from('not a signature'),
      signer_subject: 'CN=Thử',
      signer_serial: '01',
      signed_by: signer.actor.accountId!,
      signed_at: TEST_NOW,
    })
    .execute();
  return id;
}

const answer = (verb: 'accept' | 'refuse' | 'revoke'): Entry => ({
  allow: ['self'],
  denied: 404,
  build: async (t, w) => ({
    method: 'POST',
    url: `/api/v1/me/consents/${await consent(t, w, verb === 'revoke')}/${verb}`,
  }),
});

export function workflowMatrix(): Record<string, Entry> {
  return {
    'GET /api/v1/calendar/:year': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/calendar/2026' }),
    },
    'PUT /api/v1/calendar/days/:day': {
      allow: ['national_admin'],
      build: async () => ({
        method: 'PUT',
        url: '/api/v1/calendar/days/2039-03-07',
        payload: { day: '2039-03-07', kind: 'holiday', name: 'Ngày nghỉ thử', source: null },
      }),
    },
    'DELETE /api/v1/calendar/days/:day': {
      allow: ['national_admin'],
      build: async (t) => {
        await setDay(testCtx(t.d), {
          day: '2039-03-08',
          kind: 'holiday',
          name: 'Ngày nghỉ thử',
          source: null,
        });
        return { method: 'DELETE', url: '/api/v1/calendar/days/2039-03-08' };
      },
    },
    'GET /api/v1/deadlines': {
      allow: STAFF_DEADLINES,
      build: async () => ({ method: 'GET', url: '/api/v1/deadlines?limit=5' }),
    },
    'GET /api/v1/deadlines/summary': {
      allow: STAFF_DEADLINES,
      build: async () => ({ method: 'GET', url: '/api/v1/deadlines/summary' }),
    },
    'GET /api/v1/me/notifications': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/me/notifications' }),
    },
    'POST /api/v1/me/notifications/:id/read': {
      allow: 'signed-in',
      admitOnly: true,
      build: async () => ({ method: 'POST', url: '/api/v1/me/notifications/999999/read' }),
    },
    'POST /api/v1/me/notifications/read-all': {
      allow: 'signed-in',
      build: async () => ({ method: 'POST', url: '/api/v1/me/notifications/read-all' }),
    },
    'POST /api/v1/me/requests': {
      allow: 'signed-in',
      staff: 403,
      build: async () => ({
        method: 'POST',
        url: '/api/v1/me/requests',
        payload: {
          payload: {
            group: 'family',
            kind: 'member',
            data: { relationship: 'CON', fullName: 'Nguyễn Văn Con' },
          },
        },
      }),
    },
    'GET /api/v1/me/requests': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/me/requests' }),
    },
    'POST /api/v1/employees/:id/drafts': {
      allow: ['national_admin', 'hr_officer'],
      outside: 404,
      build: async (t, w) => ({
        method: 'POST',
        url: `/api/v1/employees/${emp(t, w)}/drafts`,
        payload: { type: 'reward', effectiveDate: '2026-11-18', decision, payload: { form: 'Giấy khen' } },
      }),
    },
    'GET /api/v1/requests': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/requests' }),
    },
    'GET /api/v1/requests/:id': {
      allow: ['national_admin', 'hr_officer', 'approver', 'self'],
      outside: 404,
      denied: 404,
      build: async (t, w) => ({ method: 'GET', url: `/api/v1/requests/${(await draft(t, w)).id}` }),
    },
    'GET /api/v1/requests/:id/files/:fileId': {
      allow: ['national_admin', 'hr_officer', 'approver', 'self'],
      outside: 404,
      denied: 404,
      build: async (t, w) => {
        const r = await draft(t, w);
        return { method: 'GET', url: `/api/v1/requests/${r.id}/files/${r.fileId}` };
      },
    },
    'POST /api/v1/requests/:id/approve': {
      allow: ['national_admin', 'approver'],
      outside: 404,
      build: async (t, w) => ({ method: 'POST', url: `/api/v1/requests/${(await draft(t, w)).id}/approve` }),
    },
    'POST /api/v1/requests/:id/reject': {
      allow: ['national_admin', 'approver'],
      outside: 404,
      build: async (t, w) => ({
        method: 'POST',
        url: `/api/v1/requests/${(await draft(t, w)).id}/reject`,
        payload: { reason: 'Thiếu căn cứ' },
      }),
    },
    'POST /api/v1/requests/:id/withdraw': {
      allow: [],
      denied: 404,
      build: async (t, w) => ({ method: 'POST', url: `/api/v1/requests/${(await draft(t, w)).id}/withdraw` }),
    },
    'POST /api/v1/consents': {
      allow: 'signed-in',
      build: async (t) => ({
        method: 'POST',
        url: '/api/v1/consents',
        payload: {
          personId: await personIdOf(t, t.inTq),
          purpose: 'Xác minh lý lịch',
          groups: ['education', 'employment'],
          validUntil: '2026-12-31',
        },
      }),
    },
    'GET /api/v1/consents': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/consents' }),
    },
    'GET /api/v1/consents/:id/record': {
      allow: [],
      denied: 404,
      build: async (t, w) => ({ method: 'GET', url: `/api/v1/consents/${await consent(t, w, true)}/record` }),
    },
    'GET /api/v1/me/consents': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/me/consents' }),
    },
    'POST /api/v1/me/consents/:id/accept': answer('accept'),
    'POST /api/v1/me/consents/:id/refuse': answer('refuse'),
    'POST /api/v1/me/consents/:id/revoke': answer('revoke'),
    'GET /api/v1/monthly-approvals/manifest': {
      allow: ['national_admin', 'approver'],
      outside: 404,
      build: async (t, w) => ({
        method: 'GET',
        url: `/api/v1/monthly-approvals/manifest?unitId=${province(t, w)}&month=2026-11`,
      }),
    },
    'POST /api/v1/monthly-approvals': {
      allow: ['national_admin', 'approver'],
      outside: 404,
      admitOnly: true,
      build: async (t, w) => ({
        method: 'POST',
        url: '/api/v1/monthly-approvals',
        payload: {
          unitId: province(t, w),
          month: '2026-10',
          coversTo: '2026-11-01T00:00:00Z',
          signatureBase64: 'AAAAAAAAAAAA',
        },
      }),
    },
    'GET /api/v1/monthly-approvals': {
      allow: 'signed-in',
      build: async () => ({ method: 'GET', url: '/api/v1/monthly-approvals' }),
    },
    'GET /api/v1/monthly-approvals/:id/verify': {
      allow: STAFF_DEADLINES,
      outside: 404,
      denied: 404,
      build: async (t, w, n) => ({
        method: 'GET',
        url: `/api/v1/monthly-approvals/${await approval(t, w, n)}/verify`,
      }),
    },
    'GET /api/v1/monthly-approvals/:id/files': {
      allow: STAFF_DEADLINES,
      outside: 404,
      denied: 404,
      build: async (t, w, n) => ({
        method: 'GET',
        url: `/api/v1/monthly-approvals/${await approval(t, w, n)}/files`,
      }),
    },
  };
}
