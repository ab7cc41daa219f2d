// Timing helpers for benchmarks: warm up, run, report p50/p95 in milliseconds.
export interface Timing {
  label: string;
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export async function measure<T>(
  label: string,
  inputs: T[],
  fn: (x: T) => Promise<unknown>,
  warmup = 10,
): Promise<Timing> {
  for (const x of inputs.slice(0, warmup)) await fn(x);
  const times: number[] = [];
  for (const x of inputs) {
    const t = process.hrtime.bigint();
    await fn(x);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: times.reduce((s, x) => s + x, 0) / times.length,
  };
}

export const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
