// The four restructuring operations, each inside the caller's transaction. Units change through the
// org-units service (dated history, current tree, audit), people through the ledger (a `transfer`
// action dated the effective date, citing the restructuring decision), in this order: create the
// receiving units, re-parent child units, re-home people, close what is closed.
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { closeUnit, moveUnit, openChildIds, renameUnit } from '../org-units/index.ts';
import type { OrgUnit } from '../../../api/org-units.ts';
import type { NewRestructuring, RestructuringResult } from '../../../api/restructuring.ts';
import { assertGoverns, openWritableUnit, within } from './checks.ts';
import { peopleIn } from './restructuring.repository.ts';
import { createTarget, rehome, type Op } from './steps.ts';
import { fault } from './faults.ts';

/** Moves the source's open children under the target, re-homes its people, closes it. */
async function absorb(
  ctx: Ctx,
  trx: Tx,
  input: NewRestructuring,
  source: OrgUnit,
  target: OrgUnit,
  out: RestructuringResult,
): Promise<void> {
  const on = input.effectiveDate;
  for (const child of await openChildIds(trx, source.id, on)) {
    await moveUnit(ctx, child, { parentId: target.id, validFrom: on, decision: input.decision }, trx);
    out.moved.push(child);
  }
  await fault('children');
  const people = await peopleIn(trx, [source.id]);
  const re = (id: number) => (id === source.id ? target.id : id);
  await rehome(
    ctx,
    trx,
    input,
    people,
    (p) => ({ managing: re(p.managingUnitId), working: re(p.workingUnitId) }),
    out,
  );
  await closeUnit(ctx, source.id, { validTo: on, successorId: target.id, decision: input.decision }, trx);
  out.closed.push(source.id);
}

async function sourcesOf(ctx: Ctx, trx: Tx, input: NewRestructuring): Promise<OrgUnit[]> {
  const sources: OrgUnit[] = [];
  for (const [i, id] of input.sourceIds!.entries()) {
    const u = await openWritableUnit(ctx, trx, id, input.effectiveDate, `/sourceIds/${i}`);
    await assertGoverns(ctx, trx, u, `/sourceIds/${i}`);
    if (u.validFrom >= input.effectiveDate)
      throw invalid('/effectiveDate', `Đơn vị ${u.name} thành lập từ ${u.validFrom}`, 'INVALID_DATE');
    const nested = sources.find((s) => within(u.path, s.path) || within(s.path, u.path));
    if (nested) throw invalid(`/sourceIds/${i}`, `Đơn vị ${u.name} lồng trong ${nested.name}`);
    sources.push(u);
  }
  return sources;
}

export const merge: Op = async (ctx, trx, input, out) => {
  const sources = await sourcesOf(ctx, trx, input);
  let target: OrgUnit;
  if (input.targetId !== undefined) {
    target = await openWritableUnit(ctx, trx, input.targetId, input.effectiveDate, '/targetId');
    if (input.name !== undefined && input.name !== target.name) {
      // "A and B merge into A, named C": the receiving unit keeps its code and takes the new name.
      await assertGoverns(ctx, trx, target, '/targetId');
      const d = { name: input.name, validFrom: input.effectiveDate, decision: input.decision };
      target = await renameUnit(ctx, target.id, d, trx);
      out.renamed.push(target.id);
    }
  } else {
    target = await createTarget(ctx, trx, input.newUnit!, sources[0]!.parentId, input, '/newUnit');
    out.created.push(target.id);
  }
  const inside = sources.find((s) => within(target.path, s.path));
  if (inside)
    throw invalid(input.targetId ? '/targetId' : '/newUnit/parentId', `Đơn vị nhận nằm trong ${inside.name}`);
  await fault('units');
  for (const s of sources) await absorb(ctx, trx, input, s, target, out);
};

export const rename: Op = async (ctx, trx, input, out) => {
  const u = await openWritableUnit(ctx, trx, input.unitId!, input.effectiveDate, '/unitId');
  await assertGoverns(ctx, trx, u, '/unitId');
  await renameUnit(
    ctx,
    u.id,
    { name: input.name!, validFrom: input.effectiveDate, decision: input.decision },
    trx,
  );
  out.renamed.push(u.id);
};

export const move: Op = async (ctx, trx, input, out) => {
  const u = await openWritableUnit(ctx, trx, input.unitId!, input.effectiveDate, '/unitId');
  await assertGoverns(ctx, trx, u, '/unitId');
  // moveUnit checks the new parent: open on the date, in the actor's subtree, not under the unit itself.
  await moveUnit(
    ctx,
    u.id,
    { parentId: input.parentId!, validFrom: input.effectiveDate, decision: input.decision },
    trx,
  );
  out.moved.push(u.id);
};

export { split } from './split.ts';
