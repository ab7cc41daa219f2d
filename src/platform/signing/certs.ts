// Certificates and the trust list: parsing, the chain check against configured trust anchors, and
// revocation (CRLs from the anchors' issuers, plus a configured list of revoked serial numbers for
// certificates whose CA publishes no CRL we can reach — the system has no network to fetch one).
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

export interface CertInfo {
  subject: string;
  /** The subject's common name, for display ("who signed"). */
  commonName: string;
  issuer: string;
  /** Lower-case hex, no leading zeros beyond one byte. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
}

export interface TrustStore {
  anchors: Uint8Array[];
  crls: Uint8Array[];
  /** Revoked certificate serials (lower-case hex) from the configured revocation list. */
  revokedSerials: Set<string>;
}

export type ChainProblem = 'untrusted' | 'expired' | 'not-yet-valid' | 'revoked';

export interface ChainCheck {
  ok: boolean;
  problem?: ChainProblem;
  reason?: string;
}

const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
};

/** Splits PEM text (any number of blocks of one label) into DER buffers. */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')));
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** Reads certificates (PEM, or one DER) or CRLs from files. */
export function readDerFiles(files: readonly string[], label = 'CERTIFICATE'): Uint8Array[] {
  return files.flatMap((f) => {
    const buf = readFileSync(f);
    const text = buf.toString('latin1');
    return text.includes('-----BEGIN') ? pemBlocks(text, label) : [new Uint8Array(buf)];
  });
}

export function parseCert(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAME_KEYS[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .join(', ');
}

function commonNameOf(name: pkijs.RelativeDistinguishedNames): string {
  const cn = name.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : nameToString(name);
}

export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView)
    .toString('hex')
    .replace(/^(00)+(?=..)/, '');
}

export function certInfo(der: Uint8Array): CertInfo {
  const c = parseCert(der);
  return {
    subject: nameToString(c.subject),
    commonName: commonNameOf(c.subject),
    issuer: nameToString(c.issuer),
    serial: serialHex(c),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

export function loadTrustStore(opts: {
  anchorFiles: readonly string[];
  crlFiles?: readonly string[];
  revokedSerials?: readonly string[];
}): TrustStore {
  return {
    anchors: readDerFiles(opts.anchorFiles),
    crls: readDerFiles(opts.crlFiles ?? [], '(?:X509 )?CRL'),
    revokedSerials: new Set(
      (opts.revokedSerials ?? []).map((s) => s.toLowerCase().replace(/^(00)+(?=..)/, '')),
    ),
  };
}

async function revokedByCrl(
  cert: pkijs.Certificate,
  issuers: pkijs.Certificate[],
  crls: readonly Uint8Array[],
): Promise<boolean> {
  for (const der of crls) {
    const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
    if (!crl.issuer.isEqual(cert.issuer)) continue;
    const issuer = issuers.find((i) => i.subject.isEqual(crl.issuer));
    // A CRL is believed only when its issuer (a certificate in the checked chain) signed it.
    if (!issuer || !(await crl.verify({ issuerCertificate: issuer }))) continue;
    if (crl.isCertificateRevoked(cert)) return true;
  }
  return false;
}

/**
 * Checks a signer chain (leaf first) at `at`: it must end at a trust anchor, every certificate must
 * be within its validity, and no certificate may be revoked.
 */
export async function checkChain(
  chain: readonly Uint8Array[],
  trust: TrustStore,
  at: Date,
): Promise<ChainCheck> {
  const [leafDer] = chain;
  if (!leafDer) return { ok: false, problem: 'untrusted', reason: 'no certificate' };
  const certs = chain.map(parseCert);
  const anchors = trust.anchors.map(parseCert);
  for (const c of certs) {
    if (c.notAfter.value < at) return { ok: false, problem: 'expired', reason: `${serialHex(c)} expired` };
    if (c.notBefore.value > at) return { ok: false, problem: 'not-yet-valid', reason: `${serialHex(c)}` };
  }
  // pkijs takes the last certificate as the one to validate: the leaf goes last.
  const ordered = [...certs.slice(1), certs[0]!];
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors,
    certs: ordered,
    checkDate: at,
  });
  const result = await engine.verify();
  if (!result.result) return { ok: false, problem: 'untrusted', reason: result.resultMessage };
  const all = [...certs, ...anchors];
  for (const c of certs) {
    if (trust.revokedSerials.has(serialHex(c)) || (await revokedByCrl(c, all, trust.crls))) {
      return { ok: false, problem: 'revoked', reason: `${serialHex(c)} revoked` };
    }
  }
  return { ok: true };
}

export { asn1js, pkijs };
