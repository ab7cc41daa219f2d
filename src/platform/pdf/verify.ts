// Reads the signatures of a PDF (each located by its /ByteRange) and checks them: the bytes each one
// covers, its CMS, and the signer's chain against the trust list at the signing time (/M).
import { createHash } from 'node:crypto';
import { verifyDigestCms, type CertInfo, type TrustStore } from '../signing/index.ts';

export interface PdfSignatureCheck {
  valid: boolean;
  /** The covered bytes or the CMS do not match: the file was changed. */
  tampered: boolean;
  signer?: CertInfo;
  signedAt?: Date;
  /** Whether this signature covers the whole file (true for the last one of an unmodified file). */
  coversWholeFile: boolean;
  reason?: string;
}

const RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

function derLength(buf: Buffer): number {
  if (buf[0] !== 0x30) return -1;
  const first = buf[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (buf[2 + i] ?? 0);
  return 2 + n + len;
}

function parseDate(s: string | undefined): Date | undefined {
  const m = s ? /D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(s) : null;
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

async function checkOne(pdf: Buffer, r: number[], trust: TrustStore): Promise<PdfSignatureCheck> {
  const [a, b, c, d] = r as [number, number, number, number];
  const coversWholeFile = c + d === pdf.length;
  if (a !== 0 || b >= c || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return { valid: false, tampered: true, coversWholeFile, reason: 'bad byte range' };
  }
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  if (!/^[0-9a-fA-F]*$/.test(hex))
    return { valid: false, tampered: true, coversWholeFile, reason: 'bad contents' };
  const raw = Buffer.from(hex, 'hex');
  const len = derLength(raw);
  if (len <= 0 || len > raw.length)
    return { valid: false, tampered: true, coversWholeFile, reason: 'bad contents' };
  const tail = pdf.subarray(c, Math.min(pdf.length, c + 2048)).toString('latin1');
  const signedAt = parseDate(/\/M\s*\(([^)]*)\)/.exec(tail.split('endobj')[0] ?? '')?.[1]);
  const digest = createHash('sha256')
    .update(pdf.subarray(0, b))
    .update(pdf.subarray(c, c + d))
    .digest();
  const v = await verifyDigestCms(
    new Uint8Array(raw.subarray(0, len)),
    new Uint8Array(digest),
    trust,
    signedAt,
  );
  return { ...v, signedAt, coversWholeFile };
}

/**
 * Checks every signature of the PDF, in file order (the first signed revision first). An empty
 * list means the file carries no signature.
 */
export async function verifyPdfSignatures(pdf: Uint8Array, trust: TrustStore): Promise<PdfSignatureCheck[]> {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = buf.toString('latin1');
  const ranges = [...text.matchAll(RANGE)].map((m) => [m[1], m[2], m[3], m[4]].map(Number));
  const results: PdfSignatureCheck[] = [];
  for (const r of ranges) results.push(await checkOne(buf, r, trust));
  return results;
}
