// `npm run bench`: runs every benchmark and writes its numbers to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { installKeys, parseKeys } from '../src/platform/crypto.ts';
import { runCoreBench } from './core.bench.ts';
import { runBackupBench } from './backup.bench.ts';
import { runExtractsBench } from './extracts.bench.ts';
import { runAnalyticsBench } from './analytics.bench.ts';
import { runImportBench } from './imports.bench.ts';
import { runSharingBench } from './sharing.bench.ts';
import { runPortalBench } from './portal.bench.ts';
import { runFederationBench } from './federation.bench.ts';
import { runContentBench } from './content.bench.ts';
import { runLoadBench } from './load.bench.ts';

// Throw-away keys: benchmarks encrypt and chain audit events like production, on data nobody keeps.
installKeys(parseKeys(`b1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')));

const results = {
  at: new Date().toISOString(),
  node: process.version,
  core: process.env.BENCH_CORE === '0' ? undefined : await runCoreBench(),
  // Backup and restore of the seeded database (issue 7): only when asked, it doubles the run's time.
  backup: process.env.BENCH_BACKUP === '1' ? await runBackupBench() : undefined,
  // Signed extracts per second on one core, 1,000 people (issue 6): only when asked.
  extracts: process.env.BENCH_EXTRACTS === '1' ? await runExtractsBench() : undefined,
  // Workforce analytics at national scale (issue 5): 2.5M e-records by default, on the PostgreSQL server.
  analytics: process.env.BENCH_ANALYTICS === '1' ? await runAnalyticsBench() : undefined,
  // Bulk import of 100,000 rows from XLSX and CSV into the PostgreSQL server (issue 9): only when asked.
  import: process.env.BENCH_IMPORT === '1' ? await runImportBench() : undefined,
  // A data-sharing client's calls through HTTP: token, one record, a search page (issue 9): only when asked.
  sharing: process.env.BENCH_SHARING === '1' ? await runSharingBench() : undefined,
  // The portal's overview cold load in Chromium (issue 8: under 2 s on localhost): only when asked.
  portal: process.env.BENCH_PORTAL === '1' ? await runPortalBench() : undefined,
  // A node's first load of the nation's structure, one answer against pages (issue 9): only when asked.
  federation: process.env.BENCH_FEDERATION === '1' ? await runFederationBench() : undefined,
  // The typed e-record content against the revision before it: record read and search (issue 15).
  content: process.env.BENCH_CONTENT === '1' ? await runContentBench() : undefined,
  // A real server under load over loopback, 200,000 e-records on PostgreSQL, beside pgbench, and a
  // login flood beside the reads (issue 16): only when asked.
  load: process.env.BENCH_LOAD === '1' ? await runLoadBench() : undefined,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/bench-${results.at.slice(0, 19).replace(/[:T]/g, '-')}.json`,
  import.meta.url,
);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nresults written to ${file.pathname}`);
process.exit(0);
