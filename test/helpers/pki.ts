// A test PKI generated once per test process (into a temporary folder): root CA, agency and person
// certificates as PKCS#12 files, plus an expired and a revoked person, with ready Signers and the
// trust list. Validity is anchored on the real clock and also covers TEST_NOW.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateTestPki,
  loadTrustStore,
  p12Signer,
  pemBlocks,
  type GeneratedPki,
  type Signer,
  type TrustStore,
} from '../../src/platform/signing/index.ts';
import { installExtractSettings } from '../../src/modules/extracts/index.ts';

export interface TestPki {
  files: GeneratedPki;
  /** Root CA + CRL (the revoked person is on it). */
  trust: TrustStore;
  agency: Signer;
  /** Competent persons: "person" (Nguyễn Văn An) and "approver" (Phạm Thị Bình). */
  person: Signer;
  approver: Signer;
  expired: Signer;
  revoked: Signer;
}

let cached: Promise<TestPki> | undefined;

async function build(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-pki-'));
  const files = await generateTestPki(dir, {
    // TEST_NOW (2026-11-20) and the real clock both fall inside the validity.
    now: new Date(Math.min(Date.now(), Date.parse('2026-11-20T03:00:00Z'))),
    persons: [
      { key: 'person', name: 'Nguyễn Văn An' },
      { key: 'approver', name: 'Phạm Thị Bình' },
    ],
  });
  const trust = loadTrustStore({ anchorFiles: [files.trustFile], crlFiles: [files.crlFile] });
  const load = (k: string) => p12Signer(files.p12[k]!, files.password);
  return {
    files,
    trust,
    agency: load('agency'),
    person: load('person'),
    approver: load('approver'),
    expired: load('expired'),
    revoked: load('revoked'),
  };
}

/** The process's test PKI (generated on first use, ~1 s). */
export function testPki(): Promise<TestPki> {
  cached ??= build();
  return cached;
}

/**
 * Whether a Debian tool the acceptance tests drive (pdfsig, softhsm2-util, pkcs11-tool, certutil,
 * openssl) is installed. In CI a missing tool fails the test (the suite must prove the signatures
 * there); on a developer machine the test is skipped.
 */
export function hasTool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found && process.env.CI === 'true') throw new Error(`${name} is required in CI (see .ci/run)`);
  return found;
}

export interface SoftToken {
  module: string;
  tokenLabel: string;
  keyId: string;
  pin: string;
  env: Record<string, string>;
}

export const SOFTHSM_MODULE = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
].find((p) => existsSync(p));

/** A fresh SoftHSM2 token holding the "person" key and certificate (id 01). */
export async function softToken(): Promise<SoftToken> {
  const pki = await testPki();
  const dir = mkdtempSync(join(tmpdir(), 'hoso-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  writeFileSync(
    join(dir, 'softhsm2.conf'),
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\n`,
  );
  const env = { SOFTHSM2_CONF: join(dir, 'softhsm2.conf') };
  const opts = { env: { ...process.env, ...env }, stdio: 'pipe' as const };
  const t = { module: SOFTHSM_MODULE ?? '', tokenLabel: 'hoso-test', keyId: '01', pin: '1234', env };
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', t.tokenLabel, '--so-pin', '5678', '--pin', t.pin],
    opts,
  );
  const keys = pki.files.keys.person!;
  writeFileSync(join(dir, 'key.pem'), keys.keyPem);
  writeFileSync(join(dir, 'cert.der'), pemBlocks(keys.certPem)[0]!);
  execFileSync(
    'softhsm2-util',
    [
      '--import',
      join(dir, 'key.pem'),
      '--token',
      t.tokenLabel,
      '--label',
      'person',
      '--id',
      t.keyId,
      '--pin',
      t.pin,
    ],
    opts,
  );
  const p11 = ['--module', t.module, '--token-label', t.tokenLabel, '--login', '--pin', t.pin];
  execFileSync(
    'pkcs11-tool',
    [...p11, '--write-object', join(dir, 'cert.der'), '--type', 'cert', '--id', t.keyId, '--label', 'person'],
    opts,
  );
  return t;
}

/** A throw-away NSS database trusting the test root, for `pdfsig -nssdir`. */
export async function nssDb(): Promise<string> {
  const pki = await testPki();
  const db = mkdtempSync(join(tmpdir(), 'hoso-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password'], { stdio: 'pipe' });
  const args = ['-A', '-d', `sql:${db}`, '-n', 'hoso-test-root', '-t', 'CT,C,C', '-i', pki.files.trustFile];
  execFileSync('certutil', args, { stdio: 'pipe' });
  return db;
}

/** Runs poppler's pdfsig on the bytes against the test root; its report (stdout + stderr) and exit code. */
export async function pdfsig(pdf: Uint8Array): Promise<{ out: string; status: number | null }> {
  const db = await nssDb();
  const file = join(db, 'doc.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${db}`, file], { encoding: 'utf8' });
  return { out: `${r.stdout}${r.stderr}`, status: r.status };
}

/** Makes the extracts module sign with the test PKI (instead of DATA_DIR/pki). */
export async function useTestSigning(publicBaseUrl = 'https://hoso.test'): Promise<TestPki> {
  const pki = await testPki();
  installExtractSettings({ person: pki.person, agency: pki.agency, trust: pki.trust, publicBaseUrl });
  return pki;
}
