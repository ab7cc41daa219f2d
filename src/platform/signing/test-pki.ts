// Generates a throw-away PKI for tests and the demo: a root CA, an agency certificate, person
// certificates (PKCS#12 files), one expired and one revoked person, and a CRL naming the revoked one.
// Node only (webcrypto + @peculiar/x509 + node-forge), so `npm start` needs no openssl binary.
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import { toPem } from './certs.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86_400_000;

export interface PkiIdentity {
  /** File-name-safe key, e.g. "agency", "person-1". */
  key: string;
  /** Common name shown as the signer, e.g. "Nguyễn Văn An". */
  name: string;
}

export interface GeneratedPki {
  dir: string;
  password: string;
  rootPem: string;
  /** The trust list file (the root, PEM). */
  trustFile: string;
  crlFile: string;
  /** PKCS#12 file per identity key, plus "expired" and "revoked". */
  p12: Record<string, string>;
  /** The PKCS#8 PEM private key and certificate PEM per identity key (to load onto a token). */
  keys: Record<string, { keyPem: string; certPem: string }>;
}

const serial = () => {
  const b = randomBytes(12);
  b[0] = b[0]! & 0x7f || 1;
  return b.toString('hex');
};

async function issue(
  ca: { cert: x509.X509Certificate; keys: CryptoKeyPair },
  name: string,
  from: Date,
  to: Date,
  org: string,
) {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: [name] }, { O: [org] }, { C: ['VN'] }],
    issuer: ca.cert.subject,
    notBefore: from,
    notAfter: to,
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

function p12Bytes(keyPem: string, certs: string[], password: string, friendlyName: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPem),
    certs.map((c) => forge.pki.certificateFromPem(c)),
    password,
    { algorithm: 'aes256', friendlyName },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

async function makeRoot(now: Date, org: string) {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: ['Hoso Test Root CA'] }, { O: [org] }, { C: ['VN'] }],
    notBefore: new Date(now.getTime() - 2 * DAY),
    notAfter: new Date(now.getTime() + 20 * 365 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

/**
 * Writes the PKI into `dir`. `now` anchors validity: certificates run from two days before to five
 * years after it; "expired" ended a day before it; "revoked" is listed in the CRL.
 */
export async function generateTestPki(
  dir: string,
  opts: { now?: Date; agency?: string; persons?: PkiIdentity[]; password?: string } = {},
): Promise<GeneratedPki> {
  const now = opts.now ?? new Date();
  const org = opts.agency ?? 'Bộ Nội vụ (thử nghiệm)';
  const password = opts.password ?? 'hoso-test';
  mkdirSync(dir, { recursive: true });
  const root = await makeRoot(now, org);
  const rootPem = root.cert.toString('pem') + '\n';
  const from = new Date(now.getTime() - 2 * DAY);
  const until = new Date(now.getTime() + 5 * 365 * DAY);
  const ids: (PkiIdentity & { from: Date; to: Date })[] = [
    { key: 'agency', name: org, from, to: until },
    ...(opts.persons ?? [{ key: 'person', name: 'Nguyễn Văn An' }]).map((p) => ({ ...p, from, to: until })),
    {
      key: 'expired',
      name: 'Trần Thị Hết Hạn',
      from: new Date(now.getTime() - 400 * DAY),
      to: new Date(now.getTime() - DAY),
    },
    { key: 'revoked', name: 'Lê Văn Thu Hồi', from, to: until },
  ];
  const out: GeneratedPki = {
    dir,
    password,
    rootPem,
    trustFile: join(dir, 'trust.pem'),
    crlFile: join(dir, 'crl.pem'),
    p12: {},
    keys: {},
  };
  writeFileSync(out.trustFile, rootPem);
  let revokedSerial = '';
  for (const id of ids) {
    const { cert, keys } = await issue(root, id.name, id.from, id.to, org);
    const keyPem = await pkcs8Pem(keys.privateKey);
    const certPem = cert.toString('pem') + '\n';
    if (id.key === 'revoked') revokedSerial = cert.serialNumber;
    out.keys[id.key] = { keyPem, certPem };
    const file = join(dir, `${id.key}.p12`);
    writeFileSync(file, p12Bytes(keyPem, [certPem, rootPem], password, id.name), { mode: 0o600 });
    writeFileSync(join(dir, `${id.key}.pem`), certPem);
    out.p12[id.key] = file;
  }
  const crl = await x509.X509CrlGenerator.create({
    issuer: root.cert.subject,
    thisUpdate: from,
    nextUpdate: until,
    entries: [
      { serialNumber: revokedSerial, revocationDate: from, reason: x509.X509CrlReason.keyCompromise },
    ],
    signingKey: root.keys.privateKey,
    signingAlgorithm: ALG,
  });
  writeFileSync(out.crlFile, toPem(new Uint8Array(crl.rawData), 'X509 CRL'));
  return out;
}
