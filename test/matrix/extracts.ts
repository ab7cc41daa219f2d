// Access-matrix entries for the signed extracts (issue 6), spread into the MATRIX of
// test/access-matrix.test.ts. Officers over the person's managing unit issue and revoke; the person may
// ask for their own extract; verification is public.
import type { Entry, Targets, Where } from '../access-matrix.test.ts';
import { testCtx } from '../helpers/app.ts';
import { useTestSigning } from '../helpers/pki.ts';
import { issueExtract } from '../../src/modules/extracts/index.ts';

const ISSUERS = ['national_admin', 'agency_admin', 'hr_officer'] as const;
const emp = (t: Targets, w: Where) => (w === 'inside' ? t.inHanoi : t.inTq);

export function extractsMatrix(): Record<string, Entry> {
  return {
    'POST /api/v1/employees/:id/extracts': {
      allow: [...ISSUERS, 'self'],
      outside: 404,
      build: async (t, w) => {
        await useTestSigning();
        return { method: 'POST', url: `/api/v1/employees/${emp(t, w)}/extracts` };
      },
    },
    'GET /api/v1/employees/:id/extracts': {
      allow: [...ISSUERS, 'self'],
      outside: 404,
      build: async (t, w) => ({ method: 'GET', url: `/api/v1/employees/${emp(t, w)}/extracts` }),
    },
    'POST /api/v1/extracts/:id/revoke': {
      allow: ISSUERS,
      outside: 404,
      build: async (t, w) => {
        await useTestSigning();
        const x = await issueExtract(testCtx(t.d), emp(t, w));
        return { method: 'POST', url: `/api/v1/extracts/${x.id}/revoke`, payload: { reason: 'Cấp nhầm' } };
      },
    },
    'POST /api/v1/extracts/verify': {
      allow: 'everyone',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/extracts/verify',
        payload: { code: 'ABCD-EFGH-JKMN' },
      }),
    },
    'GET /api/v1/extracts/verify': {
      allow: 'everyone',
      build: async () => ({ method: 'GET', url: '/api/v1/extracts/verify' }),
    },
  };
}
