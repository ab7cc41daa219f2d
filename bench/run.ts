// `npm run bench`: runs every benchmark and writes its numbers to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCoreBench } from './core.bench.ts';

const results = { at: new Date().toISOString(), node: process.version, core: await runCoreBench() };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/bench-${results.at.slice(0, 19).replace(/[:T]/g, '-')}.json`,
  import.meta.url,
);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nresults written to ${file.pathname}`);
process.exit(0);
