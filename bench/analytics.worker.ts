// A generator thread of the analytics bench: people i ≡ index (mod count) as COPY text per table, in
// batches, with at most two batches in flight (the main thread acknowledges each one it has written).
import { parentPort, workerData } from 'node:worker_threads';
import { buildWorld } from './analytics.world.ts';
import { BenchPeople } from './analytics.people.ts';
import { copyLines, type Batch } from './analytics.copy.ts';

const { index, count, n } = workerData as { index: number; count: number; n: number };
const gen = new BenchPeople(buildWorld());
let credits = 2;
let wake: (() => void) | undefined;
parentPort!.on('message', () => {
  credits++;
  wake?.();
});

let batch: Batch | undefined;
for (let i = index; i < n; i += count) {
  batch ??= { tables: {}, people: 0, actions: 0, spans: 0, movements: 0, latest: 0 };
  copyLines(batch, gen.person(i));
  if (batch.people === 500 || i + count >= n) {
    if (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    parentPort!.postMessage(batch);
    batch = undefined;
  }
}
parentPort!.postMessage('done');
