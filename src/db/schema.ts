// Kysely's view of the tables. Dates are 'YYYY-MM-DD' strings on both engines (see connect.ts).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface MetaTable {
  key: string;
  value: Json<object>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CatalogEntriesTable {
  catalog: string;
  code: string;
  name: string;
  name_en: string | null;
  sort_order: number;
  data: Json<Record<string, unknown>>;
}

export interface OrgUnitsTable {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  province_code: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_id: number | null;
  search_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitHistoryTable {
  id: Generated<number>;
  unit_id: number;
  change: 'create' | 'rename' | 'move' | 'close';
  valid_from: string;
  name: string;
  parent_id: number | null;
  decision: Json<Record<string, unknown> | null>;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface StaffingQuotasTable {
  unit_id: number;
  year: number;
  civil_servants: number;
  public_employees: number;
  contract_workers: number;
  decision_no: string;
  decision_date: string;
  updated_at: Timestamp;
}

export interface JobPositionsTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  kind: string;
  required_rank_code: string | null;
  planned_count: number;
  valid_from: string;
  valid_to: string | null;
  created_at: Timestamp;
}

export interface EmployeesTable {
  id: string;
  person_id: string;
  full_name: string;
  search_name: string;
  sort_key: string;
  birth_date: string;
  sex: 'M' | 'F';
  ethnic_code: string | null;
  religion_code: string | null;
  category: string;
  status: string;
  managing_unit_id: number;
  working_unit_id: number;
  rank_code: string | null;
  salary_group: string | null;
  salary_step: number | null;
  salary_coefficient: number | null;
  position_title: string | null;
  job_position_id: number | null;
  record: Json<object>;
  action_count: number;
  /** 2 once folded by a version that knows the typed content (migration 0015). */
  content_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonnelActionsTable {
  id: Generated<number>; // may be pre-allocated with nextActionIds()
  employee_id: string;
  seq: number;
  type: string;
  effective_date: string;
  decision_no: string | null;
  decision_date: string | null;
  signer_name: string | null;
  signer_title: string | null;
  issuing_body: string | null;
  legal_basis: string | null;
  payload: Json<Record<string, unknown>>;
  target_action_id: number | null;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  request_id: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  role: string | null;
  ip: string | null;
  subject_id: string | null;
  unit_path: string | null;
  /** HMAC of the event's fields, written with it; the sealer checks it before linking the event. */
  mac: string | null;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
}

/** The hash chain over audit_events, appended by the one sealer (migration 0016). */
export interface AuditSealsTable {
  seq: number;
  event_id: number;
  prev_hash: string;
  hash: string;
  sealed_at: Timestamp;
}

/** Events written but not yet sealed. */
export interface AuditPendingTable {
  event_id: number;
}

/** Signed statements of the chain's length and head (Ed25519, the node's key). */
export interface AuditCheckpointsTable {
  seq: number;
  head: string;
  at: Timestamp;
  key_id: string;
  signature: string;
}

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  employee_id: string | null;
  home_unit_id: number;
  password_hash: string;
  must_change_password: boolean;
  password_changed_at: Timestamp | null;
  totp_secret: string | null;
  totp_last_step: number | null;
  mfa_enrolled_at: Timestamp | null;
  status: 'active' | 'disabled';
  expires_at: Timestamp | null;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleBindingsTable {
  id: Generated<number>;
  account_id: string;
  role: string;
  unit_id: number;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  stage: 'mfa_enrol' | 'mfa' | 'password' | 'active';
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

// 0003_workflows
export interface CalendarExceptionsTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  day: string;
  is_working: boolean;
  ordinal: number;
}

export interface ChangeRequestsTable {
  id: string;
  employee_id: string;
  kind: 'declaration' | 'hr_action';
  action: Json<Record<string, unknown>>;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  submitted_by: string;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  applied_action_id: number | null;
}

export interface RequestFilesTable {
  id: Generated<number>;
  request_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface MonthlyApprovalsTable {
  id: string;
  unit_id: number;
  month: string;
  covers_from: Timestamp;
  covers_to: Timestamp;
  manifest: Buffer;
  manifest_sha256: string;
  action_count: number;
  signature: Buffer;
  signer_subject: string;
  signer_serial: string;
  signed_by: string;
  signed_at: Timestamp;
}

export interface ConsentsTable {
  id: string;
  employee_id: string;
  requester_id: string;
  purpose: string;
  groups: string[];
  valid_from: string;
  valid_until: string;
  status: 'pending' | 'granted' | 'refused' | 'revoked';
  requested_at: Timestamp;
  answered_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface OrgRestructuringsTable {
  id: Generated<number>;
  kind: 'merge' | 'split' | 'rename' | 'move';
  effective_date: string;
  decision: Json<Record<string, unknown>>;
  legal_basis: string | null;
  note: string | null;
  input: Json<Record<string, unknown>>;
  result: Json<Record<string, unknown>>;
  recorded_at: Timestamp;
  recorded_by: string;
  request_id: string | null;
}

export interface TransfersTable {
  id: Generated<number>;
  employee_id: string;
  action_id: number;
  from_unit_id: number;
  to_unit_id: number;
  to_working_unit_id: number;
  effective_date: string;
  decision: Json<Record<string, unknown>>;
  decided_at: Timestamp;
  decided_by: string;
  received_at: Timestamp | null;
  received_by: string | null;
  account_id: string | null;
}

/** A signed electronic extract in the registry (migration 0005). */
export interface ExtractsTable {
  id: string;
  number: string;
  code: string;
  employee_id: string;
  unit_id: number;
  issued_by: string;
  issuer_account_id: string | null;
  issued_at: Timestamp;
  pdf_sha256: string;
  json_sha256: string;
  summary: Json<object>;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

// 0009_federation
export interface FederationNodesTable {
  code: string;
  scope_code: string;
  public_key: string;
  registered_at: Timestamp;
  registered_by: string;
  last_batch_at: Timestamp | null;
  last_pull_at: Timestamp | null;
}

export interface FederationOwnersTable {
  employee_id: string;
  node_code: string;
  updated_at: Timestamp;
}

export interface FederationDeliveriesTable {
  node_code: string;
  employee_id: string;
  seq: number;
}

export interface FederationOutboxTable {
  employee_id: string;
  acked_seq: number;
  acked_at: Timestamp;
}

export interface FederationStateTable {
  key: string;
  value: Json<object>;
  updated_at: Timestamp;
}

// 0011_federation_downflow
export interface FederationRoutedActionsTable {
  id: string;
  employee_id: string;
  node_code: string;
  action: Json<object>;
  requested_by: string;
  requested_by_name: string;
  requested_by_account: string | null;
  requested_at: Timestamp;
  status: ColumnType<'pending' | 'applied' | 'refused', 'pending' | 'applied' | 'refused' | undefined>;
  seq: number | null;
  code: string | null;
  reason: string | null;
  decided_at: Timestamp | null;
}

export interface FederationRoutedReceivedTable {
  id: string;
  employee_id: string;
  status: 'applied' | 'refused';
  seq: number | null;
  code: string | null;
  reason: string | null;
  received_at: Timestamp;
  reported_at: Timestamp | null;
}

// 0007_sharing
export interface SharingClientsTable {
  id: string;
  name: string;
  owner_body: string;
  contact: string;
  status: 'active' | 'suspended';
  auth_method: 'client_secret' | 'private_key_jwt';
  secret_hash: string | null;
  public_jwk: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  scopes: string[];
  fields: string[];
  purposes: string[];
  unit_ids: number[];
  rate_per_minute: number;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  secret_rotated_at: Timestamp | null;
  suspended_at: Timestamp | null;
}

export interface SharingAssertionsTable {
  client_id: string;
  jti: string;
  expires_at: Timestamp;
}

// 0012_sharing_rate_limit
export interface RateWindowsTable {
  bucket: string;
  window_start: Timestamp;
  calls: number;
}

/** A bulk import job (migration 0008). */
export interface ImportsTable {
  id: string;
  actor: string;
  unit_path: string | null;
  file_name: string;
  file_sha256: string;
  format: string;
  valid_only: boolean;
  dry_run: boolean;
  status: string;
  rows_total: number;
  rows_invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  issues: Json<unknown[]>;
  issues_total: number;
  error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  timings: Json<Record<string, number>>;
}

export interface DB {
  accounts: AccountsTable;
  role_bindings: RoleBindingsTable;
  sessions: SessionsTable;
  meta: MetaTable;
  catalog_entries: CatalogEntriesTable;
  org_units: OrgUnitsTable;
  org_unit_history: OrgUnitHistoryTable;
  staffing_quotas: StaffingQuotasTable;
  job_positions: JobPositionsTable;
  employees: EmployeesTable;
  personnel_actions: PersonnelActionsTable;
  audit_events: AuditEventsTable;
  audit_seals: AuditSealsTable;
  audit_pending: AuditPendingTable;
  audit_checkpoints: AuditCheckpointsTable;
  calendar_exceptions: CalendarExceptionsTable;
  calendar_days: CalendarDaysTable;
  change_requests: ChangeRequestsTable;
  request_files: RequestFilesTable;
  monthly_approvals: MonthlyApprovalsTable;
  consents: ConsentsTable;
  notifications: NotificationsTable;
  org_restructurings: OrgRestructuringsTable;
  transfers: TransfersTable;
  extracts: ExtractsTable;
  imports: ImportsTable;
  sharing_clients: SharingClientsTable;
  sharing_assertions: SharingAssertionsTable;
  rate_windows: RateWindowsTable;
  federation_nodes: FederationNodesTable;
  federation_owners: FederationOwnersTable;
  federation_deliveries: FederationDeliveriesTable;
  federation_outbox: FederationOutboxTable;
  federation_state: FederationStateTable;
  federation_routed_actions: FederationRoutedActionsTable;
  federation_routed_received: FederationRoutedReceivedTable;
}
