// One error type with stable codes; http/errors.ts maps codes to statuses.
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_PERSON_ID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE_PERSON_ID'
  | 'DUPLICATE_CODE'
  | 'INVALID_REFERENCE'
  | 'INVALID_STATE'
  | 'INVALID_DATE'
  | 'INVALID_CURSOR'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHENTICATED'
  | 'SIGN_IN_INCOMPLETE'
  | 'CSRF_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'INVALID_CREDENTIALS'
  | 'WEAK_PASSWORD'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  /** Too many password checks queued: the node protects its other users (issue 16). */
  | 'SERVER_BUSY'
  | 'BACKUP_INVALID'
  | 'CHECKPOINT_INVALID'
  | 'SELF_APPROVAL'
  | 'CONSENT_REQUIRED'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_REVOKED'
  | 'OUTSIDE_APPROVAL_WINDOW'
  | 'SIGNATURE_INVALID'
  /** Data sharing: every call declares its purpose (Law 91/2025 purpose limitation). */
  | 'PURPOSE_REQUIRED'
  | 'PURPOSE_NOT_ALLOWED'
  /** Data sharing: the client's access token lacks the scope the call needs. */
  | 'INSUFFICIENT_SCOPE'
  /** A write to a record another node owns (federation: one owner at a time). */
  | 'NOT_OWNER'
  /** A node sent ledger rows that skip a seq the national node does not have. */
  | 'SEQUENCE_GAP'
  /** The database cannot be reached right now (outage, restart, fail-over): retry later. */
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorDetail {
  /** JSON path of the offending field, e.g. "/identity/birthDate". */
  field?: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Refused for now, with the seconds after which to try again (sent as Retry-After, RFC 6585 / 9110). */
export class RetryLater extends AppError {
  constructor(
    code: 'RATE_LIMITED' | 'SERVER_BUSY',
    message: string,
    readonly retryAfter: number,
    details: ErrorDetail[] = [{ reason: `retry after ${retryAfter} s` }],
  ) {
    super(code, message, details);
  }
}

export const rateLimited = (retryAfter: number, what = 'yêu cầu'): RetryLater =>
  new RetryLater(
    'RATE_LIMITED',
    `Vượt giới hạn số ${what} mỗi phút; thử lại sau ${retryAfter} giây`,
    retryAfter,
  );

export const invalid = (field: string, reason: string, code: ErrorCode = 'VALIDATION_FAILED'): AppError =>
  new AppError(code, reason, [{ field, reason }]);

export const notFound = (what: string, id: string | number): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} không tồn tại`, [{ reason: `${what} not found` }]);

// What node-postgres and PostgreSQL say when the server is gone, restarting or refusing connections:
// the class 08 (connection exception) and 57P0x (operator intervention) codes, socket errors, and the
// pool's own messages. PGlite says "closed" when its instance is gone.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|PGlite is closed|Client was closed|Cannot use a pool after calling end|driver has already been destroyed/i;

/** Whether an error says the database is unreachable (as opposed to refusing the query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  // An AggregateError from a dual-stack connect holds the socket errors.
  return Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable);
}
