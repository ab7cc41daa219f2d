// Signed electronic extracts of an e-record (Circular 06 Art. 8): issuance, revocation, public verification.
import { Type, type Static } from 'typebox';

/** Base64 of a file, as JSON carries it (the verify route accepts up to 20 MiB of body). */
const Base64 = (description: string, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', minLength: 4, maxLength, description });

export const ExtractSigner = Type.Object({
  role: Type.Enum(['person', 'agency']),
  name: Type.String(),
  serial: Type.String(),
  signedAt: Type.String({ format: 'date-time' }),
});

export const IssuedExtract = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String({ description: 'Số trích lục, e.g. TL-2026-000042' }),
  code: Type.String({ description: 'Mã xác thực ngắn, e.g. 7KQ2-9XMP-4TZD' }),
  verifyUrl: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  signers: Type.Array(ExtractSigner),
  /** The PDF with both PAdES signatures, base64. */
  pdf: Type.String(),
  /** The JSON extract: exactly the text the detached CMS signs. */
  json: Type.String(),
  /** Detached CMS (DER, base64) over `json`, signed by the competent person and the agency. */
  jsonSignature: Type.String(),
});
export type IssuedExtract = Static<typeof IssuedExtract>;

export const RevokeExtract = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RevokeExtract = Static<typeof RevokeExtract>;

export const ExtractEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  code: Type.String(),
  employeeId: Type.String({ format: 'uuid' }),
  issuedBy: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  pdfSha256: Type.String(),
  jsonSha256: Type.String(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
});
export type ExtractEntry = Static<typeof ExtractEntry>;

/** Exactly one of: the short code; a PDF; a JSON extract with its detached signature. */
export const VerifyExtract = Type.Object(
  {
    code: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
    pdf: Type.Optional(Base64('the PDF extract', 28_000_000)),
    json: Type.Optional(Base64('the JSON extract file', 28_000_000)),
    signature: Type.Optional(Base64('the detached CMS (.p7s) of the JSON extract', 1_000_000)),
  },
  { additionalProperties: false },
);
export type VerifyExtract = Static<typeof VerifyExtract>;

export const VerifiedSignature = Type.Object({
  signer: Type.Union([Type.String(), Type.Null()]),
  serial: Type.Union([Type.String(), Type.Null()]),
  signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  valid: Type.Boolean(),
  problem: Type.Union([Type.String(), Type.Null()]),
});

export const VerifyResult = Type.Object({
  /** valid: signed, intact, registered, not revoked; tampered: changed after signing or a bad signature;
   * revoked: registered but revoked; unknown: not in this registry (or no signature). */
  status: Type.Enum(['valid', 'tampered', 'revoked', 'unknown']),
  message: Type.String(),
  extract: Type.Union([
    Type.Object({
      number: Type.String(),
      code: Type.String(),
      personName: Type.String(),
      issuingUnit: Type.String(),
      issuedAt: Type.String({ format: 'date-time' }),
      revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      revokeReason: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  signatures: Type.Array(VerifiedSignature),
});
export type VerifyResult = Static<typeof VerifyResult>;
