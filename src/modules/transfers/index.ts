// Transfers out of the current management scope (layer 5, Circular 06).
export { createTransfer, receiveTransfer, listTransfers } from './transfers.service.ts';
export type { AwaitingReceipt } from './transfers.repository.ts';
export { listTransfersAwaitingReceipt, RECEIPT_WORKING_DAYS } from './deadline.ts';
export { transferRoutes } from './transfers.routes.ts';
