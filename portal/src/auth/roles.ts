// What each role may see in the portal. This mirrors the server's role → permission table only to
// decide which menu entries to show; the server still checks every call.
import type { Me } from '../api/endpoints.ts';

export type Role = Me['roles'][number]['role'];
export type Capability =
  | 'records'
  | 'recordDirect'
  | 'draft'
  | 'inbox'
  | 'org'
  | 'accounts'
  | 'audit'
  | 'backups'
  | 'self'
  | 'deadlines'
  | 'monthly'
  | 'calendar'
  | 'calendarEdit'
  | 'consentAsk'
  | 'restructure'
  | 'imports'
  | 'clients'
  | 'nodes';

const STAFF: Capability[] = ['records', 'org', 'consentAsk'];
const CAPS: Record<Role, Capability[]> = {
  national_admin: [
    ...STAFF,
    'recordDirect',
    'draft',
    'inbox',
    'accounts',
    'audit',
    'backups',
    'deadlines',
    'monthly',
    'calendar',
    'calendarEdit',
    'restructure',
    'imports',
    'clients',
    'nodes',
  ],
  agency_admin: [...STAFF, 'accounts', 'deadlines', 'calendar', 'restructure'],
  hr_officer: [...STAFF, 'draft', 'inbox', 'deadlines', 'imports'],
  approver: [...STAFF, 'inbox', 'deadlines', 'monthly'],
  viewer: [...STAFF],
  auditor: ['audit'],
};

export function can(me: Me, cap: Capability): boolean {
  if (cap === 'self') return me.employeeId !== null;
  return me.roles.some((r) => CAPS[r.role]?.includes(cap));
}

/** The unit the overview and the org tree start from: the first unit where the account holds a role. */
export function homeScope(me: Me): { unitId: number; unitName: string } | undefined {
  const r = me.roles.find((x) => CAPS[x.role]?.includes('records')) ?? me.roles[0];
  return r ? { unitId: r.unitId, unitName: r.unitName } : undefined;
}
