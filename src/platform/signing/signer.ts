// The signer seam: one interface for every place a key lives. A PKCS#12 file is read into memory; a
// PKCS#11 token (USB token, HSM; SoftHSM2 in tests) keeps its key and is driven through OpenSC's
// pkcs11-tool, so Node needs no native addon (see docs/decisions/0004-signing.md).
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { readDerFiles } from './certs.ts';

export interface Signer {
  /** The signer's certificate first, then intermediates (DER); the root may be left out. */
  readonly chain: readonly Uint8Array[];
  readonly keyType: 'rsa' | 'ec';
  /** SHA-256 with the key over `data`: RSA PKCS#1 v1.5, or DER-encoded ECDSA. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export type SignerConfig =
  | { kind: 'p12'; file: string; password: string }
  | {
      kind: 'pkcs11';
      /** The PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
      module: string;
      tokenLabel: string;
      /** CKA_ID of the key and its certificate on the token, hex. */
      keyId: string;
      pin: string;
      /** Intermediate certificates (PEM) when the token holds only the signer's own. */
      chainFile?: string;
      /** Extra environment for the module (SoftHSM2 reads SOFTHSM2_CONF). */
      env?: Record<string, string>;
    };

/** A signer from a private key and chain already in memory (PKCS#12 contents, tests). */
export function keySigner(key: KeyObject, chain: readonly Uint8Array[]): Signer {
  const keyType = key.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  return {
    chain,
    keyType,
    sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)),
  };
}

function derOfForgeCert(c: forge.pki.Certificate): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary'));
}

/** Reads a PKCS#12 file: its key, and its certificates ordered leaf first (the one matching the key). */
export function p12Signer(file: string, password: string): Signer {
  const bytes = readFileSync(file).toString('binary');
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes), false, password);
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
    forge.pki.oids.pkcs8ShroudedKeyBag!
  ]?.[0];
  if (!keyBag?.key) throw new Error(`${file}: no private key`);
  const forgeKey = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const isLeaf = (c: forge.pki.Certificate) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(forgeKey.n);
  const ordered = [...certs.filter(isLeaf), ...certs.filter((c) => !isLeaf(c))];
  if (!ordered[0] || !isLeaf(ordered[0])) throw new Error(`${file}: no certificate for the key`);
  const key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey));
  return keySigner(key, ordered.map(derOfForgeCert));
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { env, encoding: 'buffer', maxBuffer: 1 << 24 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} failed: ${stderr.toString().trim() || err.message}`));
        else resolve(stdout);
      },
    );
    if (input) child.stdin?.end(Buffer.from(input));
    else child.stdin?.end();
  });
}

/** A signer whose key stays on a PKCS#11 token; the certificate is read from the token. */
export async function pkcs11Signer(cfg: Extract<SignerConfig, { kind: 'pkcs11' }>): Promise<Signer> {
  // The PIN travels in the environment, not on the command line where `ps` would show it.
  const env = { ...process.env, ...cfg.env, HOSO_PKCS11_PIN: cfg.pin };
  const base = ['--module', cfg.module, '--token-label', cfg.tokenLabel, '--id', cfg.keyId];
  const cert = await run('pkcs11-tool', [...base, '--read-object', '--type', 'cert'], env);
  if (cert.length === 0) throw new Error(`token ${cfg.tokenLabel}: no certificate with id ${cfg.keyId}`);
  const chain = [new Uint8Array(cert), ...(cfg.chainFile ? readDerFiles([cfg.chainFile]) : [])];
  const login = ['--login', '--pin', 'env:HOSO_PKCS11_PIN'];
  return {
    chain,
    keyType: 'rsa',
    sign: async (data) =>
      new Uint8Array(
        await run('pkcs11-tool', [...base, ...login, '--sign', '-m', 'SHA256-RSA-PKCS'], env, data),
      ),
  };
}

export async function loadSigner(cfg: SignerConfig): Promise<Signer> {
  return cfg.kind === 'p12' ? p12Signer(cfg.file, cfg.password) : pkcs11Signer(cfg);
}

/**
 * Parses a signer spec from configuration: `p12:/path/file.p12`, or
 * `pkcs11:module=/usr/lib/softhsm/libsofthsm2.so;token=hoso;id=01[;chain=/path/chain.pem]`.
 * The password/PIN comes separately (its own setting).
 */
export function parseSignerSpec(spec: string, secret: string): SignerConfig {
  if (spec.startsWith('p12:')) return { kind: 'p12', file: spec.slice(4), password: secret };
  if (spec.startsWith('pkcs11:')) {
    const kv = new Map(
      spec
        .slice(7)
        .split(';')
        .map((p) => p.split('=') as [string, string]),
    );
    const module = kv.get('module');
    const tokenLabel = kv.get('token');
    const keyId = kv.get('id');
    if (!module || !tokenLabel || !keyId)
      throw new Error('config: pkcs11 signer needs module=, token= and id=');
    const chainFile = kv.get('chain');
    return { kind: 'pkcs11', module, tokenLabel, keyId, pin: secret, ...(chainFile ? { chainFile } : {}) };
  }
  throw new Error('config: a signer spec starts with p12: or pkcs11:');
}
