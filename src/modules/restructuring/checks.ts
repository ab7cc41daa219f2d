// What a restructuring request must hold before anything is written: the fields of its kind (and no
// others), dates that are not in the future, and the actor's authority over every unit it touches.
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { pathWithin, scopeRoots } from '../access/index.ts';
import { getUnit, isOpenOn } from '../org-units/index.ts';
import type { OrgUnit } from '../../../api/org-units.ts';
import type { NewRestructuring, RestructuringKind } from '../../../api/restructuring.ts';

type Field = Exclude<keyof NewRestructuring, 'kind' | 'effectiveDate' | 'decision' | 'legalBasis' | 'note'>;

const FIELDS: Record<RestructuringKind, { required: Field[]; optional: Field[] }> = {
  merge: { required: ['sourceIds'], optional: ['targetId', 'newUnit', 'name'] },
  split: { required: ['sourceId', 'parts'], optional: ['keepSource'] },
  rename: { required: ['unitId', 'name'], optional: [] },
  move: { required: ['unitId', 'parentId'], optional: [] },
};
const ALL_FIELDS: Field[] = [
  'sourceIds',
  'targetId',
  'newUnit',
  'sourceId',
  'parts',
  'keepSource',
  'unitId',
  'name',
  'parentId',
];

/** The shape rules a schema cannot say for a body shared by four kinds; throws with the field path. */
export function checkInput(ctx: Ctx, input: NewRestructuring): void {
  const today = localDate(ctx.now);
  const { required, optional } = FIELDS[input.kind];
  for (const f of required)
    if (input[f] === undefined) throw invalid(`/${f}`, `Thiếu trường ${f} cho thao tác ${input.kind}`);
  for (const f of ALL_FIELDS)
    if (input[f] !== undefined && !required.includes(f) && !optional.includes(f))
      throw invalid(`/${f}`, `Trường ${f} không dùng cho thao tác ${input.kind}`);
  // Decisions taking effect later are recorded on the day they take effect: the current tree, the
  // scope of every role and the projections all follow the state as of today.
  if (input.effectiveDate > today)
    throw invalid(
      '/effectiveDate',
      'Ngày hiệu lực ở tương lai: ghi nhận quyết định sắp xếp vào ngày có hiệu lực',
      'INVALID_DATE',
    );
  if (input.effectiveDate < '1945-09-02')
    throw invalid('/effectiveDate', 'Ngày hiệu lực không hợp lệ', 'INVALID_DATE');
  if (input.decision.date > today)
    throw invalid('/decision/date', 'Ngày quyết định không được ở tương lai', 'INVALID_DATE');
  if (input.kind === 'merge') checkMerge(input);
  if (input.kind === 'split') checkSplit(input);
}

function checkMerge(input: NewRestructuring): void {
  if ((input.targetId === undefined) === (input.newUnit === undefined))
    throw invalid('/targetId', 'Chọn đúng một: đơn vị hiện có (targetId) hoặc đơn vị mới (newUnit)');
  if (input.targetId !== undefined && input.sourceIds!.includes(input.targetId))
    throw invalid('/targetId', 'Đơn vị nhận không được nằm trong danh sách đơn vị bị hợp nhất');
  if (input.name !== undefined && input.targetId === undefined)
    throw invalid('/name', 'Tên mới chỉ dùng khi hợp nhất vào đơn vị hiện có (targetId)');
  if (input.newUnit && input.sourceIds!.length < 2)
    throw invalid('/sourceIds', 'Hợp nhất thành đơn vị mới cần ít nhất hai đơn vị');
}

function checkSplit(input: NewRestructuring): void {
  const seenPeople = new Set<string>();
  const seenUnits = new Set<number>();
  for (const [i, part] of input.parts!.entries()) {
    if ((part.targetId === undefined) === (part.newUnit === undefined))
      throw invalid(`/parts/${i}/targetId`, 'Mỗi phần chọn đúng một: targetId hoặc newUnit');
    if (part.targetId === input.sourceId)
      throw invalid(`/parts/${i}/targetId`, 'Đơn vị nhận không được là đơn vị bị chia tách');
    for (const [j, e] of part.employeeIds.entries()) {
      if (seenPeople.has(e)) throw invalid(`/parts/${i}/employeeIds/${j}`, 'Một người chỉ thuộc một phần');
      seenPeople.add(e);
    }
    for (const [j, u] of part.childUnitIds.entries()) {
      if (seenUnits.has(u)) throw invalid(`/parts/${i}/childUnitIds/${j}`, 'Một đơn vị chỉ thuộc một phần');
      seenUnits.add(u);
    }
  }
}

export const canWrite = (ctx: Ctx, u: { path: string }): boolean =>
  pathWithin(u.path, scopeRoots(ctx.actor, 'org.write'));

export const within = (path: string, root: string): boolean => path === root || path.startsWith(`${root}.`);

/**
 * A unit the operation acts on: it must be in the actor's org.write subtree (else it does not exist for
 * them: 404) and open on the effective date (else the field is wrong: 400).
 */
export async function openWritableUnit(
  ctx: Ctx,
  db: Queryable,
  id: number,
  on: string,
  field: string,
): Promise<OrgUnit> {
  const u = await getUnit(db, id);
  if (!canWrite(ctx, u)) throw notFound('Đơn vị', id);
  if (!isOpenOn(u, on))
    throw invalid(field, `Đơn vị ${u.name} không hoạt động vào ngày ${on}`, 'INVALID_REFERENCE');
  return u;
}

/**
 * Closing, renaming or moving a unit changes its place among its siblings: that is decided by the
 * level above (a province by the national level), so org.write over the parent is needed too.
 */
export async function assertGoverns(ctx: Ctx, db: Queryable, u: OrgUnit, field: string): Promise<void> {
  if (u.parentId === null) throw invalid(field, 'Không thể sắp xếp đơn vị gốc');
  const parent = await getUnit(db, u.parentId);
  if (!canWrite(ctx, parent))
    throw new AppError('FORBIDDEN', `Sắp xếp đơn vị ${u.name} thuộc thẩm quyền của cấp trên`, [
      { field, reason: `needs org.write over the parent unit ${parent.id}` },
    ]);
}
