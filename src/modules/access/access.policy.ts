// Pure permission rules: which role may do what, which data is sensitive. Where an actor may do it
// (the org subtree) is applied in SQL through scope.ts.
import type { Actor, Role } from '../../platform/context.ts';

export type Permission =
  | 'org.write'
  | 'employee.read'
  | 'employee.write'
  | 'employee.sensitive'
  | 'employee.secret'
  | 'account.manage'
  | 'audit.read'
  /** Backups are of the whole database: only national administrators see and run them. */
  | 'backup.read'
  /** Verify (approve or reject) a person's self-service change request: the managing body's staff. */
  | 'request.review'
  /** The checker of maker-checker: approve an officer's drafted HR action so it reaches the ledger. */
  | 'action.approve'
  /**
   * Write a personnel action straight to the ledger, without a checker: national administrators only
   * (data migration, national corrections). Officers draft, approvers apply.
   */
  | 'action.record'
  /** The competent person's monthly signed approval of the month's changes (Circular 06 Art. 7). */
  | 'month.approve'
  /** See what is due and overdue under the legal deadlines, and lateness per unit. */
  | 'deadline.read'
  /** Edit the working-day calendar (holidays, compensatory working days): national administrators. */
  | 'calendar.manage'
  /** Transfer a person out of the current management scope, and receive one transferred in (Circular 06). */
  | 'employee.transfer'
  /** Issue a signed electronic extract of a record in the subtree (Circular 06 Art. 8); a person may ask for their own. */
  | 'extract.issue'
  /** Revoke an issued extract, with a reason: the HR staff and administrators of the person's managing unit. */
  | 'extract.revoke'
  /** Register ministry/province nodes and watch their sync lag: national administrators. */
  | 'node.manage'
  /** Register and manage the API clients of other information systems (data sharing): national administrators. */
  | 'client.manage';

const ALL: Permission[] = [
  'org.write',
  'employee.read',
  'employee.write',
  'employee.sensitive',
  'employee.secret',
  'account.manage',
  'audit.read',
  'backup.read',
  'request.review',
  'action.approve',
  'action.record',
  'month.approve',
  'deadline.read',
  'calendar.manage',
  'employee.transfer',
  'extract.issue',
  'extract.revoke',
  'node.manage',
  'client.manage',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  national_admin: ALL,
  agency_admin: [
    'org.write',
    'employee.read',
    'employee.sensitive',
    'employee.secret',
    'account.manage',
    'deadline.read',
    'employee.transfer',
    'extract.issue',
    'extract.revoke',
  ],
  hr_officer: [
    'employee.read',
    'employee.write',
    'employee.sensitive',
    'request.review',
    'deadline.read',
    'employee.transfer',
    'extract.issue',
    'extract.revoke',
  ],
  approver: [
    'employee.read',
    'employee.sensitive',
    'request.review',
    'action.approve',
    'month.approve',
    'deadline.read',
  ],
  viewer: ['employee.read'],
  auditor: ['audit.read'],
};

/** Higher may issue lower or equal; nobody issues above their own rank. */
export const ROLE_RANK: Record<Role, number> = {
  national_admin: 3,
  agency_admin: 2,
  hr_officer: 1,
  approver: 1,
  viewer: 1,
  auditor: 1,
};

export const ROLE_LABELS: Record<Role, string> = {
  national_admin: 'Quản trị quốc gia',
  agency_admin: 'Quản trị cơ quan',
  hr_officer: 'Cán bộ tổ chức',
  approver: 'Người phê duyệt',
  viewer: 'Người xem',
  auditor: 'Kiểm toán nhật ký',
};

/** Data groups holding sensitive personal data (Law 91/2025/QH15), masked unless the role may see them. */
export const SENSITIVE_GROUPS = ['family', 'political', 'assets', 'health'] as const;
/** Identity fields that are sensitive personal data (ethnicity, religion). */
export const SENSITIVE_IDENTITY_FIELDS = ['ethnicCode', 'religionCode'] as const;

export const isSystem = (a: Actor): boolean => a.kind === 'system';

/** Whether the actor holds the permission anywhere (scope is checked separately). */
export function holds(a: Actor, p: Permission): boolean {
  return isSystem(a) || a.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(p));
}

/** The subtree roots where the actor holds the permission; undefined means everywhere (system). */
export function scopeRoots(a: Actor, p: Permission): string[] | undefined {
  if (isSystem(a)) return undefined;
  return a.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(p)).map((g) => g.unitPath);
}

/** The role through which the actor acts on a unit path (for the audit log). */
export function roleFor(a: Actor, p: Permission, unitPath: string): Role | undefined {
  return a.grants.find(
    (g) =>
      ROLE_PERMISSIONS[g.role].includes(p) &&
      (unitPath === g.unitPath || unitPath.startsWith(`${g.unitPath}.`)),
  )?.role;
}

export const pathWithin = (path: string, roots: string[] | undefined): boolean =>
  roots === undefined || roots.some((r) => path === r || path.startsWith(`${r}.`));
