// The demo works out of the box: without SIGNING_* settings, a test PKI is generated in DATA_DIR/pki
// once, and its signers pass the pre-signing check against its own trust list.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { assertSignerUsable, certInfo } from '../../platform/signing/index.ts';
import { settingsFromConfig } from './settings.ts';

describe('extract signing settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoso-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates the demo PKI in DATA_DIR/pki once and signs with it', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: 'https://hoso.example/' });
    const s = await settingsFromConfig(config);
    expect(existsSync(join(dataDir, 'pki', 'agency.p12'))).toBe(true);
    expect(s.publicBaseUrl).toBe('https://hoso.example');
    await assertSignerUsable(s.person, s.trust, new Date());
    await assertSignerUsable(s.agency, s.trust, new Date());
    expect(certInfo(s.agency.chain[0]!).commonName).toBe('Bộ Nội vụ (chứng thư thử nghiệm)');
    const before = statSync(join(dataDir, 'pki', 'agency.p12')).mtimeMs;
    await settingsFromConfig(config);
    expect(statSync(join(dataDir, 'pki', 'agency.p12')).mtimeMs).toBe(before);
  });

  it('takes signers from SIGNING_* specs', async () => {
    const dir = join(dataDir, 'pki');
    const config = loadConfig({
      DATA_DIR: join(dataDir, 'elsewhere'),
      SIGNING_PERSON: `p12:${join(dir, 'person.p12')}`,
      SIGNING_PERSON_PIN: 'hoso-demo',
      SIGNING_AGENCY: `p12:${join(dir, 'agency.p12')}`,
      SIGNING_AGENCY_PIN: 'hoso-demo',
      SIGNING_TRUST_FILES: join(dir, 'trust.pem'),
    });
    const s = await settingsFromConfig(config);
    await assertSignerUsable(s.person, s.trust, new Date());
    expect(existsSync(join(dataDir, 'elsewhere', 'pki'))).toBe(false);
  });
});
