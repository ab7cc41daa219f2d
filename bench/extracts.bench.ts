// Issue 6 benchmark (BENCH_EXTRACTS=1): signed extracts per second on one core. Seeds the demo into an
// in-memory PGlite (the database runs in the same thread: one core for everything), then issues a
// batch of extracts (BENCH_EXTRACTS_N, default 1,000 people), one after another, each a PDF with two
// PAdES signatures plus a JSON with a two-signer detached CMS, registered and audited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemCtx } from '../src/platform/context.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { generateTestPki, loadTrustStore, p12Signer } from '../src/platform/signing/index.ts';
import { installExtractSettings, issueExtract } from '../src/modules/extracts/index.ts';

const N = Number(process.env.BENCH_EXTRACTS_N ?? 1000);
const NOW = new Date('2026-11-20T03:00:00Z');

export async function runExtractsBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-bench-pki-'));
  const d = await connect({});
  try {
    const pki = await generateTestPki(dir, { now: NOW });
    const trust = loadTrustStore({ anchorFiles: [pki.trustFile], crlFiles: [pki.crlFile] });
    installExtractSettings({
      person: p12Signer(pki.p12.person!, pki.password),
      agency: p12Signer(pki.p12.agency!, pki.password),
      trust,
      publicBaseUrl: 'https://hoso.example',
    });
    await migrateToLatest(d.db);
    const ctx = systemCtx(d.db, NOW, 'system:bench');
    await seedDemo(ctx, { employees: N });
    const ids = (await d.db.selectFrom('employees').select('id').limit(N).execute()).map((r) => r.id);
    await issueExtract(ctx, ids[0]!); // warm-up: fonts, JIT
    let bytes = 0;
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const id of ids) bytes += (await issueExtract(ctx, id)).pdf.length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // CPU time of this process too: on a shared machine the wall clock also counts other work.
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const result = {
      people: ids.length,
      seconds: +(ms / 1000).toFixed(1),
      extractsPerSecond: +((ids.length * 1000) / ms).toFixed(1),
      msPerExtract: +(ms / ids.length).toFixed(1),
      cpuMsPerExtract: +(cpuMs / ids.length).toFixed(1),
      extractsPerCpuSecond: +((ids.length * 1000) / cpuMs).toFixed(1),
      avgPdfKiB: +((bytes * 0.75) / ids.length / 1024).toFixed(1),
    };
    console.log('extracts', result);
    return result;
  } finally {
    installExtractSettings(undefined);
    await d.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
