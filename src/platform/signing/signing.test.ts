import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, softToken, testPki } from '../../../test/helpers/pki.ts';
import {
  assertSignerUsable,
  generateTestPki,
  loadSigner,
  loadTrustStore,
  p12Signer,
  signDetachedCms,
  signDetachedCmsBy,
  verifyDetachedCms,
  verifyDetachedCmsAll,
} from './index.ts';

const data = new TextEncoder().encode('{"hello":"Xin chào Việt Nam"}');

describe('detached CMS', () => {
  it('signs and verifies, and names the signer', async () => {
    const pki = await testPki();
    const cms = await signDetachedCms(pki.approver, data, { trust: pki.trust });
    const v = await verifyDetachedCms(cms, data, pki.trust);
    expect(v).toMatchObject({ valid: true, tampered: false });
    expect(v.signer?.commonName).toBe('Phạm Thị Bình');
    expect(v.signedAt).toBeInstanceOf(Date);
    const edited = new Uint8Array(data);
    edited[3] = edited[3]! ^ 1;
    expect(await verifyDetachedCms(cms, edited, pki.trust)).toMatchObject({ valid: false, tampered: true });
  });

  it('is accepted by openssl cms -verify, which rejects edited data', async () => {
    const pki = await testPki();
    const cms = await signDetachedCms(pki.person, data, { trust: pki.trust });
    const dir = pki.files.dir;
    writeFileSync(join(dir, 'x.json'), data);
    writeFileSync(join(dir, 'x.p7s'), cms);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'x.p7s')];
    const ca = ['-CAfile', pki.files.trustFile, '-out', '/dev/null'];
    execFileSync('openssl', [...args, '-content', join(dir, 'x.json'), ...ca], { stdio: 'pipe' });
    writeFileSync(join(dir, 'y.json'), Buffer.from(data).toString().replace('chào', 'chao'));
    expect(() =>
      execFileSync('openssl', [...args, '-content', join(dir, 'y.json'), ...ca], { stdio: 'pipe' }),
    ).toThrow();
  });

  it('refuses expired, revoked and untrusted signers before signing', async () => {
    const pki = await testPki();
    const at = new Date();
    await expect(signDetachedCms(pki.expired, data, { trust: pki.trust })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      details: [{ field: 'signer', reason: 'expired' }],
    });
    await expect(assertSignerUsable(pki.revoked, pki.trust, at)).rejects.toMatchObject({
      details: [{ reason: 'revoked' }],
    });
    const noAnchors = loadTrustStore({ anchorFiles: [] });
    await expect(assertSignerUsable(pki.person, noAnchors, at)).rejects.toMatchObject({
      details: [{ reason: 'untrusted' }],
    });
    const bySerial = loadTrustStore({ anchorFiles: [pki.files.trustFile], revokedSerials: [] });
    await assertSignerUsable(pki.revoked, bySerial, at); // only the CRL knew
  });
});

describe('PKCS#11 token (SoftHSM2)', () => {
  const ready = hasTool('softhsm2-util') && hasTool('pkcs11-tool');
  it.skipIf(!ready)('signs with a key that never leaves the token', async () => {
    const pki = await testPki();
    const token = await softToken();
    const signer = await loadSigner({ kind: 'pkcs11', ...token });
    expect(signer.chain[0]).toEqual(pki.person.chain[0]);
    const cms = await signDetachedCms(signer, data, { trust: pki.trust });
    expect(await verifyDetachedCms(cms, data, pki.trust)).toMatchObject({ valid: true });
    const wrongPin = await loadSigner({ kind: 'pkcs11', ...token, pin: '0000' });
    await expect(wrongPin.sign(data)).rejects.toThrow();
  });
});

describe('trust', () => {
  it('does not trust a leaf from another CA even with the trusted root appended to its chain', async () => {
    const pki = await testPki();
    const other = await generateTestPki(mkdtempSync(join(tmpdir(), 'hoso-pki-other-')));
    const foreign = p12Signer(other.p12.person!, other.password);
    const forged = { ...foreign, chain: [foreign.chain[0]!, pki.trust.anchors[0]!] };
    await expect(assertSignerUsable(forged, pki.trust, new Date())).rejects.toMatchObject({
      details: [{ reason: 'untrusted' }],
    });
    const cms = await signDetachedCms(forged, data);
    expect(await verifyDetachedCms(cms, data, pki.trust)).toMatchObject({
      valid: false,
      reason: 'untrusted',
    });
  });

  it('a CMS with two signers verifies each (openssl checks both)', async () => {
    const pki = await testPki();
    const cms = await signDetachedCmsBy([pki.person, pki.agency], data, new Date());
    const all = await verifyDetachedCmsAll(cms, data, pki.trust);
    expect(all.map((v) => [v.valid, v.signer?.commonName])).toEqual([
      [true, 'Nguyễn Văn An'],
      [true, 'Bộ Nội vụ (thử nghiệm)'],
    ]);
  });
});
