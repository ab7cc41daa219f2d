// CMS SignedData, detached, SHA-256, with the signing-certificate-v2 attribute (RFC 5035) that PAdES
// and CAdES ask for. The signature itself comes from a Signer (a file or a token), so this code never
// sees a private key. Signed attributes are DER-sorted: some verifiers (NSS, under poppler's pdfsig)
// re-encode them before checking the signature.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { asn1js, certInfo, checkChain, parseCert, pkijs, type CertInfo, type TrustStore } from './certs.ts';
import type { Signer } from './signer.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

export interface CmsOptions {
  /**
   * Adds a signing-time attribute. PAdES baseline forbids it (the time goes in the PDF's /M entry);
   * plain detached signatures (JSON extracts, manifests) carry it so the verifier can tell when.
   */
  signingTime?: Date;
}

function essCertIdV2(cert: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(der).digest();
  // hashAlgorithm is omitted: its DEFAULT is SHA-256, and DER leaves defaults out.
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] }),
        ],
      }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const id = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [id] })] });
}

function derOf(a: pkijs.Attribute): Uint8Array {
  return new Uint8Array(a.toSchema().toBER());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function signedAttributes(digest: Uint8Array, cert: pkijs.Certificate, der: Uint8Array, opts: CmsOptions) {
  const attrs = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [essCertIdV2(cert, der)] }),
  ];
  if (opts.signingTime) {
    attrs.push(
      new pkijs.Attribute({
        type: OID.signingTime,
        values: [new asn1js.UTCTime({ valueDate: opts.signingTime })],
      }),
    );
  }
  return attrs.map((a) => ({ a, der: derOf(a) })).sort((x, y) => compareBytes(x.der, y.der));
}

async function signerInfoFor(
  signer: Signer,
  digest: Uint8Array,
  opts: CmsOptions,
): Promise<pkijs.SignerInfo> {
  const [leafDer] = signer.chain;
  if (!leafDer) throw new Error('signer has no certificate');
  const leaf = parseCert(leafDer);
  const sorted = signedAttributes(digest, leaf, leafDer, opts);
  const toSign = new asn1js.Set({ value: sorted.map((s) => s.a.toSchema()) }).toBER();
  const signature = await signer.sign(new Uint8Array(toSign));
  return new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted.map((s) => s.a) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      signer.keyType === 'ec'
        ? { algorithmId: OID.ecdsaWithSha256 }
        : { algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() },
    ),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
}

/**
 * A detached CMS SignedData (DER) over a SHA-256 digest computed elsewhere (PAdES byte ranges), with
 * one SignerInfo per signer (in order; each signs the same content independently).
 */
export async function signDigestCmsBy(
  signers: readonly Signer[],
  digest: Uint8Array,
  opts: CmsOptions = {},
): Promise<Uint8Array> {
  const signerInfos: pkijs.SignerInfo[] = [];
  for (const s of signers) signerInfos.push(await signerInfoFor(s, digest, opts));
  const seen = new Set<string>();
  const certificates = signers
    .flatMap((s) => s.chain)
    .filter((der) => {
      const k = Buffer.from(der).toString('base64');
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .map(parseCert);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates,
    signerInfos,
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER());
}

/** A detached CMS over `data` by several signers, each with a signing time. */
export function signDetachedCmsBy(
  signers: readonly Signer[],
  data: Uint8Array,
  signingTime: Date,
): Promise<Uint8Array> {
  const digest = new Uint8Array(createHash('sha256').update(data).digest());
  return signDigestCmsBy(signers, digest, { signingTime });
}

/** signDigestCmsBy with one signer. */
export function signDigestCms(
  signer: Signer,
  digest: Uint8Array,
  opts: CmsOptions = {},
): Promise<Uint8Array> {
  return signDigestCmsBy([signer], digest, opts);
}

/** A detached CMS SignedData (DER) over `data`, with a signing time; `openssl cms -verify -binary` accepts it. */
export async function signDetachedCms(
  signer: Signer,
  data: Uint8Array,
  opts?: CmsOptions,
): Promise<Uint8Array> {
  const digest = createHash('sha256').update(data).digest();
  return signDigestCms(signer, new Uint8Array(digest), { signingTime: opts?.signingTime ?? new Date() });
}

export interface CmsVerification {
  /** The signature matches the data and the signer's chain is trusted, unexpired and unrevoked at signing. */
  valid: boolean;
  /** The data do not match the signature (edited after signing), or the CMS is malformed. */
  tampered: boolean;
  signer?: CertInfo;
  /** The signing-time attribute, if any. */
  signedAt?: Date;
  reason?: string;
}

function signingTimeOf(si: pkijs.SignerInfo): Date | undefined {
  const attr = si.signedAttrs?.attributes.find((a) => a.type === OID.signingTime);
  const v = attr?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return v ? v.toDate() : undefined;
}

function certFor(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const sid = si.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return (sd.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
}

async function checkSignerInfo(
  sd: pkijs.SignedData,
  si: pkijs.SignerInfo,
  digest: Uint8Array,
  trust: TrustStore,
  at: Date | undefined,
): Promise<CmsVerification> {
  const leaf = certFor(sd, si);
  if (!leaf) return { valid: false, tampered: true, reason: 'no signer certificate' };
  const leafDer = new Uint8Array(leaf.toSchema().toBER());
  const signer = certInfo(leafDer);
  const signedAt = signingTimeOf(si);
  const md = si.signedAttrs?.attributes.find((a) => a.type === OID.messageDigest)?.values[0] as
    asn1js.OctetString | undefined;
  if (!md || Buffer.compare(Buffer.from(md.valueBlock.valueHexView), Buffer.from(digest)) !== 0) {
    return { valid: false, tampered: true, signer, signedAt, reason: 'digest mismatch' };
  }
  if (!signatureMatches(si, leaf))
    return { valid: false, tampered: true, signer, signedAt, reason: 'bad signature' };
  const chain = [leafDer, ...otherCerts(sd, leaf)];
  const check = await checkChain(chain, trust, at ?? signedAt ?? new Date());
  if (!check.ok) return { valid: false, tampered: false, signer, signedAt, reason: check.problem };
  return { valid: true, tampered: false, signer, signedAt };
}

/**
 * Checks every SignerInfo of a detached CMS over a SHA-256 digest of the data (the data themselves, or
 * PDF byte ranges), each at `at` or else at its own signing time.
 */
export async function verifyDigestCmsAll(
  cms: Uint8Array,
  digest: Uint8Array,
  trust: TrustStore,
  at?: Date,
): Promise<CmsVerification[]> {
  let sd: pkijs.SignedData;
  try {
    sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms)).content });
  } catch {
    return [{ valid: false, tampered: true, reason: 'malformed CMS' }];
  }
  if (sd.signerInfos.length === 0) return [{ valid: false, tampered: true, reason: 'no signer' }];
  const out: CmsVerification[] = [];
  for (const si of sd.signerInfos) out.push(await checkSignerInfo(sd, si, digest, trust, at));
  return out;
}

/** The first signer's result of verifyDigestCmsAll (a CMS with one signer). */
export async function verifyDigestCms(
  cms: Uint8Array,
  digest: Uint8Array,
  trust: TrustStore,
  at?: Date,
): Promise<CmsVerification> {
  return (await verifyDigestCmsAll(cms, digest, trust, at))[0]!;
}

function signatureMatches(si: pkijs.SignerInfo, leaf: pkijs.Certificate): boolean {
  const attrs = si.signedAttrs?.encodedValue;
  if (!attrs || attrs.byteLength === 0) return false;
  try {
    const key = createPublicKey({
      key: Buffer.from(leaf.subjectPublicKeyInfo.toSchema().toBER()),
      format: 'der',
      type: 'spki',
    });
    return verify('sha256', new Uint8Array(attrs), key, si.signature.valueBlock.valueHexView);
  } catch {
    return false;
  }
}

function otherCerts(sd: pkijs.SignedData, leaf: pkijs.Certificate): Uint8Array[] {
  return (sd.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== leaf)
    .map((c) => new Uint8Array(c.toSchema().toBER()));
}

/** Checks a detached CMS over `data` against the trust list, at its signing time (its first signer). */
export async function verifyDetachedCms(
  cms: Uint8Array,
  data: Uint8Array,
  trust: TrustStore,
): Promise<CmsVerification> {
  const digest = new Uint8Array(createHash('sha256').update(data).digest());
  return verifyDigestCms(cms, digest, trust);
}

/** Every signer of a detached CMS over `data` (JSON extracts carry two). */
export async function verifyDetachedCmsAll(
  cms: Uint8Array,
  data: Uint8Array,
  trust: TrustStore,
): Promise<CmsVerification[]> {
  const digest = new Uint8Array(createHash('sha256').update(data).digest());
  return verifyDigestCmsAll(cms, digest, trust);
}
