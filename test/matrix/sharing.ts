// Access-matrix entries for data sharing (issue 9, part 1), spread into the MATRIX of
// test/access-matrix.test.ts. National administrators manage API clients; the token endpoint and the
// JWKS are public; the sharing endpoints take an API client's bearer token only, so every session —
// whatever its role, the person's own included — is refused with 401 there.
import type { Entry, Targets, Where } from '../access-matrix.test.ts';
import { testCtx } from '../helpers/app.ts';
import { createClient, setClientStatus } from '../../src/modules/sharing/index.ts';

const ADMIN = ['national_admin'] as const;
const NO_SESSION = { allow: [] as const, denied: 401 };
const unit = (t: Targets, w: Where) => (w === 'inside' ? t.unitIn : t.unitOut);

const body = (t: Targets, w: Where, n: number) => ({
  name: `Hệ thống ma trận ${n}`,
  ownerBody: 'Bảo hiểm xã hội Việt Nam',
  contact: 'cntt@bhxh.gov.vn',
  authMethod: 'client_secret' as const,
  scopes: ['employees.read' as const],
  fields: ['fullName'],
  purposes: ['bao_hiem_xa_hoi'],
  orgUnitIds: [unit(t, w)],
  ratePerMinute: 60,
});
const client = async (t: Targets, w: Where, n: number) => createClient(testCtx(t.d), body(t, w, n));
const base = '/api/v1/api-clients';

export function sharingMatrix(): Record<string, Entry> {
  return {
    'GET /api/v1/api-clients/catalog': {
      allow: ADMIN,
      build: async () => ({ method: 'GET', url: `${base}/catalog` }),
    },
    'POST /api/v1/api-clients': {
      allow: ADMIN,
      build: async (t, w, n) => ({ method: 'POST', url: base, payload: body(t, w, n) }),
    },
    'GET /api/v1/api-clients': { allow: ADMIN, build: async () => ({ method: 'GET', url: base }) },
    'GET /api/v1/api-clients/:id': {
      allow: ADMIN,
      build: async (t, w, n) => ({ method: 'GET', url: `${base}/${(await client(t, w, n)).client.id}` }),
    },
    'PATCH /api/v1/api-clients/:id': {
      allow: ADMIN,
      build: async (t, w, n) => ({
        method: 'PATCH',
        url: `${base}/${(await client(t, w, n)).client.id}`,
        payload: { ratePerMinute: 120 },
      }),
    },
    'POST /api/v1/api-clients/:id/suspend': {
      allow: ADMIN,
      build: async (t, w, n) => ({
        method: 'POST',
        url: `${base}/${(await client(t, w, n)).client.id}/suspend`,
        payload: { reason: 'Hết hạn thỏa thuận kết nối' },
      }),
    },
    'POST /api/v1/api-clients/:id/resume': {
      allow: ADMIN,
      build: async (t, w, n) => {
        const c = await client(t, w, n);
        await setClientStatus(testCtx(t.d), c.client.id, 'suspended', 'Tạm dừng');
        return { method: 'POST', url: `${base}/${c.client.id}/resume` };
      },
    },
    'POST /api/v1/api-clients/:id/rotate-secret': {
      allow: ADMIN,
      build: async (t, w, n) => ({
        method: 'POST',
        url: `${base}/${(await client(t, w, n)).client.id}/rotate-secret`,
      }),
    },
    // The client authenticates itself; a session cookie sent along changes nothing.
    'POST /api/v1/oauth/token': {
      allow: 'everyone',
      build: async (t, w, n) => {
        const c = await client(t, w, n);
        return {
          method: 'POST',
          url: '/api/v1/oauth/token',
          payload: {
            grant_type: 'client_credentials',
            client_id: c.client.id,
            client_secret: c.clientSecret,
          },
        };
      },
    },
    'GET /api/v1/oauth/jwks': {
      allow: 'everyone',
      build: async () => ({ method: 'GET', url: '/api/v1/oauth/jwks' }),
    },
    'GET /api/v1/share/employees': {
      ...NO_SESSION,
      build: async () => ({ method: 'GET', url: '/api/v1/share/employees?purpose=bao_hiem_xa_hoi' }),
    },
    'GET /api/v1/share/employees/:idNumber': {
      ...NO_SESSION,
      build: async () => ({ method: 'GET', url: '/api/v1/share/employees/001190000001?purpose=thong_ke' }),
    },
    'GET /api/v1/share/catalogs/:name': {
      ...NO_SESSION,
      build: async () => ({ method: 'GET', url: '/api/v1/share/catalogs/religions?purpose=thong_ke' }),
    },
    'GET /api/v1/share/org-units': {
      ...NO_SESSION,
      build: async () => ({ method: 'GET', url: '/api/v1/share/org-units?purpose=thong_ke' }),
    },
  };
}
