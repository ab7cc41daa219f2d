// Verifying the approver's detached CMS signature over a manifest, through the signing seam.
export interface SignatureCheck {
  valid: boolean;
  subject: string;
  serial: string;
  reason?: string | undefined;
}

export async function verifySignature(_cms: Buffer, _data: Buffer): Promise<SignatureCheck> {
  return { valid: false, subject: '', serial: '', reason: 'signing seam not wired yet' };
}
