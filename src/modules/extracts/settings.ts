// What issuing and verifying extracts needs from the configuration: the competent person's and the
// agency's signers, the trust list and the public address printed in QR codes. The composition root or
// a test installs them; otherwise they come from config: SIGNING_* when set, else the demo PKI in
// DATA_DIR/pki, generated on first use so that `npm start` can issue extracts out of the box.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../platform/config.ts';
import {
  generateTestPki,
  loadSigner,
  loadTrustStore,
  parseSignerSpec,
  p12Signer,
  type Signer,
  type TrustStore,
} from '../../platform/signing/index.ts';

export interface ExtractSettings {
  person: Signer;
  agency: Signer;
  trust: TrustStore;
  publicBaseUrl: string;
}

let installed: Promise<ExtractSettings> | undefined;

export function installExtractSettings(s: ExtractSettings | undefined): void {
  installed = s ? Promise.resolve(s) : undefined;
}

/** The demo PKI's password: it guards throw-away test keys, never real ones. */
export const DEMO_PKI_PASSWORD = 'hoso-demo';

async function demoSigners(dataDir: string): Promise<{ person: Signer; agency: Signer }> {
  const dir = join(dataDir, 'pki');
  if (!existsSync(join(dir, 'agency.p12'))) {
    await generateTestPki(dir, {
      password: DEMO_PKI_PASSWORD,
      agency: 'Bộ Nội vụ (chứng thư thử nghiệm)',
      persons: [{ key: 'person', name: 'Nguyễn Văn An (thử nghiệm)' }],
    });
  }
  return {
    person: p12Signer(join(dir, 'person.p12'), DEMO_PKI_PASSWORD),
    agency: p12Signer(join(dir, 'agency.p12'), DEMO_PKI_PASSWORD),
  };
}

export async function settingsFromConfig(config: Config): Promise<ExtractSettings> {
  const s = config.signing;
  const demo = !s.agency || !s.person ? await demoSigners(config.dataDir) : undefined;
  const agency = s.agency ? await loadSigner(parseSignerSpec(s.agency, s.agencyPin)) : demo!.agency;
  const person = s.person ? await loadSigner(parseSignerSpec(s.person, s.personPin)) : demo!.person;
  const trust = loadTrustStore({
    anchorFiles: s.trustFiles,
    crlFiles: s.crlFiles.filter((f) => existsSync(f)),
    revokedSerials: s.revokedSerials,
  });
  return { person, agency, trust, publicBaseUrl: s.publicBaseUrl };
}

export function extractSettings(): Promise<ExtractSettings> {
  installed ??= settingsFromConfig(loadConfig()).catch((err: unknown) => {
    installed = undefined;
    throw err;
  });
  return installed;
}
