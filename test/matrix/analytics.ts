// Access-matrix entries for the analytics routes (issue 5), spread into the MATRIX of
// test/access-matrix.test.ts: every role that reads people's data may ask about its own subtree;
// a unit outside it answers 404, as for a record.
import type { Entry, Targets, Where } from '../access-matrix.test.ts';

const STAFF = ['national_admin', 'agency_admin', 'hr_officer', 'approver', 'viewer'] as const;
const province = (t: Targets, w: Where) => (w === 'inside' ? t.w.hanoi : t.w.tuyenquang);
const get = (path: string, query: string) => (t: Targets, w: Where) =>
  Promise.resolve({ method: 'GET', url: `/api/v1/analytics/${path}?unitId=${province(t, w)}&${query}` });
const entry = (path: string, query: string): Entry => ({
  allow: STAFF,
  outside: 404,
  build: get(path, query),
});

export function analyticsMatrix(): Record<string, Entry> {
  return {
    'GET /api/v1/analytics/headcount': entry('headcount', 'rows=unit&cols=category&asOf=2024-06-01'),
    'GET /api/v1/analytics/people': entry('people', 'category=civil_servant'),
    'GET /api/v1/analytics/quota': entry('quota', 'year=2026'),
    'GET /api/v1/analytics/movements': entry('movements', 'from=2024-01-01&to=2026-11-20&list=true'),
    'GET /api/v1/analytics/forecast': entry('forecast', 'months=12&list=true'),
    'GET /api/v1/analytics/dashboard': entry('dashboard', ''),
    'GET /api/v1/analytics/quality': entry('quality', 'list=true&format=xlsx'),
    'GET /api/v1/analytics/quality/fixes': entry('quality/fixes', ''),
    'GET /api/v1/analytics/report': entry('report', 'format=xlsx'),
  };
}
