import { describe, expect, it } from 'vitest';
import { hasTool, pdfsig, testPki } from '../../../test/helpers/pki.ts';
import { renderPdf, signPdf, verifyPdfSignatures } from './index.ts';

async function twiceSigned() {
  const pki = await testPki();
  const at = new Date('2026-11-20T03:00:00Z');
  const pdf = await renderPdf(
    { content: [{ text: 'Trích lục hồ sơ: Nguyễn Thị Ngọc Ánh — Đắk Lắk, Quảng Ngãi', fontSize: 14 }] },
    { title: 'Thử', createdAt: at },
  );
  const one = await signPdf(pdf, pki.person, {
    fieldName: 'Sig1',
    name: 'Nguyễn Văn An',
    reason: 'Người có thẩm quyền ký',
    location: 'Hà Nội',
    signedAt: at,
  });
  const two = await signPdf(one, pki.agency, {
    fieldName: 'Sig2',
    name: 'Bộ Nội vụ',
    reason: 'Cơ quan ký',
    location: 'Hà Nội',
    signedAt: new Date(at.getTime() + 1000),
  });
  return { pki, pdf, two };
}

describe('PAdES', () => {
  it('two incremental signatures both verify with our verifier; a flipped byte does not', async () => {
    const { pki, two } = await twiceSigned();
    const checks = await verifyPdfSignatures(two, pki.trust);
    expect(checks.map((c) => [c.valid, c.signer?.commonName, c.coversWholeFile])).toEqual([
      [true, 'Nguyễn Văn An', false],
      [true, 'Bộ Nội vụ (thử nghiệm)', true],
    ]);
    const bad = new Uint8Array(two);
    bad[400] = bad[400]! ^ 0x01;
    const after = await verifyPdfSignatures(bad, pki.trust);
    expect(after.every((c) => !c.valid && c.tampered)).toBe(true);
  });

  it.skipIf(!hasTool('pdfsig') || !hasTool('certutil'))('pdfsig trusts both signatures', async () => {
    const { two } = await twiceSigned();
    const { out } = await pdfsig(two);
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out.match(/Certificate is Trusted/g)).toHaveLength(2);
  });
});
