// Issuing and revoking signed extracts. Issuance reads the record through the audited, scoped and
// masked read (so the requester's rights decide what the extract shows), lays it out as JSON and PDF,
// has the competent person and then the agency sign both, and registers the hashes — all audited.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ExtractEntry, IssuedExtract } from '../../../api/extracts.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { renderPdf, signPdf } from '../../platform/pdf/index.ts';
import { assertSignerUsable, certInfo, signDetachedCmsBy } from '../../platform/signing/index.ts';
import { audit } from '../audit/index.ts';
import { roleFor } from '../access/index.ts';
import { getScopedRecord } from '../employees/index.ts';
import { getRecord } from '../personnel-actions/index.ts';
import { buildContent, contentBytes, type ExtractContent } from './content.ts';
import { extractLayout } from './layout.ts';
import { extractSettings, type ExtractSettings } from './settings.ts';
import * as repo from './extracts.repository.ts';

// Crockford's base32 without look-alikes (no I, L, O, U): easy to read out and type.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short verification code, 60 random bits: XXXX-XXXX-XXXX. */
export function newCode(): string {
  const b = randomBytes(12);
  const chars = [...b].map((x) => ALPHABET[x & 31]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Normalises a typed code: case, spaces and dashes do not matter; O→0, I/L→1. */
export function normalizeCode(input: string): string {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function signedFiles(s: ExtractSettings, content: ExtractContent, at: Date) {
  const json = contentBytes(content);
  const unsigned = await renderPdf(extractLayout(content), {
    title: `Trích lục hồ sơ ${content.number}`,
    subject: content.person.fullName,
    author: content.issuingUnit.name,
    createdAt: at,
  });
  const common = { location: content.issuingUnit.name, signedAt: at };
  const byPerson = await signPdf(unsigned, s.person, {
    ...common,
    fieldName: 'ChuKy1-NguoiCoThamQuyen',
    name: content.signers.person,
    reason: 'Người có thẩm quyền ký trích lục hồ sơ',
  });
  const pdf = await signPdf(byPerson, s.agency, {
    ...common,
    fieldName: 'ChuKy2-CoQuan',
    name: content.signers.agency,
    reason: 'Cơ quan ký trích lục hồ sơ',
  });
  const jsonSignature = await signDetachedCmsBy([s.person, s.agency], json, at);
  return { json, pdf, jsonSignature };
}

/** Issues a signed extract of an e-record the actor may issue for (or their own). */
export async function issueExtract(ctx: Ctx, employeeId: string): Promise<IssuedExtract> {
  const scoped = await getScopedRecord(ctx.db, employeeId, ctx.actor, 'extract.issue', { allowSelf: true });
  const s = await extractSettings();
  // Refused before anything is read or numbered: an expired, revoked or untrusted key signs nothing.
  await assertSignerUsable(s.person, s.trust, ctx.now);
  await assertSignerUsable(s.agency, s.trust, ctx.now);
  const record = await getRecord(ctx, employeeId);
  const seq = await repo.nextNumber(ctx.db);
  const number = `TL-${ctx.now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
  const code = newCode();
  const person = certInfo(s.person.chain[0]!);
  const agency = certInfo(s.agency.chain[0]!);
  const unitName = record.unitNames[String(record.managingUnitId)] ?? String(record.managingUnitId);
  const content = buildContent(record, {
    number,
    code,
    verifyUrl: `${s.publicBaseUrl}/api/v1/extracts/verify?code=${code}`,
    issuedAt: ctx.now.toISOString(),
    issuingUnit: { id: record.managingUnitId, name: unitName },
    issuedBy: ctx.actor.name,
    signers: { person: person.commonName, agency: agency.commonName },
  });
  const files = await signedFiles(s, content, ctx.now);
  const signers = [
    { role: 'person' as const, name: person.commonName, serial: person.serial, signedAt: content.issuedAt },
    { role: 'agency' as const, name: agency.commonName, serial: agency.serial, signedAt: content.issuedAt },
  ];
  const id = randomUUID();
  const row: repo.NewExtract = {
    id,
    number,
    code,
    employee_id: employeeId,
    unit_id: record.managingUnitId,
    issued_by: ctx.actor.id,
    issuer_account_id: ctx.actor.accountId ?? null,
    issued_at: ctx.now,
    pdf_sha256: sha256(files.pdf),
    json_sha256: sha256(files.json),
    summary: { personName: record.fullName, issuingUnit: unitName, signers },
  };
  await inTransaction(ctx.db, async (trx) => {
    await repo.insertExtract(trx, row);
    await audit(ctx, trx, {
      action: 'extract.issue',
      entity: 'extract',
      entityId: id,
      subjectId: employeeId,
      unitPath: scoped.managingPath,
      role: roleFor(ctx.actor, 'extract.issue', scoped.managingPath),
      details: {
        number,
        code,
        pdfSha256: row.pdf_sha256,
        jsonSha256: row.json_sha256,
        masked: content.masked,
      },
    });
  });
  return {
    id,
    number,
    code,
    verifyUrl: content.verifyUrl,
    issuedAt: content.issuedAt,
    signers,
    pdf: Buffer.from(files.pdf).toString('base64'),
    json: Buffer.from(files.json).toString('utf8'),
    jsonSignature: Buffer.from(files.jsonSignature).toString('base64'),
  };
}

export function toEntry(r: repo.ExtractRow): ExtractEntry {
  return {
    id: r.id,
    number: r.number,
    code: r.code,
    employeeId: r.employee_id,
    issuedBy: r.issued_by,
    issuedAt: new Date(r.issued_at).toISOString(),
    pdfSha256: r.pdf_sha256,
    jsonSha256: r.json_sha256,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokeReason: r.revoke_reason,
  };
}

/** Revokes an extract, with a reason; from then on it verifies as revoked. */
export async function revokeExtract(ctx: Ctx, id: string, reason: string): Promise<ExtractEntry> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await repo.findRevocable(trx, id, ctx.actor);
    if (!found) throw notFound('Trích lục', id);
    if (found.revoked_at) {
      throw new AppError('INVALID_STATE', 'Trích lục đã bị thu hồi trước đó', [
        { field: 'id', reason: 'already revoked' },
      ]);
    }
    await repo.markRevoked(trx, id, ctx.now, ctx.actor.id, reason);
    await audit(ctx, trx, {
      action: 'extract.revoke',
      entity: 'extract',
      entityId: id,
      subjectId: found.employee_id,
      unitPath: found.managing_path,
      role: roleFor(ctx.actor, 'extract.revoke', found.managing_path),
      details: { number: found.number, reason },
    });
    return toEntry({ ...found, revoked_at: ctx.now, revoke_reason: reason });
  });
}

/** The extracts issued for a person the actor may issue for (or their own). */
export async function listExtracts(ctx: Ctx, employeeId: string): Promise<ExtractEntry[]> {
  await getScopedRecord(ctx.db, employeeId, ctx.actor, 'extract.issue', { allowSelf: true });
  return (await repo.listForEmployee(ctx.db, employeeId)).map(toEntry);
}
