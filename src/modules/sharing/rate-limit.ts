// Requests per minute per data-sharing client: the node's shared limiter, one bucket per client.
import type { Queryable } from '../../db/transaction.ts';
import { take } from '../rate-limit/index.ts';

export { retryAfter } from '../rate-limit/index.ts';

/** Takes one request from the client's allowance: 0 when allowed, else the seconds to wait. */
export const takeRequest = (db: Queryable, clientId: string, perMinute: number, now: Date): Promise<number> =>
  take(db, `sharing:${clientId}`, perMinute, now);
