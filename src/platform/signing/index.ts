// The signing seam's public surface: signers (PKCS#12 file or PKCS#11 token), the trust list, detached
// CMS signatures (extracts, monthly approvals, manifests) and the PAdES signing of PDFs in ../pdf.
import { AppError } from '../errors.ts';
import { checkChain, type TrustStore } from './certs.ts';
import { signDetachedCms as signCms, type CmsOptions } from './cms.ts';
import type { Signer } from './signer.ts';

export {
  certInfo,
  checkChain,
  loadTrustStore,
  pemBlocks,
  readDerFiles,
  toPem,
  type CertInfo,
  type ChainCheck,
  type ChainProblem,
  type TrustStore,
} from './certs.ts';
export {
  signDetachedCmsBy,
  signDigestCms,
  signDigestCmsBy,
  verifyDetachedCms,
  verifyDetachedCmsAll,
  verifyDigestCms,
  verifyDigestCmsAll,
  type CmsOptions,
  type CmsVerification,
} from './cms.ts';
export {
  keySigner,
  loadSigner,
  p12Signer,
  parseSignerSpec,
  pkcs11Signer,
  type Signer,
  type SignerConfig,
} from './signer.ts';
export { generateTestPki, type GeneratedPki, type PkiIdentity } from './test-pki.ts';

/**
 * Refuses a signer whose chain does not end at a trust anchor, or whose certificate is expired, not
 * yet valid or revoked at `at` — before anything is signed with it.
 */
export async function assertSignerUsable(signer: Signer, trust: TrustStore, at: Date): Promise<void> {
  const check = await checkChain(signer.chain, trust, at);
  if (!check.ok) {
    const what: Record<string, string> = {
      untrusted: 'không thuộc danh sách tin cậy',
      expired: 'đã hết hạn',
      'not-yet-valid': 'chưa có hiệu lực',
      revoked: 'đã bị thu hồi',
    };
    throw new AppError(
      'SIGNATURE_INVALID',
      `Chứng thư số của người ký ${what[check.problem ?? 'untrusted']}`,
      [{ field: 'signer', reason: check.problem ?? 'untrusted' }],
    );
  }
}

/**
 * Signs `data` as a detached CMS (DER) with a signing time. With `trust`, the signer's chain is
 * checked first (AppError SIGNATURE_INVALID when untrusted, expired or revoked); always pass it
 * outside tests of the CMS itself.
 */
export async function signDetachedCms(
  signer: Signer,
  data: Uint8Array,
  opts: CmsOptions & { trust?: TrustStore } = {},
): Promise<Uint8Array> {
  const at = opts.signingTime ?? new Date();
  if (opts.trust) await assertSignerUsable(signer, opts.trust, at);
  return signCms(signer, data, { signingTime: at });
}
