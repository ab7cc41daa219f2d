// Org units: a dated tree. Every change is a dated fact (org_unit_history), so past dates show the
// structure as it was; the current path (ltree) serves fast subtree queries.
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { searchKey, viCollator } from '../../platform/text.ts';
import { inTransaction, withTransaction, type Queryable, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { reference } from '../catalogs/index.ts';
import { isSystem, pathWithin, scopeRoots } from '../access/index.ts';
import type {
  CloseOrgUnit,
  CreateOrgUnit,
  CreateJobPosition,
  ListQuery,
  MoveOrgUnit,
  OrgUnit,
  Quota,
  RenameOrgUnit,
  TreeNode,
} from '../../../api/org-units.ts';
import * as repo from './org-units.repository.ts';
import * as staffing from './staffing.repository.ts';

/** Org structure is public administrative information; changing it needs org.write over the unit. */
const canWrite = (ctx: Ctx, u: OrgUnit): boolean => pathWithin(u.path, scopeRoots(ctx.actor, 'org.write'));

/**
 * Federation seam: on a ministry/province node the structure (units, quotas, job positions) is the
 * national node's, shared down; the federation module installs a guard that refuses local changes.
 */
let orgWriteGuard: (() => void) | undefined;
export const setOrgWriteGuard = (guard: (() => void) | undefined): void => void (orgWriteGuard = guard);

/** The unit, if the actor may change it; outside their subtree it does not exist for them (404). */
async function getWritableUnit(ctx: Ctx, trx: Queryable, id: number): Promise<OrgUnit> {
  orgWriteGuard?.();
  const u = await getUnit(trx, id);
  if (!canWrite(ctx, u)) throw notFound('Đơn vị', id);
  return u;
}

export const isOpenOn = (u: OrgUnit, on: string): boolean =>
  u.validFrom <= on && (u.validTo === null || u.validTo > on);

export async function getUnit(db: Queryable, id: number): Promise<OrgUnit> {
  const u = await repo.findUnit(db, id);
  if (!u) throw notFound('Đơn vị', id);
  return u;
}

/** The unit, which must exist and be open on the given date; `field` names the input that referenced it. */
export async function getOpenUnit(db: Queryable, id: number, on: string, field: string): Promise<OrgUnit> {
  const u = await repo.findUnit(db, id);
  if (!u) throw invalid(field, `Đơn vị ${id} không tồn tại`, 'INVALID_REFERENCE');
  if (!isOpenOn(u, on))
    throw invalid(field, `Đơn vị ${u.name} không hoạt động vào ngày ${on}`, 'INVALID_REFERENCE');
  return u;
}

export async function createUnits(
  ctx: Ctx,
  trx: Queryable,
  inputs: Static<typeof CreateOrgUnit>[],
): Promise<OrgUnit[]> {
  orgWriteGuard?.();
  const ids = await repo.nextUnitIds(trx, inputs.length);
  const created = new Map<number, OrgUnit>();
  const rows: repo.NewUnitRow[] = [];
  for (const [i, input] of inputs.entries()) {
    const id = ids[i]!;
    let parent: OrgUnit | undefined;
    if (input.parentId !== undefined) {
      parent =
        created.get(input.parentId) ?? (await getOpenUnit(trx, input.parentId, input.validFrom, '/parentId'));
      if (!isOpenOn(parent, input.validFrom))
        throw invalid('/parentId', 'Đơn vị cấp trên chưa hoặc đã thôi hoạt động');
      if (!created.has(parent.id) && !canWrite(ctx, parent)) {
        throw invalid('/parentId', `Đơn vị ${parent.id} không tồn tại`, 'INVALID_REFERENCE');
      }
    } else if (input.kind !== 'national') {
      throw invalid('/parentId', 'Chỉ đơn vị cấp quốc gia mới không có đơn vị cấp trên');
    } else if (!isSystem(ctx.actor)) {
      throw new AppError('FORBIDDEN', 'Chỉ hệ thống mới tạo được đơn vị gốc', [
        { field: '/kind', reason: 'root units are created at installation' },
      ]);
    }
    const row: repo.NewUnitRow = {
      id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      parent_id: parent?.id ?? null,
      path: parent ? `${parent.path}.u${id}` : `u${id}`,
      province_code: input.provinceCode ?? parent?.provinceCode ?? null,
      valid_from: input.validFrom,
      valid_to: null,
      successor_id: null,
      search_name: searchKey(`${input.code} ${input.name}`),
    };
    rows.push(row);
    created.set(id, repo.toUnit(row));
  }
  await repo.insertUnits(trx, rows, ctx.now, ctx.actor.id);
  return [...created.values()];
}

export async function createUnit(ctx: Ctx, input: Static<typeof CreateOrgUnit>): Promise<OrgUnit> {
  return inTransaction(ctx.db, async (trx) => {
    const [unit] = await createUnits(ctx, trx, [input]);
    await audit(ctx, trx, {
      action: 'org_unit.create',
      entity: 'org_unit',
      entityId: unit!.id,
      unitPath: unit!.path,
      details: input,
    });
    return unit!;
  });
}

function notInFuture(ctx: Ctx, validFrom: string): void {
  // A dated change takes effect in the current state at once; changes decided ahead of their date
  // belong to restructuring operations, which apply them when the day comes.
  if (validFrom > localDate(ctx.now))
    throw invalid('/validFrom', 'Ngày hiệu lực không được ở tương lai', 'INVALID_DATE');
}

/** Brings the current name, parent and path in line with the dated facts as of today. */
async function syncCurrent(ctx: Ctx, trx: Queryable, u: OrgUnit): Promise<OrgUnit> {
  const facts = await repo.factsOn(trx, u.id, localDate(ctx.now));
  if (facts.name !== u.name)
    await repo.updateName(trx, u.id, facts.name, searchKey(`${u.code} ${facts.name}`), ctx.now);
  if (facts.parentId !== u.parentId && facts.parentId !== null) {
    const parent = await getUnit(trx, facts.parentId);
    await repo.moveSubtree(trx, u.id, u.path, `${parent.path}.u${u.id}`, parent.id, ctx.now);
  }
  return getUnit(trx, u.id);
}

/** Renames a unit; a restructuring passes its own transaction so the rename lands with the rest. */
export async function renameUnit(
  ctx: Ctx,
  id: number,
  input: Static<typeof RenameOrgUnit>,
  outer?: Tx,
): Promise<OrgUnit> {
  notInFuture(ctx, input.validFrom);
  return withTransaction(ctx.db, outer, async (trx) => {
    const u = await getWritableUnit(ctx, trx, id);
    if (!isOpenOn(u, input.validFrom)) throw invalid('/validFrom', 'Đơn vị không hoạt động vào ngày đổi tên');
    const change = {
      unitId: id,
      change: 'rename' as const,
      validFrom: input.validFrom,
      name: input.name,
      parentId: u.parentId,
      decision: input.decision,
    };
    await repo.recordHistory(trx, change, ctx.now, ctx.actor.id);
    const after = await syncCurrent(ctx, trx, u);
    await audit(ctx, trx, {
      action: 'org_unit.rename',
      entity: 'org_unit',
      entityId: id,
      unitPath: u.path,
      details: { from: u.name, ...input },
    });
    return after;
  });
}

/** Re-parents a unit (and its subtree); a restructuring passes its own transaction. */
export async function moveUnit(
  ctx: Ctx,
  id: number,
  input: Static<typeof MoveOrgUnit>,
  outer?: Tx,
): Promise<OrgUnit> {
  notInFuture(ctx, input.validFrom);
  return withTransaction(ctx.db, outer, async (trx) => {
    const u = await getWritableUnit(ctx, trx, id);
    if (u.parentId === null) throw invalid('/parentId', 'Không thể chuyển đơn vị gốc');
    if (!isOpenOn(u, input.validFrom)) throw invalid('/validFrom', 'Đơn vị không hoạt động vào ngày chuyển');
    const parent = await getOpenUnit(trx, input.parentId, input.validFrom, '/parentId');
    if (!canWrite(ctx, parent))
      throw invalid('/parentId', `Đơn vị ${parent.id} không tồn tại`, 'INVALID_REFERENCE');
    if (parent.path === u.path || parent.path.startsWith(`${u.path}.`)) {
      throw invalid('/parentId', 'Không thể chuyển đơn vị vào chính cây con của nó');
    }
    const change = {
      unitId: id,
      change: 'move' as const,
      validFrom: input.validFrom,
      name: u.name,
      parentId: parent.id,
      decision: input.decision,
    };
    await repo.recordHistory(trx, change, ctx.now, ctx.actor.id);
    const after = await syncCurrent(ctx, trx, u);
    await audit(ctx, trx, {
      action: 'org_unit.move',
      entity: 'org_unit',
      entityId: id,
      unitPath: u.path,
      details: { fromParentId: u.parentId, ...input },
    });
    return after;
  });
}

/** Closes a unit; restructuring and seeding pass their own transaction to close many at once. */
export async function closeUnit(
  ctx: Ctx,
  id: number,
  input: Static<typeof CloseOrgUnit>,
  outer?: Tx,
): Promise<OrgUnit> {
  return withTransaction(ctx.db, outer, async (trx) => {
    const u = await getWritableUnit(ctx, trx, id);
    if (u.validTo !== null) {
      throw new AppError('INVALID_STATE', 'Đơn vị đã thôi hoạt động', [
        { field: '/validTo', reason: `closed on ${u.validTo}` },
      ]);
    }
    if (input.validTo <= u.validFrom)
      throw invalid('/validTo', 'Ngày thôi hoạt động phải sau ngày thành lập');
    if (input.successorId !== undefined)
      await getOpenUnit(trx, input.successorId, input.validTo, '/successorId');
    if ((await repo.countOpenChildren(trx, id, input.validTo)) > 0) {
      throw new AppError('INVALID_STATE', 'Đơn vị còn đơn vị trực thuộc đang hoạt động', [
        { field: '/validTo', reason: 'close or move the child units first' },
      ]);
    }
    if ((await repo.countActiveEmployeesIn(trx, id)) > 0) {
      throw new AppError('INVALID_STATE', 'Đơn vị còn người đang công tác', [
        { field: '/validTo', reason: 're-home its people by personnel actions first' },
      ]);
    }
    await repo.recordHistory(
      trx,
      {
        unitId: id,
        change: 'close',
        validFrom: input.validTo,
        name: u.name,
        parentId: u.parentId,
        decision: input.decision,
      },
      ctx.now,
      ctx.actor.id,
    );
    await repo.closeUnit(trx, id, input.validTo, input.successorId ?? null, ctx.now);
    await audit(ctx, trx, {
      action: 'org_unit.close',
      entity: 'org_unit',
      entityId: id,
      unitPath: u.path,
      details: input,
    });
    return { ...u, validTo: input.validTo, successorId: input.successorId ?? null };
  });
}

export function listUnits(ctx: Ctx, q: Static<typeof ListQuery>): Promise<OrgUnit[]> {
  return repo.listUnits(ctx.db, {
    parentId: q.parentId,
    kind: q.kind,
    searchKey: q.q ? searchKey(q.q) : undefined,
    includeClosed: q.includeClosed,
    limit: q.limit ?? 100,
  });
}

export async function ancestors(ctx: Ctx, id: number): Promise<OrgUnit[]> {
  const u = await getUnit(ctx.db, id);
  return repo.ancestorsOf(ctx.db, u.path);
}

/** The subtree in depth-first order, siblings in Vietnamese alphabetical order. */
export async function tree(
  ctx: Ctx,
  id: number,
  asOf: string | undefined,
  maxDepth = 20,
): Promise<TreeNode[]> {
  await getUnit(ctx.db, id);
  const on = asOf ?? localDate(ctx.now);
  const nodes = await repo.subtreeAsOf(ctx.db, id, on, maxDepth);
  if (nodes.length === 0)
    throw new AppError('NOT_FOUND', `Đơn vị ${id} không hoạt động vào ngày ${on}`, [
      { field: 'querystring/asOf', reason: 'unit not open on that date' },
    ]);
  const children = new Map<number | null, TreeNode[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const out: TreeNode[] = [];
  const visit = (n: TreeNode) => {
    out.push(n);
    for (const c of (children.get(n.id) ?? []).sort((a, b) => viCollator.compare(a.name, b.name))) visit(c);
  };
  visit(nodes.find((n) => n.id === id)!);
  return out;
}

export async function setQuota(ctx: Ctx, unitId: number, year: number, q: Static<typeof Quota>, outer?: Tx) {
  return withTransaction(ctx.db, outer, async (trx) => {
    const unit = await getWritableUnit(ctx, trx, unitId);
    await staffing.upsertQuota(trx, unitId, year, q, ctx.now);
    await audit(ctx, trx, {
      action: 'org_unit.quota',
      entity: 'org_unit',
      entityId: unitId,
      unitPath: unit.path,
      details: { year, ...q },
    });
    return { unitId, year, ...q };
  });
}

export async function quotas(ctx: Ctx, unitId: number) {
  await getUnit(ctx.db, unitId);
  return staffing.listQuotas(ctx.db, unitId);
}

export async function addJobPosition(
  ctx: Ctx,
  unitId: number,
  j: Static<typeof CreateJobPosition>,
  outer?: Tx,
) {
  return withTransaction(ctx.db, outer, async (trx) => {
    await getWritableUnit(ctx, trx, unitId);
    const u = await getOpenUnit(trx, unitId, j.validFrom, 'params/id');
    if (j.requiredRankCode !== undefined) {
      if (!reference().ranks.has(j.requiredRankCode))
        throw invalid('/requiredRankCode', `Mã ngạch ${j.requiredRankCode} không có trong danh mục`);
    }
    const id = await staffing.insertJobPosition(trx, u.id, j, ctx.now);
    await audit(ctx, trx, {
      action: 'job_position.create',
      entity: 'org_unit',
      entityId: unitId,
      unitPath: u.path,
      details: { id, ...j },
    });
    return {
      id,
      unitId,
      code: j.code,
      name: j.name,
      kind: j.kind,
      requiredRankCode: j.requiredRankCode ?? null,
      plannedCount: j.plannedCount,
      filledCount: 0,
      validFrom: j.validFrom,
      validTo: null,
    };
  });
}

export async function jobPositions(ctx: Ctx, unitId: number) {
  await getUnit(ctx.db, unitId);
  return staffing.listJobPositions(ctx.db, unitId);
}

export { findJobPosition } from './staffing.repository.ts';
