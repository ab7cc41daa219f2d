// Verifying the approver's detached CMS signature over a manifest, through the signing seam, against
// the node's trust list (configured at start; tests install their own).
import { verifyDetachedCms, type TrustStore } from '../../platform/signing/index.ts';

export interface SignatureCheck {
  valid: boolean;
  subject: string;
  serial: string;
  reason?: string | undefined;
}

let trustLoader: (() => TrustStore) | undefined;

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
