// Staffing quotas (biên chế) per unit and year, and job positions (vị trí việc làm) per unit.
import type { Queryable } from '../../db/transaction.ts';

export interface QuotaInput {
  civilServants: number;
  publicEmployees: number;
  contractWorkers: number;
  decisionNo: string;
  decisionDate: string;
}

export async function upsertQuota(db: Queryable, unitId: number, year: number, q: QuotaInput, at: Date) {
  const values = {
    civil_servants: q.civilServants,
    public_employees: q.publicEmployees,
    contract_workers: q.contractWorkers,
    decision_no: q.decisionNo,
    decision_date: q.decisionDate,
    updated_at: at,
  };
  await db
    .insertInto('staffing_quotas')
    .values({ unit_id: unitId, year, ...values })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet(values))
    .execute();
}

export async function listQuotas(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('staffing_quotas')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    year: r.year,
    civilServants: r.civil_servants,
    publicEmployees: r.public_employees,
    contractWorkers: r.contract_workers,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
  }));
}

export interface JobPositionInput {
  code: string;
  name: string;
  kind: string;
  requiredRankCode?: string | undefined;
  plannedCount: number;
  validFrom: string;
}

export async function insertJobPosition(
  db: Queryable,
  unitId: number,
  j: JobPositionInput,
  at: Date,
): Promise<number> {
  const r = await db
    .insertInto('job_positions')
    .values({
      unit_id: unitId,
      code: j.code,
      name: j.name,
      kind: j.kind,
      required_rank_code: j.requiredRankCode ?? null,
      planned_count: j.plannedCount,
      valid_from: j.validFrom,
      valid_to: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listJobPositions(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('job_positions as j')
    .leftJoin(
      db
        .selectFrom('employees')
        .select(['job_position_id', (e) => e.fn.countAll<number>().as('n')])
        .where('status', 'in', ['active', 'on_leave'])
        .groupBy('job_position_id')
        .as('f'),
      'f.job_position_id',
      'j.id',
    )
    .select([
      'j.id',
      'j.unit_id',
      'j.code',
      'j.name',
      'j.kind',
      'j.required_rank_code',
      'j.planned_count',
      'j.valid_from',
      'j.valid_to',
      'f.n',
    ])
    .where('j.unit_id', '=', unitId)
    .orderBy('j.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    requiredRankCode: r.required_rank_code,
    plannedCount: r.planned_count,
    filledCount: Number(r.n ?? 0),
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function findJobPosition(db: Queryable, id: number) {
  return db
    .selectFrom('job_positions')
    .select(['id', 'unit_id', 'valid_to'])
    .where('id', '=', id)
    .executeTakeFirst();
}
