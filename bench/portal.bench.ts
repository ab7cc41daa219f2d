// The overview's cold load in Chromium (issue 8: "under 2 s on localhost"): the production build served
// by the real server over a seeded PGlite database, an HR officer's session, then N fresh browser
// contexts (empty cache, the session cookie only) timed from navigation to the headcount shown and to
// every chart painted, with the bytes moved and the page's own main-thread work (CPU time: far less
// sensitive to the machine's load than wall time).
// `BENCH_CORE=0 BENCH_PORTAL=1 npm run bench`; BENCH_PORTAL_N (default 15) loads per build;
// BENCH_PORTAL_BASELINE=<dir of another build> measures it too, load for load interleaved with
// portal/dist, so a before/after comparison shares the machine's state.
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestDatabase } from '../test/helpers/db.ts';
import { systemCtx } from '../src/platform/context.ts';
import { PORTAL_DIST } from '../src/http/portal.ts';
import {
  CHROMIUM,
  firstSignIn,
  issue,
  launchBrowser,
  MovableClock,
  seedWorld,
  startServer,
} from '../test/e2e/harness.ts';

interface P50P95 {
  p50: number;
  p95: number;
}
export interface PortalLoad {
  dist: string;
  n: number;
  headcountMs: P50P95;
  chartsMs: P50P95;
  scriptMs: P50P95;
  taskMs: P50P95;
  transferredKiB: number;
  /** What went over the wire for each JS/CSS file of the load (gzip), KiB. */
  filesKiB: Record<string, number>;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
interface Sample {
  head: number;
  charts: number;
  script: number;
  task: number;
  files: { name: string; size: number }[];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN);
};
const both = (xs: number[]): P50P95 => ({ p50: pct(xs, 50), p95: pct(xs, 95) });

async function coldLoad(browser: Browser, state: StorageState, url: string): Promise<Sample> {
  const cold = await browser.newContext({ storageState: state, viewport: { width: 1366, height: 800 } });
  try {
    const p = await cold.newPage();
    const cdp = await cold.newCDPSession(p);
    await cdp.send('Performance.enable');
    // Times read in the page (ms since the navigation started), checked on every animation frame: a
    // locator's waitFor polls every 500 ms after its first few tries, which rounded the headcount's
    // time up by as much (and ran Playwright's script on the page's main thread while it loaded).
    await p.goto(url, { waitUntil: 'commit' });
    const raf = { polling: 'raf' } as const;
    const head = await p
      .waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid=headcount] *')].some(
            (e) => e.textContent?.trim() === '3',
          ) && performance.now(),
        undefined,
        raf,
      )
      .then((h) => h.jsonValue() as Promise<number>);
    const charts = await p
      .waitForFunction(
        () => document.querySelectorAll('[role=img] canvas').length >= 3 && performance.now(),
        undefined,
        raf,
      )
      .then((h) => h.jsonValue() as Promise<number>);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const files = await p.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .concat(performance.getEntriesByType('navigation'))
        .map((e) => ({ name: e.name, size: (e as PerformanceResourceTiming).transferSize })),
    );
    return { head, charts, script: ms('ScriptDuration'), task: ms('TaskDuration'), files };
  } finally {
    await cold.close();
  }
}

function summarise(dist: string, samples: Sample[]): PortalLoad {
  const last = samples.at(-1)?.files ?? [];
  const filesKiB = Object.fromEntries(
    last
      .filter((f) => /\.(js|css)$/.test(f.name))
      .map((f) => [f.name.split('/').pop()!, Math.round(f.size / 102.4) / 10]),
  );
  return {
    dist,
    n: samples.length,
    headcountMs: both(samples.map((s) => s.head)),
    chartsMs: both(samples.map((s) => s.charts)),
    scriptMs: both(samples.map((s) => s.script)),
    taskMs: both(samples.map((s) => s.task)),
    transferredKiB: Math.round(last.reduce((n, f) => n + f.size, 0) / 1024),
    filesKiB,
  };
}

export async function runPortalBench(): Promise<PortalLoad[]> {
  const root = join(import.meta.dirname, '..');
  if (process.env.BENCH_PORTAL_BUILD !== '0') {
    execSync('node scripts/ensure-deps.mjs', { cwd: root, stdio: 'inherit' });
  }
  console.log(`portal bench: chromium ${CHROMIUM}`);
  const dists = [PORTAL_DIST, process.env.BENCH_PORTAL_BASELINE].filter((x): x is string => !!x);
  const clock = new MovableClock();
  const d = await createTestDatabase('pglite');
  const seeded = await seedWorld(systemCtx(d.db, clock.now(), 'system:bench'));
  const servers = await Promise.all(dists.map((dist) => startServer(d, clock, dist)));
  const browser = await launchBrowser();
  try {
    const password = await issue(d, clock, 'bench.hanoi', [
      { role: 'hr_officer', unitId: seeded.world.hanoi },
    ]);
    const signIn = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    await firstSignIn(await signIn.newPage(), servers[0]!.url, clock, { username: 'bench.hanoi', password });
    // Cookies are per host, not per port: the one session serves every server of the run.
    const state = await signIn.storageState();
    await signIn.close();
    const n = Number(process.env.BENCH_PORTAL_N ?? 15);
    const samples: Sample[][] = dists.map(() => []);
    for (let i = 0; i < n + 2; i++) {
      for (const [k, s] of servers.entries()) {
        const sample = await coldLoad(browser, state, s.url);
        if (i >= 2) samples[k]!.push(sample); // two warm-ups: the server's first queries, the file cache
      }
    }
    const out = dists.map((dist, k) => summarise(dist, samples[k]!));
    for (const o of out) console.log('portal overview cold load', JSON.stringify(o, null, 1));
    return out;
  } finally {
    await browser.close();
    for (const s of servers) await s.app.close();
    await d.close();
  }
}
