// Issue 15 benchmark (BENCH_CONTENT=1): the typed record must not slow the record read or the search.
// The same child (bench/content.child.ts) runs against this checkout and against a baseline revision
// checked out as a git worktree (BENCH_CONTENT_BASELINE, default the last commit before the typed
// content), alternating, on the PostgreSQL server; each side seeds its own demo (so the current side
// carries the fuller demo records) and is timed through the HTTP API. Ratios = current / baseline.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt, type Timing } from './stats.ts';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const BASELINE = process.env.BENCH_CONTENT_BASELINE ?? 'b5955c3';
const ROUNDS = Number(process.env.BENCH_CONTENT_ROUNDS ?? 2);
const TREE = '/tmp/hoso-content-baseline';

interface Side {
  seedMs: number;
  recordBytes: number;
  read: Timing;
  search: Timing;
}

function baselineTree(): string {
  if (existsSync(TREE)) execFileSync('git', ['-C', HERE, 'worktree', 'remove', '--force', TREE]);
  rmSync(TREE, { recursive: true, force: true });
  execFileSync('git', ['-C', HERE, 'worktree', 'add', '--detach', TREE, BASELINE], { stdio: 'ignore' });
  symlinkSync(`${HERE}node_modules`, `${TREE}/node_modules`);
  return TREE;
}

function runSide(root: string): Side {
  const r = spawnSync('npx', ['tsx', `${HERE}bench/content.child.ts`], {
    env: { ...process.env, HOSO_ROOT: root },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`content bench child (${root}) failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Side;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runContentBench(): Promise<Record<string, unknown>> {
  const base = baselineTree();
  const sides: { baseline: Side[]; current: Side[] } = { baseline: [], current: [] };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      sides.baseline.push(runSide(base));
      sides.current.push(runSide(HERE));
    }
  } finally {
    execFileSync('git', ['-C', HERE, 'worktree', 'remove', '--force', TREE]);
  }
  const agg = (s: Side[], k: 'read' | 'search', p: 'p50' | 'p95') => median(s.map((x) => x[k][p]));
  const out: Record<string, unknown> = { baseline: BASELINE, rounds: ROUNDS, load: loadavg(), sides };
  console.log(`\ncontent: the typed record against ${BASELINE}, ${ROUNDS} alternating rounds, PostgreSQL`);
  console.log(
    `  record size: ${sides.baseline[0]!.recordBytes} B → ${sides.current[0]!.recordBytes} B (mean JSON of a record)`,
  );
  for (const k of ['read', 'search'] as const) {
    const row: Record<string, number> = {};
    for (const p of ['p50', 'p95'] as const) {
      row[`${p}Baseline`] = agg(sides.baseline, k, p);
      row[`${p}Current`] = agg(sides.current, k, p);
      row[`${p}Ratio`] = row[`${p}Current`]! / row[`${p}Baseline`]!;
    }
    out[k] = row;
    console.log(
      `  ${k.padEnd(8)} p50 ${fmt(row.p50Baseline!)} → ${fmt(row.p50Current!)} ms (${row.p50Ratio!.toFixed(2)}×)` +
        `   p95 ${fmt(row.p95Baseline!)} → ${fmt(row.p95Current!)} ms (${row.p95Ratio!.toFixed(2)}×)`,
    );
  }
  console.log(
    `  load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  return out;
}
