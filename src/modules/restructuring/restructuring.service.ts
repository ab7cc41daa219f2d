// Restructuring as one audited operation in one transaction: the org-unit history changes, child units
// re-parented, people re-homed by ledger actions citing the decision, the operation's own record and
// its audit event — all land together or, on any error (or crash) part-way, none of it does.
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { roleFor } from '../access/index.ts';
import { findUnitsByIds } from '../org-units/index.ts';
import type {
  NewRestructuring,
  Restructuring,
  RestructuringKind,
  RestructuringListQuery,
  RestructuringResult,
} from '../../../api/restructuring.ts';
import { checkInput } from './checks.ts';
import { merge, move, rename, split } from './operations.ts';
import type { Op } from './steps.ts';
import { fault } from './faults.ts';
import * as repo from './restructuring.repository.ts';

const OPS: Record<RestructuringKind, Op> = { merge, split, rename, move };

/** The unit the audit event is filed under: the deepest unit containing everything touched. */
function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let common = paths[0]!.split('.');
  for (const p of paths.slice(1)) {
    const parts = p.split('.');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? common.join('.') : null;
}

export async function restructure(ctx: Ctx, input: NewRestructuring): Promise<Restructuring> {
  checkInput(ctx, input);
  return inTransaction(ctx.db, async (trx) => {
    const result: RestructuringResult = {
      created: [],
      closed: [],
      moved: [],
      renamed: [],
      rehomed: 0,
      actionIds: [],
    };
    await OPS[input.kind](ctx, trx, input, result);
    await fault('record');
    const id = await repo.insertRestructuring(trx, {
      input,
      result,
      at: ctx.now,
      by: ctx.actor.id,
      requestId: ctx.requestId,
    });
    const touched = await findUnitsByIds(trx, [
      ...result.created,
      ...result.closed,
      ...result.moved,
      ...result.renamed,
    ]);
    const unitPath = commonPath(touched.map((u) => u.path));
    await audit(ctx, trx, {
      action: `org.restructure.${input.kind}`,
      entity: 'org_restructuring',
      entityId: id,
      unitPath,
      role: unitPath ? (roleFor(ctx.actor, 'org.write', unitPath) ?? null) : null,
      details: {
        effectiveDate: input.effectiveDate,
        decision: input.decision.number,
        created: result.created,
        closed: result.closed,
        moved: result.moved,
        renamed: result.renamed,
        rehomed: result.rehomed,
      },
    });
    await fault('audit');
    return (await repo.findRestructuring(trx, id))!;
  });
}

export async function getRestructuring(ctx: Ctx, id: number): Promise<Restructuring> {
  const r = await repo.findRestructuring(ctx.db, id);
  if (!r) throw notFound('Quyết định sắp xếp', id);
  return r;
}

export function listRestructurings(ctx: Ctx, q: RestructuringListQuery): Promise<Restructuring[]> {
  return repo.listRestructurings(ctx.db, q);
}
