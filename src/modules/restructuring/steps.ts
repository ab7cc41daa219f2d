// Steps shared by the operations: create a receiving unit, re-home people by ledger actions.
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { pathWithin, scopeRoots } from '../access/index.ts';
import { createUnits } from '../org-units/index.ts';
import { appendAction } from '../personnel-actions/index.ts';
import type { OrgUnit } from '../../../api/org-units.ts';
import type { NewRestructuring, NewUnitSpec, RestructuringResult } from '../../../api/restructuring.ts';
import { openWritableUnit } from './checks.ts';
import type { Affected } from './restructuring.repository.ts';
import { fault } from './faults.ts';

export type Op = (ctx: Ctx, trx: Tx, input: NewRestructuring, out: RestructuringResult) => Promise<void>;

/** Creates a receiving unit open from the effective date; its parent defaults to `defaultParent`. */
export async function createTarget(
  ctx: Ctx,
  trx: Tx,
  spec: NewUnitSpec,
  defaultParent: number | null,
  input: NewRestructuring,
  field: string,
): Promise<OrgUnit> {
  const parentId = spec.parentId ?? defaultParent;
  if (parentId === null) throw invalid(`${field}/parentId`, 'Cần đơn vị cấp trên cho đơn vị mới');
  const parent = await openWritableUnit(ctx, trx, parentId, input.effectiveDate, `${field}/parentId`);
  const [unit] = await createUnits(ctx, trx, [
    {
      code: spec.code,
      name: spec.name,
      kind: spec.kind,
      parentId: parent.id,
      validFrom: input.effectiveDate,
      ...(spec.provinceCode ? { provinceCode: spec.provinceCode } : {}),
      decision: input.decision,
    },
  ]);
  return unit!;
}

/** Re-homes each person by a transfer action dated the effective date, citing the decision. */
export async function rehome(
  ctx: Ctx,
  trx: Tx,
  input: NewRestructuring,
  people: Affected[],
  to: (p: Affected) => { managing: number; working: number },
  out: RestructuringResult,
): Promise<void> {
  const roots = scopeRoots(ctx.actor, 'org.write');
  for (const p of people) {
    if (!pathWithin(p.managingPath, roots))
      throw invalid(
        input.kind === 'merge' ? '/sourceIds' : '/sourceId',
        `Hồ sơ ${p.id} do đơn vị ngoài phạm vi của bạn quản lý: cần cấp có thẩm quyền với đơn vị quản lý`,
        'INVALID_STATE',
      );
    const t = to(p);
    const { action } = await appendAction(
      ctx,
      p.id,
      {
        type: 'transfer',
        effectiveDate: input.effectiveDate,
        decision: input.decision,
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        note: `Sắp xếp tổ chức (${input.kind}) theo quyết định ${input.decision.number}`,
        payload: { managingUnitId: t.managing, workingUnitId: t.working },
      },
      { trx, permission: 'org.write' },
    );
    out.actionIds.push(action.id);
    out.rehomed += 1;
    await fault('person');
  }
}
