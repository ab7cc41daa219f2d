// The overview's data: in the main chunk (small), so that a signed-in cold load asks for it as soon as
// the account is known, beside the download of the overview's chunk (pages.tsx: prefetch). Two parts:
// the headcount card's (asked first, shown as soon as it is here) and the charts' breakdowns, so the
// first number on screen never waits for the calls behind it.
import { deadlines, employees, org, requests, type Me } from '../api/endpoints.ts';
import { prefetch, takeOr } from '../api/prefetch.ts';
import { homeScope } from '../auth/roles.ts';

async function fetchHeadcount(unitId: number) {
  const [category, quotas] = await Promise.all([
    employees.headcount(unitId, 'category'),
    org.quotas(unitId).catch(() => []),
  ]);
  return { category, quotas };
}

async function fetchBreakdown(unitId: number) {
  const [sex, salaryGroup] = await Promise.all([
    employees.headcount(unitId, 'sex'),
    employees.headcount(unitId, 'salaryGroup'),
  ]);
  return { sex, salaryGroup };
}

async function fetchAlerts() {
  const [rows, pending] = await Promise.all([
    deadlines.summary().catch(() => undefined),
    requests.list('pending').catch(() => undefined),
  ]);
  const sum = (k: 'due' | 'overdue' | 'late') => rows?.reduce((n, r) => n + r[k], 0);
  return { due: sum('due'), overdue: sum('overdue'), late: sum('late'), pending: pending?.length };
}

export const loadHeadcount = (unitId: number) => takeOr(`overview:${unitId}`, () => fetchHeadcount(unitId));
export const loadBreakdown = (unitId: number) =>
  takeOr(`overview-breakdown:${unitId}`, () => fetchBreakdown(unitId));
export const loadAlerts = () => takeOr('alerts', fetchAlerts);

export function prefetchOverview(me: Me): void {
  const scope = homeScope(me);
  if (!scope) return;
  const head = fetchHeadcount(scope.unitId);
  prefetch(`overview:${scope.unitId}`, () => head);
  // The rest is asked once the headcount's answer is here: the server (on PGlite) runs one query at a
  // time and interleaves the queries of calls sent together, so the first number waited for all six.
  const then = head.then(
    () => undefined,
    () => undefined,
  );
  prefetch(`overview-breakdown:${scope.unitId}`, () => then.then(() => fetchBreakdown(scope.unitId)));
  prefetch('alerts', () => then.then(fetchAlerts));
}
