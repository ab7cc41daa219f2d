// Schemas shared by the server and the portal. Field names are camelCase; dates are 'YYYY-MM-DD'.
import { Type, type TSchema } from 'typebox';

export const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const UuidParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(
      Type.Object(
        { field: Type.Optional(Type.String()), reason: Type.String() },
        { additionalProperties: false },
      ),
    ),
    requestId: Type.Optional(Type.String()),
  }),
});

/** Response map with the error shape on every 4xx, so OpenAPI documents them. */
export function responses<T extends TSchema>(ok: T, status = 200): Record<number, TSchema> {
  return { [status]: ok, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
}

/** The same, also documenting 403 (not allowed) and 422 (a rule refused it): workflow routes. */
export const responsesWithErrors = <T extends TSchema>(ok: T, status = 200): Record<number, TSchema> => ({
  ...responses(ok, status),
  403: ErrorBody,
  422: ErrorBody,
});

export const Decision = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 100, description: 'Số quyết định, e.g. 123/QĐ-UBND' }),
    date: DateStr,
    signerName: Type.String({ minLength: 1, maxLength: 200 }),
    signerTitle: Type.Optional(Type.String({ maxLength: 200 })),
    issuingBody: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);
