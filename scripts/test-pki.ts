// Generates the demo/test PKI: a test root CA, the agency's certificate and person certificates as
// PKCS#12 files, an expired and a revoked person, and a CRL — Node only (no openssl binary).
//   npx tsx scripts/test-pki.ts [DIR] [--person "Họ Tên"]…
// DIR defaults to DATA_DIR/pki, where `npm start` looks for the demo's signers (it also generates
// them there on the first extract when missing). Not for production: the keys are throw-away.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config.ts';
import { generateTestPki } from '../src/platform/signing/index.ts';
import { DEMO_PKI_PASSWORD } from '../src/modules/extracts/settings.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { person: { type: 'string', multiple: true } },
});
const dir = positionals[0] ?? join(loadConfig().dataDir, 'pki');
const names = values.person ?? ['Nguyễn Văn An (thử nghiệm)'];
const pki = await generateTestPki(dir, {
  password: DEMO_PKI_PASSWORD,
  agency: 'Bộ Nội vụ (chứng thư thử nghiệm)',
  persons: names.map((name, i) => ({ key: i === 0 ? 'person' : `person-${i + 1}`, name })),
});
console.log(`test PKI written to ${pki.dir} (PKCS#12 password: ${pki.password})`);
for (const [key, file] of Object.entries(pki.p12)) console.log(`  ${key.padEnd(10)} ${file}`);
console.log(`  trust      ${pki.trustFile}\n  crl        ${pki.crlFile}`);
