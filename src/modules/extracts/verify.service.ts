// Public verification of an extract: by its short code (registry only), or from the file itself — a
// PDF (its PAdES signatures) or a JSON extract with its detached CMS — checked cryptographically against
// the trust list, then looked up in the registry by hash for revocation. No login: whoever holds the
// document or its code may check it; the answer names only the person, the issuing unit and the signers.
import { createHash } from 'node:crypto';
import type { VerifyExtract, VerifyResult } from '../../../api/extracts.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Queryable } from '../../db/transaction.ts';
import { verifyPdfSignatures } from '../../platform/pdf/index.ts';
import { verifyDetachedCmsAll, type CmsVerification, type TrustStore } from '../../platform/signing/index.ts';
import { extractSettings } from './settings.ts';
import { normalizeCode } from './extracts.service.ts';
import * as repo from './extracts.repository.ts';

type Status = VerifyResult['status'];
type Sig = VerifyResult['signatures'][number];

const MESSAGES: Record<Status, string> = {
  valid: 'Trích lục hợp lệ: chữ ký số đúng, còn nguyên vẹn và đã được đăng ký',
  tampered: 'Trích lục đã bị sửa đổi sau khi ký hoặc chữ ký số không hợp lệ',
  revoked: 'Trích lục đã bị thu hồi',
  unknown: 'Không tìm thấy trích lục trong sổ đăng ký hoặc tệp không có chữ ký số tin cậy',
};

function extractOf(r: repo.ExtractRow | undefined): VerifyResult['extract'] {
  if (!r) return null;
  const s = r.summary as repo.ExtractSummary;
  return {
    number: r.number,
    code: r.code,
    personName: s.personName,
    issuingUnit: s.issuingUnit,
    issuedAt: new Date(r.issued_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokeReason: r.revoke_reason,
  };
}

function result(status: Status, row: repo.ExtractRow | undefined, signatures: Sig[]): VerifyResult {
  return {
    status,
    message: MESSAGES[status],
    extract: status === 'unknown' ? null : extractOf(row),
    signatures,
  };
}

function sigOf(v: CmsVerification & { signedAt?: Date }): Sig {
  return {
    signer: v.signer?.commonName ?? null,
    serial: v.signer?.serial ?? null,
    signedAt: v.signedAt ? v.signedAt.toISOString() : null,
    valid: v.valid,
    problem: v.valid ? null : (v.reason ?? 'invalid'),
  };
}

/**
 * The verdict from signature checks and the registry entry found by the file's hash. Without a
 * registry (`hoso extract verify --no-db`), intact trusted signatures are enough for "valid".
 */
function judge(
  sigs: (CmsVerification & { coversWholeFile?: boolean })[],
  row: repo.ExtractRow | undefined,
  registry: boolean,
): Status {
  if (sigs.length === 0) return 'unknown';
  if (sigs.some((s) => s.tampered)) return 'tampered';
  // Bytes appended after the last signature: the file is not the one that was signed.
  if (sigs[sigs.length - 1]?.coversWholeFile === false) return 'tampered';
  if ((registry && !row) || sigs.some((s) => !s.valid)) return 'unknown';
  return row?.revoked_at ? 'revoked' : 'valid';
}

/** The registry, or none (offline verification of a file alone). */
export type Registry = Queryable | undefined;

const lookup = (db: Registry, by: 'pdf_sha256' | 'json_sha256', bytes: Uint8Array) =>
  db ? repo.findBy(db, by, createHash('sha256').update(bytes).digest('hex')) : Promise.resolve(undefined);

async function byCode(ctx: Ctx, code: string): Promise<VerifyResult> {
  const row = await repo.findBy(ctx.db, 'code', normalizeCode(code));
  if (!row) return result('unknown', undefined, []);
  const s = row.summary as repo.ExtractSummary;
  const sigs = s.signers.map((x) => ({
    signer: x.name,
    serial: x.serial,
    signedAt: x.signedAt,
    valid: true,
    problem: null,
  }));
  return result(row.revoked_at ? 'revoked' : 'valid', row, sigs);
}

export async function verifyPdfFile(db: Registry, pdf: Buffer, trust: TrustStore): Promise<VerifyResult> {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppError('VALIDATION_FAILED', 'Tệp tải lên không phải PDF', [
      { field: 'body/pdf', reason: 'not a PDF' },
    ]);
  }
  const checks = await verifyPdfSignatures(pdf, trust);
  const row = await lookup(db, 'pdf_sha256', pdf);
  return result(judge(checks, row, db !== undefined), row, checks.map(sigOf));
}

export async function verifyJsonFile(
  db: Registry,
  json: Buffer,
  signature: Buffer,
  trust: TrustStore,
): Promise<VerifyResult> {
  const checks = await verifyDetachedCmsAll(signature, json, trust);
  const row = await lookup(db, 'json_sha256', json);
  return result(judge(checks, row, db !== undefined), row, checks.map(sigOf));
}

export async function verifyExtract(ctx: Ctx, body: VerifyExtract): Promise<VerifyResult> {
  const given = [body.code, body.pdf, body.json].filter((x) => x !== undefined).length;
  if (given !== 1 || (body.signature !== undefined) !== (body.json !== undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Hãy gửi đúng một trong: mã xác thực, tệp PDF, hoặc tệp JSON kèm chữ ký',
      [{ field: 'body', reason: 'exactly one of code, pdf, json (+signature)' }],
    );
  }
  if (body.code !== undefined) return byCode(ctx, body.code);
  const { trust } = await extractSettings();
  if (body.pdf !== undefined) return verifyPdfFile(ctx.db, Buffer.from(body.pdf, 'base64'), trust);
  return verifyJsonFile(
    ctx.db,
    Buffer.from(body.json!, 'base64'),
    Buffer.from(body.signature!, 'base64'),
    trust,
  );
}
