// Typed calls of the API. Types come from api/ (type-only imports: nothing of the server is bundled).
// A page for a new API adds its calls here.
import type { Me, SignInState, MfaEnrolment, AccountPage } from '../../../api/accounts.ts';
import type { EmployeeSummary, ERecord } from '../../../api/employees.ts';
import type { Action, NewAction } from '../../../api/personnel-actions.ts';
import type { Static } from 'typebox';
import type { OrgUnit, TreeNode, JobPosition as JobPositionSchema } from '../../../api/org-units.ts';
import type { AccessLogPage, AuditEventPage, AuditVerifyResult } from '../../../api/audit.ts';
import type { BackupItem, BackupList } from '../../../api/backups.ts';
import type {
  ApprovalVerification,
  CalendarDay,
  CalendarYear,
  ChangeRequest,
  Consent,
  DeadlineItem,
  DeadlineSummaryRow,
  Inbox as InboxSchema,
  Manifest as ManifestSchema,
  MonthlyApproval,
  NewConsent,
  NewDeclaration,
} from '../../../api/workflows.ts';
import type { IssuedExtract } from '../../../api/extracts.ts';
import { get, post, request } from './client.ts';

const V1 = '/api/v1';

export type JobPosition = Static<typeof JobPositionSchema>;
export type RecordView = ERecord & { unitNames: Record<string, string> };
export interface EmployeePage {
  items: EmployeeSummary[];
  nextCursor: string | null;
}
export interface QuotaRow {
  unitId: number;
  year: number;
  civilServants: number;
  publicEmployees: number;
  contractWorkers: number;
  decisionNo: string;
  decisionDate: string;
}
export interface Headcount {
  unitId: number;
  by: string;
  total: number;
  groups: { key: string | null; count: number }[];
}
export type { Me, SignInState, EmployeeSummary, Action, OrgUnit, TreeNode, BackupItem };

export const auth = {
  session: () => request<SignInState>('GET', `${V1}/auth/session`, { isSignIn: true }),
  login: (username: string, password: string) =>
    request<SignInState>('POST', `${V1}/auth/login`, { body: { username, password }, isSignIn: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<SignInState>('POST', `${V1}/auth/password`, {
      body: { currentPassword, newPassword },
      isSignIn: true,
    }),
  enrol: () => request<MfaEnrolment>('POST', `${V1}/auth/mfa/enroll`, { isSignIn: true }),
  confirm: (code: string) =>
    request<SignInState>('POST', `${V1}/auth/mfa/confirm`, { body: { code }, isSignIn: true }),
  mfa: (code: string) => request<SignInState>('POST', `${V1}/auth/mfa`, { body: { code }, isSignIn: true }),
  logout: () => request<{ ok: boolean }>('POST', `${V1}/auth/logout`, { isSignIn: true }),
  me: () => get<Me>(`${V1}/me`),
  /** /me without the "session ended" signal on 401 (asked before the session is known). */
  meQuiet: () => request<Me>('GET', `${V1}/me`, { isSignIn: true }),
};

export interface SearchFilters {
  q?: string;
  category?: string;
  status?: string;
  sex?: string;
  unitId?: number;
}

export const employees = {
  search: (f: SearchFilters, cursor?: string, signal?: AbortSignal) =>
    get<EmployeePage>(`${V1}/employees`, { ...f, cursor, limit: 100 }, signal),
  record: (id: string, asOf?: string) => get<RecordView>(`${V1}/employees/${id}`, { asOf }),
  actions: (id: string) => get<Action[]>(`${V1}/employees/${id}/actions`),
  /** A signed extract (PDF + JSON), registered with a verification code. */
  issueExtract: (id: string) => post<IssuedExtract>(`${V1}/employees/${id}/extracts`),
  headcount: (unitId: number, by: string) => get<Headcount>(`${V1}/employees/headcount`, { unitId, by }),
  /** Straight to the ledger: national administrators (permission action.record). */
  recordAction: (id: string, body: NewAction) => post<unknown>(`${V1}/employees/${id}/actions`, body),
  /** Maker-checker: an officer's draft reaches the ledger when an approver applies it. */
  draftAction: (id: string, body: NewAction & { files?: unknown[] }) =>
    post<unknown>(`${V1}/employees/${id}/drafts`, body),
};

export const org = {
  unit: (id: number) => get<OrgUnit>(`${V1}/org-units/${id}`),
  tree: (id: number, asOf?: string, maxDepth?: number) =>
    get<TreeNode[]>(`${V1}/org-units/${id}/tree`, { asOf, maxDepth }),
  quotas: (id: number) => get<QuotaRow[]>(`${V1}/org-units/${id}/quotas`),
  positions: (id: number) => get<JobPosition[]>(`${V1}/org-units/${id}/job-positions`),
};

export const self = {
  accessLog: (cursor?: string) => get<AccessLogPage>(`${V1}/me/access-log`, { cursor, limit: 100 }),
};

export const admin = {
  accounts: (q?: string, after?: string) => get<AccountPage>(`${V1}/accounts`, { q, after, limit: 100 }),
  auditEvents: (cursor?: string) => get<AuditEventPage>(`${V1}/audit/events`, { cursor, limit: 100 }),
  auditVerify: () => get<AuditVerifyResult>(`${V1}/audit/verify`),
  backups: () => get<BackupList>(`${V1}/backups`),
  runBackup: () => post<unknown>(`${V1}/backups`),
};

export const requests = {
  list: (status?: ChangeRequest['status']) => get<ChangeRequest[]>(`${V1}/requests`, { status, limit: 200 }),
  approve: (id: string) => post<ChangeRequest>(`${V1}/requests/${id}/approve`),
  reject: (id: string, reason: string) => post<ChangeRequest>(`${V1}/requests/${id}/reject`, { reason }),
};

export const deadlines = {
  summary: () => get<DeadlineSummaryRow[]>(`${V1}/deadlines/summary`),
  list: (rule?: string, status?: string) =>
    get<DeadlineItem[]>(`${V1}/deadlines`, { rule, status, limit: 500 }),
};

export type { ChangeRequest, Consent, DeadlineItem, DeadlineSummaryRow, MonthlyApproval };
export type Manifest = Static<typeof ManifestSchema>;
export type Verification = Static<typeof ApprovalVerification>;
export type Day = Static<typeof CalendarDay>;
export type Year = Static<typeof CalendarYear>;
export type Notifications = Static<typeof InboxSchema>;

/** Self-service: the person's own declarations and the consent asks about their record. */
export const mine = {
  requests: () => get<ChangeRequest[]>(`${V1}/me/requests`),
  declare: (body: NewDeclaration) => post<ChangeRequest>(`${V1}/me/requests`, body),
  withdraw: (id: string) => post<ChangeRequest>(`${V1}/requests/${id}/withdraw`),
  consents: () => get<Consent[]>(`${V1}/me/consents`),
  answer: (id: string, verb: 'accept' | 'refuse' | 'revoke') =>
    post<Consent>(`${V1}/me/consents/${id}/${verb}`),
};

/** Staff asking a person's consent to read their record (Decree 27 Art. 20). */
export const consents = {
  list: () => get<Consent[]>(`${V1}/consents`),
  ask: (body: NewConsent) => post<Consent>(`${V1}/consents`, body),
  record: (id: string) => get<ERecord & { masked?: string[] }>(`${V1}/consents/${id}/record`),
};

export const approvals = {
  manifest: (unitId: number, month: string) =>
    get<Manifest>(`${V1}/monthly-approvals/manifest`, { unitId, month }),
  /** No signature: the node signs remotely with the signer it holds. */
  sign: (unitId: number, month: string, coversTo: string) =>
    post<MonthlyApproval>(`${V1}/monthly-approvals`, { unitId, month, coversTo }),
  list: () => get<MonthlyApproval[]>(`${V1}/monthly-approvals`),
  verify: (id: string) => get<Verification>(`${V1}/monthly-approvals/${id}/verify`),
};

export const calendar = {
  year: (year: number) => get<Year>(`${V1}/calendar/${year}`),
  set: (d: Day) => request<Day>('PUT', `${V1}/calendar/days/${d.day}`, { body: d }),
  remove: (day: string) => request<unknown>('DELETE', `${V1}/calendar/days/${day}`),
};

export const notifications = {
  inbox: () => get<Notifications>(`${V1}/me/notifications`, { limit: 20 }),
  read: (id: number) => post<unknown>(`${V1}/me/notifications/${id}/read`),
  readAll: () => post<unknown>(`${V1}/me/notifications/read-all`),
};
