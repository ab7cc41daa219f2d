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
  | 'BACKUP_INVALID'
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

export const invalid = (field: string, reason: string, code: ErrorCode = 'VALIDATION_FAILED'): AppError =>
  new AppError(code, reason, [{ field, reason }]);

export const notFound = (what: string, id: string | number): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} không tồn tại`, [{ reason: `${what} not found` }]);
