// The one table from error codes to HTTP statuses, and the uniform error body.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  RetryLater,
  isDatabaseUnavailable,
  type ErrorCode,
  type ErrorDetail,
} from '../platform/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_PERSON_ID: 400,
  INVALID_REFERENCE: 400,
  INVALID_STATE: 422,
  INVALID_DATE: 400,
  INVALID_CURSOR: 400,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE_PERSON_ID: 409,
  DUPLICATE_CODE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SIGN_IN_INCOMPLETE: 403,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  INVALID_CREDENTIALS: 401,
  WEAK_PASSWORD: 400,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SERVER_BUSY: 503,
  BACKUP_INVALID: 422,
  CHECKPOINT_INVALID: 422,
  SELF_APPROVAL: 403,
  CONSENT_REQUIRED: 403,
  CONSENT_EXPIRED: 403,
  CONSENT_REVOKED: 403,
  OUTSIDE_APPROVAL_WINDOW: 422,
  SIGNATURE_INVALID: 422,
  PURPOSE_REQUIRED: 400,
  PURPOSE_NOT_ALLOWED: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_OWNER: 409,
  SEQUENCE_GAP: 409,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** How long a client should wait after a 503 for the database to be back. */
const RETRY_AFTER_SECONDS = 5;

export const statusOf = (code: ErrorCode): number => STATUS[code];

interface AjvLike {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fromValidation(err: FastifyError): AppError {
  const ctxName = (err as { validationContext?: string }).validationContext ?? 'body';
  const details: ErrorDetail[] = ((err.validation ?? []) as AjvLike[]).map((v) => {
    const extra = v.params?.missingProperty ?? v.params?.additionalProperty;
    const path = `${v.instancePath ?? ''}${extra ? `/${String(extra)}` : ''}`;
    return { field: `${ctxName}${path}`, reason: v.message ?? 'invalid' };
  });
  return new AppError('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ', details);
}

/** Maps any thrown error to a 4xx/5xx body; never leaks a stack trace. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe?.validation) return fromValidation(fe);
  if (isDatabaseUnavailable(err))
    return new AppError(
      'DATABASE_UNAVAILABLE',
      'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít giây',
    );
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Kiểu nội dung không được hỗ trợ');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'Nội dung JSON không hợp lệ', [
        { field: 'body', reason: fe.message },
      ]);
  }
  // Constraint violations the services did not foresee still answer with a 4xx, never a 500.
  switch ((err as { code?: string })?.code) {
    case '23505':
      return new AppError('CONFLICT', 'Dữ liệu đã tồn tại');
    case '23P01':
      return new AppError('DUPLICATE_CODE', 'Mã đã được dùng trong cùng thời gian');
    case '23503':
      return new AppError('INVALID_REFERENCE', 'Dữ liệu tham chiếu không tồn tại');
    case '22007':
    case '22008':
      return new AppError('INVALID_DATE', 'Ngày không hợp lệ');
    case '22P02':
    case '22021':
    case '22P05':
    case '22001':
    case '22003':
      return new AppError('VALIDATION_FAILED', 'Giá trị không hợp lệ');
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', 'Yêu cầu không hợp lệ', [{ reason: fe.message }]);
  }
  return new AppError('INTERNAL', 'Lỗi hệ thống, vui lòng thử lại sau');
}

export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const app = toAppError(err);
  const status = statusOf(app.code);
  if (app.code === 'DATABASE_UNAVAILABLE') {
    // An outage is not a bug: one line, no stack, and the client is told when to come back.
    req.log.warn(
      { code: (err as { code?: string }).code, msg: (err as Error).message },
      'database unavailable',
    );
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  } else if (app instanceof RetryLater) {
    reply.header('retry-after', String(app.retryAfter));
  } else if (status >= 500) req.log.error({ err }, 'unhandled error');
  return reply.status(status).send({
    error: { code: app.code, message: app.message, details: app.details, requestId: req.id },
  });
}
