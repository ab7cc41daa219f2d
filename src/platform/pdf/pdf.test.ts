import { describe, expect, it } from 'vitest';
import { hasTool, pdfsig, softToken, testPki } from '../../../test/helpers/pki.ts';
import { loadSigner } from '../signing/index.ts';
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

describe('PAdES with a key on a PKCS#11 token', () => {
  const ready =
    hasTool('softhsm2-util') && hasTool('pkcs11-tool') && hasTool('pdfsig') && hasTool('certutil');
  it.skipIf(!ready)('SoftHSM2 signs the first signature; pdfsig trusts both', async () => {
    const pki = await testPki();
    const token = await loadSigner({ kind: 'pkcs11', ...(await softToken()) });
    const at = new Date('2026-11-20T03:00:00Z');
    const pdf = await renderPdf({ content: ['Ký bằng token'] }, { title: 'Token', createdAt: at });
    const common = { reason: 'Thử', location: 'Hà Nội', signedAt: at };
    const one = await signPdf(pdf, token, { ...common, fieldName: 'Sig1', name: 'Nguyễn Văn An' });
    const two = await signPdf(one, pki.agency, { ...common, fieldName: 'Sig2', name: 'Bộ Nội vụ' });
    const { out } = await pdfsig(two);
    expect(out.match(/Signature is Valid/g), out).toHaveLength(2);
    expect(out.match(/Certificate is Trusted/g), out).toHaveLength(2);
  });
});
