// Split: one unit's people and child units are assigned explicitly to receiving units (new or existing).
// Unless the source is kept, every active person and every open child unit must be assigned, and the
// source closes on the effective date (without a single successor: the operation lists the parts).
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { closeUnit, moveUnit, openChildIds } from '../org-units/index.ts';
import type { OrgUnit } from '../../../api/org-units.ts';
import type { NewRestructuring, SplitPart } from '../../../api/restructuring.ts';
import { assertGoverns, openWritableUnit, within } from './checks.ts';
import { peopleIn, type Affected } from './restructuring.repository.ts';
import { createTarget, rehome, type Op } from './steps.ts';
import { fault } from './faults.ts';

/** Every assignment names someone (or a unit) of the source; without keepSource, everyone is assigned. */
function checkAssignment(parts: SplitPart[], people: Affected[], children: number[], keep: boolean): void {
  const ids = new Set(people.map((p) => p.id));
  for (const [i, part] of parts.entries()) {
    for (const [j, e] of part.employeeIds.entries())
      if (!ids.has(e))
        throw invalid(`/parts/${i}/employeeIds/${j}`, 'Người này không công tác tại đơn vị bị chia tách');
    for (const [j, c] of part.childUnitIds.entries())
      if (!children.includes(c))
        throw invalid(
          `/parts/${i}/childUnitIds/${j}`,
          'Không phải đơn vị trực thuộc của đơn vị bị chia tách',
        );
  }
  if (keep) return;
  const people2 = new Set(parts.flatMap((p) => p.employeeIds));
  const units2 = new Set(parts.flatMap((p) => p.childUnitIds));
  const left = people.filter((p) => !people2.has(p.id));
  if (left.length)
    throw invalid('/parts', `Còn ${left.length} người chưa được phân về phần nào (ví dụ ${left[0]!.id})`);
  const orphan = children.filter((c) => !units2.has(c));
  if (orphan.length)
    throw invalid('/parts', `Còn ${orphan.length} đơn vị trực thuộc chưa được phân (ví dụ ${orphan[0]})`);
}

async function targetsOf(
  ctx: Ctx,
  trx: Tx,
  input: NewRestructuring,
  source: OrgUnit,
  keep: boolean,
): Promise<{ targets: OrgUnit[]; created: number[] }> {
  const targets: OrgUnit[] = [];
  const created: number[] = [];
  for (const [i, part] of input.parts!.entries()) {
    const field = part.targetId !== undefined ? `/parts/${i}/targetId` : `/parts/${i}/newUnit/parentId`;
    const t =
      part.targetId !== undefined
        ? await openWritableUnit(ctx, trx, part.targetId, input.effectiveDate, field)
        : await createTarget(ctx, trx, part.newUnit!, source.parentId, input, `/parts/${i}/newUnit`);
    if (part.targetId === undefined) created.push(t.id);
    if (!keep && within(t.path, source.path))
      throw invalid(field, 'Đơn vị nhận nằm trong đơn vị bị chia tách, mà đơn vị này sẽ thôi hoạt động');
    targets.push(t);
  }
  return { targets, created };
}

export const split: Op = async (ctx, trx, input, out) => {
  const on = input.effectiveDate;
  const keep = input.keepSource === true;
  const source = await openWritableUnit(ctx, trx, input.sourceId!, on, '/sourceId');
  if (!keep) {
    await assertGoverns(ctx, trx, source, '/sourceId');
    if (source.validFrom >= on)
      throw invalid(
        '/effectiveDate',
        `Đơn vị ${source.name} thành lập từ ${source.validFrom}`,
        'INVALID_DATE',
      );
  }
  const children = await openChildIds(trx, source.id, on);
  const people = await peopleIn(trx, [source.id]);
  checkAssignment(input.parts!, people, children, keep);
  const { targets, created } = await targetsOf(ctx, trx, input, source, keep);
  out.created.push(...created);
  await fault('units');
  for (const [i, part] of input.parts!.entries()) {
    for (const c of part.childUnitIds) {
      await moveUnit(ctx, c, { parentId: targets[i]!.id, validFrom: on, decision: input.decision }, trx);
      out.moved.push(c);
    }
  }
  await fault('children');
  for (const [i, part] of input.parts!.entries()) {
    const mine = new Set(part.employeeIds);
    const t = targets[i]!.id;
    const re = (id: number) => (id === source.id ? t : id);
    const group = people.filter((p) => mine.has(p.id));
    await rehome(
      ctx,
      trx,
      input,
      group,
      (p) => ({ managing: re(p.managingUnitId), working: re(p.workingUnitId) }),
      out,
    );
  }
  if (!keep) {
    await closeUnit(ctx, source.id, { validTo: on, decision: input.decision }, trx);
    out.closed.push(source.id);
  }
};
