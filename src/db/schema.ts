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
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface DB {
  meta: MetaTable;
  catalog_entries: CatalogEntriesTable;
  org_units: OrgUnitsTable;
  org_unit_history: OrgUnitHistoryTable;
  staffing_quotas: StaffingQuotasTable;
  job_positions: JobPositionsTable;
  employees: EmployeesTable;
  personnel_actions: PersonnelActionsTable;
  audit_events: AuditEventsTable;
}
