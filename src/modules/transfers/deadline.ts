// For the deadlines module: the receiving body has 10 working days from the effective date to create
// the person's account and pull the record (Circular 06). The working-day arithmetic is the calendar's.
import type { Queryable } from '../../db/transaction.ts';
import { awaitingReceipt, type AwaitingReceipt } from './transfers.repository.ts';

export const RECEIPT_WORKING_DAYS = 10;

/**
 * Transfers into the given subtrees (all when unitPaths is omitted) not yet received — or, with
 * includeReceived, received ones too, so lateness can be measured after the fact.
 */
export function listTransfersAwaitingReceipt(
  db: Queryable,
  opts: { unitPaths?: string[] | undefined; includeReceived?: boolean | undefined } = {},
): Promise<AwaitingReceipt[]> {
  return awaitingReceipt(db, opts);
}
