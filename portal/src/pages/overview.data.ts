// The overview's data: in the main chunk (small), so that a signed-in cold load asks for it as soon as
// the account is known, beside the download of the overview's chunk (pages.tsx: prefetch).
import { deadlines, employees, org, requests, type Me } from '../api/endpoints.ts';
import { prefetch, takeOr } from '../api/prefetch.ts';
import { homeScope } from '../auth/roles.ts';

async function fetchOverview(unitId: number) {
  const [category, sex, salaryGroup, quotas] = await Promise.all([
    employees.headcount(unitId, 'category'),
    employees.headcount(unitId, 'sex'),
    employees.headcount(unitId, 'salaryGroup'),
    org.quotas(unitId).catch(() => []),
  ]);
  return { category, sex, salaryGroup, quotas };
}

async function fetchAlerts() {
  const [rows, pending] = await Promise.all([
    deadlines.summary().catch(() => undefined),
    requests.list('pending').catch(() => undefined),
  ]);
  const sum = (k: 'due' | 'overdue' | 'late') => rows?.reduce((n, r) => n + r[k], 0);
  return { due: sum('due'), overdue: sum('overdue'), late: sum('late'), pending: pending?.length };
}

export const loadOverview = (unitId: number) => takeOr(`overview:${unitId}`, () => fetchOverview(unitId));
export const loadAlerts = () => takeOr('alerts', fetchAlerts);

export function prefetchOverview(me: Me): void {
  const scope = homeScope(me);
  if (!scope) return;
  prefetch(`overview:${scope.unitId}`, () => fetchOverview(scope.unitId));
  prefetch('alerts', fetchAlerts);
}
