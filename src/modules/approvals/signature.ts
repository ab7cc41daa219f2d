// Verifying the approver's detached CMS signature over a manifest, through the signing seam, against
// the node's trust list (configured at start; tests install their own).
import {
  signDetachedCms,
  verifyDetachedCms,
  type Signer,
  type TrustStore,
} from '../../platform/signing/index.ts';
import { AppError } from '../../platform/errors.ts';

export interface SignatureCheck {
  valid: boolean;
  subject: string;
  serial: string;
  reason?: string | undefined;
}

let trustLoader: (() => TrustStore) | undefined;
let remoteSigner: (() => Promise<Signer>) | undefined;

/**
 * The signer a node holds for remote signing (an HSM or a token attached to the server, configured
 * as SIGNING_PERSON): used when the approver does not send a signature made on their own device.
 */
export function configureApprovalSigner(get: (() => Promise<Signer>) | undefined): void {
  remoteSigner = get;
}

/** Signs the manifest with the node-held signer, after checking its chain against the trust list. */
export async function signRemotely(data: Buffer, at: Date): Promise<Buffer> {
  if (!remoteSigner || !trustLoader)
    throw new AppError('SIGNATURE_INVALID', 'Máy chủ không có chữ ký số để ký thay; hãy gửi chữ ký của bạn', [
      { field: '/signatureBase64', reason: 'no remote signer configured' },
    ]);
  const signer = await remoteSigner();
  return Buffer.from(await signDetachedCms(signer, data, { trust: trustLoader(), signingTime: at }));
}

/** Where the trust anchors, CRLs and revoked serials come from; read at each verification. */
export function configureApprovalTrust(loader: () => TrustStore): void {
  trustLoader = loader;
}

export async function verifySignature(cms: Buffer, data: Buffer): Promise<SignatureCheck> {
  if (!trustLoader) return { valid: false, subject: '', serial: '', reason: 'no trust list configured' };
  let trust: TrustStore;
  try {
    trust = trustLoader();
  } catch {
    return { valid: false, subject: '', serial: '', reason: 'trust list unreadable' };
  }
  const v = await verifyDetachedCms(cms, data, trust);
  return {
    valid: v.valid,
    subject: v.signer?.subject ?? '',
    serial: v.signer?.serial ?? '',
    reason: v.valid ? undefined : (v.reason ?? 'invalid'),
  };
}
