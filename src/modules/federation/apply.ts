// Applying a record's portable ledger rows on this node — the national node for a node's batch, a
// local node for a record transferred in. Ordered (a gap is refused, saying what this node has),
// idempotent (a row already held is recognised by its hash and skipped; a different row under the same
// seq is a conflict, never merged) and folded by the same projection as every other write.
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { ActionType } from '../../../api/actions.ts';
import {
  findIdByPersonId,
  insertProjections,
  project,
  projectionRow,
  updateProjection,
  type LedgerEntry,
} from '../employees/index.ts';
import { insertActions, nextActionIds, type NewActionRow } from '../personnel-actions/index.ts';
import * as repo from './federation.repository.ts';
import { fromPortable, rowHash, toPortable, type ActionRowLike, type PortableRow } from './portable.ts';

export interface Applied {
  /** The highest seq this node holds of the record afterwards. */
  have: number;
  /** How many rows were new. */
  applied: number;
  managingPath: string;
}

export const gap = (employeeId: string, have: number, first: number) =>
  new AppError('SEQUENCE_GAP', `Hồ sơ ${employeeId}: thiếu hành động từ số ${have + 1} (nhận từ ${first})`, [
    { field: `/records/${employeeId}`, reason: `have ${have}, got rows from ${first}` },
  ]);

const entryOf = (r: ActionRowLike): LedgerEntry => ({
  id: r.id,
  seq: r.seq,
  type: r.type as ActionType,
  effectiveDate: r.effective_date,
  decisionNo: r.decision_no,
  payload: r.payload,
  recordedAt: r.recorded_at,
});

/** Rows this node already has must be the very same rows (same hash), else the record diverged. */
async function checkHeld(trx: Tx, employeeId: string, rows: PortableRow[], ledger: ActionRowLike[]) {
  for (const r of rows) {
    const held = ledger[r.seq - 1];
    if (!held) continue;
    if (rowHash(await toPortable(trx, held, ledger)) !== rowHash(r)) {
      throw new AppError('CONFLICT', `Hồ sơ ${employeeId}: hành động số ${r.seq} khác với bản đã có`, [
        { field: `/records/${employeeId}/${r.seq}`, reason: 'a different row is held under this seq' },
      ]);
    }
  }
}

export async function applyRecord(
  trx: Tx,
  employeeId: string,
  rows: PortableRow[],
  at: Date,
): Promise<Applied> {
  await repo.lockRecord(trx, employeeId);
  const ledger = await repo.ledgerOf(trx, employeeId);
  const have = ledger.length;
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const first = sorted[0]?.seq ?? have + 1;
  if (first < 1 || first > have + 1 || sorted.some((r, i) => r.seq !== first + i)) {
    throw gap(employeeId, have, first);
  }
  await checkHeld(trx, employeeId, sorted, ledger);
  const fresh = sorted.filter((r) => r.seq > have);
  if (fresh.length === 0) {
    const p = await repo.projectionOf(trx, employeeId);
    return { have, applied: 0, managingPath: p?.managing_path ?? '' };
  }
  const ids = await nextActionIds(trx, fresh.length);
  const all: ActionRowLike[] = [...ledger];
  const newRows: NewActionRow[] = [];
  for (const [i, r] of fresh.entries()) {
    const row = { id: ids[i]!, ...(await fromPortable(trx, employeeId, r, all)) };
    all.push(row);
    newRows.push({ ...row, payload: JSON.stringify(row.payload) });
  }
  const record = project(employeeId, all.map(entryOf));
  const other = await findIdByPersonId(trx, record.personId);
  if (other && other !== employeeId) {
    throw new AppError('CONFLICT', 'Số định danh đã thuộc một hồ sơ khác trên nút này', [
      { field: `/records/${employeeId}`, reason: 'person id held by another record' },
    ]);
  }
  if (have === 0) await insertProjections(trx, [projectionRow(record, all.length)], at);
  await insertActions(trx, newRows);
  if (have > 0) await updateProjection(trx, projectionRow(record, all.length), at);
  const p = await repo.projectionOf(trx, employeeId);
  return { have: all.length, applied: fresh.length, managingPath: p!.managing_path };
}
