// Transfers out of the current management scope (Circular 06). The sending body (employee.transfer over
// the person's managing unit) records the decision: a `transfer` action moves ownership (the managing
// unit, which is what scopes every read) to the receiving unit — the one unit the sender may name
// outside its own subtree — and the person's account is disabled. From then on the sender answers 404
// for the record. The receiving body receives the person within 10 working days: it re-issues the
// account under its unit with a fresh one-time password and pulls the whole record (history included).
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { roleFor } from '../access/index.ts';
import { getOpenUnit } from '../org-units/index.ts';
import { getScopedRecord } from '../employees/index.ts';
import { appendAction, getRecord } from '../personnel-actions/index.ts';
import { hashPassword, oneTimePassword, reissueForTransfer, suspendForTransfer } from '../accounts/index.ts';
import type { NewTransfer, Received, Transfer, TransferListQuery } from '../../../api/transfers.ts';
import * as repo from './transfers.repository.ts';

const within = (path: string, root: string): boolean => path === root || path.startsWith(`${root}.`);

/** The receiving unit (and the working unit inside it) must exist and be open on the effective date. */
async function receivingUnits(trx: Queryable, input: NewTransfer, fromUnitId: number) {
  if (input.toUnitId === fromUnitId)
    throw invalid('/toUnitId', 'Đơn vị nhận trùng với đơn vị đang quản lý người này');
  const to = await getOpenUnit(trx, input.toUnitId, input.effectiveDate, '/toUnitId');
  const workingId = input.toWorkingUnitId ?? to.id;
  const working =
    workingId === to.id ? to : await getOpenUnit(trx, workingId, input.effectiveDate, '/toWorkingUnitId');
  if (!within(working.path, to.path))
    throw invalid('/toWorkingUnitId', 'Đơn vị công tác phải thuộc đơn vị nhận');
  return { to, working };
}

export async function createTransfer(ctx: Ctx, input: NewTransfer): Promise<Transfer> {
  // Ownership moves when the decision is recorded, so it is recorded on (or after) its effective date.
  if (input.effectiveDate > localDate(ctx.now))
    throw invalid(
      '/effectiveDate',
      'Ghi nhận quyết định chuyển công tác vào ngày có hiệu lực',
      'INVALID_DATE',
    );
  return inTransaction(ctx.db, async (trx) => {
    const scoped = await getScopedRecord(trx, input.employeeId, ctx.actor, 'employee.transfer', {
      forUpdate: true,
    });
    const rec = scoped.record;
    if (rec.status !== 'active' && rec.status !== 'on_leave')
      throw new AppError('INVALID_STATE', 'Chỉ chuyển công tác người đang công tác', [
        { field: '/employeeId', reason: `status is ${rec.status}` },
      ]);
    if (await repo.hasAwaitingTransfer(trx, input.employeeId))
      throw invalid('/employeeId', 'Người này đang chờ đơn vị nhận tiếp nhận', 'CONFLICT');
    const { to, working } = await receivingUnits(trx, input, rec.managingUnitId);
    const { action } = await appendAction(
      ctx,
      input.employeeId,
      {
        type: 'transfer',
        effectiveDate: input.effectiveDate,
        decision: input.decision,
        ...(input.note ? { note: input.note } : {}),
        payload: {
          managingUnitId: to.id,
          workingUnitId: working.id,
          ...(input.positionTitle ? { positionTitle: input.positionTitle } : {}),
        },
      },
      { trx, permission: 'employee.transfer', receivingUnits: [to.id, working.id] },
    );
    const id = await repo.insertTransfer(trx, {
      employee_id: input.employeeId,
      action_id: action.id,
      from_unit_id: rec.managingUnitId,
      to_unit_id: to.id,
      to_working_unit_id: working.id,
      effective_date: input.effectiveDate,
      decision: JSON.stringify(input.decision),
      decided_at: ctx.now,
      decided_by: ctx.actor.id,
    });
    const accountId = await suspendForTransfer(ctx, trx, input.employeeId, scoped.managingPath);
    await audit(ctx, trx, {
      action: 'transfer.decide',
      entity: 'transfer',
      entityId: id,
      subjectId: input.employeeId,
      unitPath: scoped.managingPath,
      role: roleFor(ctx.actor, 'employee.transfer', scoped.managingPath) ?? null,
      details: { actionId: action.id, toUnitId: to.id, decision: input.decision.number, accountId },
    });
    return (await repo.findTransfer(trx, id))!;
  });
}

export async function receiveTransfer(ctx: Ctx, id: number): Promise<Received> {
  const found = await repo.findIncoming(ctx.db, id, ctx.actor);
  if (!found) throw notFound('Quyết định chuyển công tác', id);
  const person = await repo.employeeBrief(ctx.db, found.employee_id);
  // Hashing is slow on purpose: do it before the transaction, which then only writes.
  const otp = oneTimePassword(person.person_id);
  const passwordHash = await hashPassword(otp);
  const accountId = await inTransaction(ctx.db, async (trx) => {
    const t = await repo.findIncoming(trx, id, ctx.actor, { lock: true });
    if (!t) throw notFound('Quyết định chuyển công tác', id);
    if (t.received_at) throw invalid('/id', 'Đã tiếp nhận người này', 'CONFLICT');
    const unit = { id: person.managing_unit_id, path: person.path };
    const a = await reissueForTransfer(ctx, trx, {
      employeeId: person.id,
      personId: person.person_id,
      fullName: person.full_name,
      unit,
      passwordHash,
    });
    await repo.markReceived(trx, id, { at: ctx.now, by: ctx.actor.id, accountId: a });
    await audit(ctx, trx, {
      action: 'transfer.receive',
      entity: 'transfer',
      entityId: id,
      subjectId: person.id,
      unitPath: unit.path,
      role: roleFor(ctx.actor, 'employee.transfer', unit.path) ?? null,
      details: { accountId: a },
    });
    return a;
  });
  // Pulling the record is an audited read of the whole record, history included.
  const record = await getRecord(ctx, person.id);
  const transfer = (await repo.findTransfer(ctx.db, id))!;
  return { transfer, account: { id: accountId, username: person.person_id, oneTimePassword: otp }, record };
}

export function listTransfers(ctx: Ctx, q: TransferListQuery): Promise<Transfer[]> {
  return repo.listTransfers(ctx.db, ctx.actor, q);
}
