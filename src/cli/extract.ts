// `hoso extract verify FILE`: checks a PDF or JSON extract offline — its signatures against the trust
// list (SIGNING_TRUST_FILES / --trust) and, unless --no-db, the local registry for revocation.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { VerifyResult } from '../../api/extracts.ts';
import { loadConfig } from '../platform/config.ts';
import type { Ctx } from '../platform/context.ts';
import { loadTrustStore } from '../platform/signing/index.ts';
import { verifyJsonFile, verifyPdfFile, type Registry } from '../modules/extracts/index.ts';

const USAGE = `Cách dùng / usage: hoso extract verify FILE [--sig FILE.p7s] [--trust ROOT.pem]… [--no-db]
  FILE is a signed PDF extract, or a JSON extract with its detached signature (default FILE.p7s).
  Exit 0 when valid; 1 when tampered, revoked or unknown.`;

function print(r: VerifyResult): void {
  console.log(`${r.status.toUpperCase()}: ${r.message}`);
  if (r.extract) {
    console.log(
      `  số ${r.extract.number} · mã ${r.extract.code} · ${r.extract.personName} · ${r.extract.issuingUnit}`,
    );
    if (r.extract.revokedAt) console.log(`  thu hồi ${r.extract.revokedAt}: ${r.extract.revokeReason}`);
  }
  for (const s of r.signatures) {
    console.log(
      `  ${s.valid ? '✔' : '✘'} ${s.signer ?? '?'} ${s.signedAt ?? ''}${s.problem ? ` (${s.problem})` : ''}`,
    );
  }
}

export async function extractCommand(
  args: string[],
  withDb: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sig: { type: 'string' },
      trust: { type: 'string', multiple: true },
      'no-db': { type: 'boolean', default: false },
    },
  });
  const [sub, file] = positionals;
  if (sub !== 'verify' || !file) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const trust = loadTrustStore({
    anchorFiles: values.trust ?? config.signing.trustFiles,
    crlFiles: config.signing.crlFiles.filter((f) => existsSync(f)),
    revokedSerials: config.signing.revokedSerials,
  });
  const bytes = readFileSync(file);
  const isPdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  const sigFile = values.sig ?? `${file}.p7s`;
  if (!isPdf && !existsSync(sigFile)) {
    console.error(`no signature file ${sigFile}: pass --sig`);
    return 2;
  }
  const check = (db: Registry) =>
    isPdf ? verifyPdfFile(db, bytes, trust) : verifyJsonFile(db, bytes, readFileSync(sigFile), trust);
  const result = values['no-db'] ? await check(undefined) : await withDb((ctx) => check(ctx.db));
  print(result);
  return result.status === 'valid' ? 0 : 1;
}
