// Run as its own process by the restructuring crash test: opens the database named on the command line
// and applies the restructuring given as JSON, with a fault hook that, once the operation is part-way
// (the second person re-homed), prints "mid-operation" and hangs — the test then kills it with SIGKILL.
import '../setup.ts';
import { connect } from '../../src/db/connect.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { restructure } from '../../src/modules/restructuring/index.ts';
import { setFaultHook } from '../../src/modules/restructuring/faults.ts';
import type { NewRestructuring } from '../../api/restructuring.ts';

const [database, body] = process.argv.slice(2);
const d = await connect(database!.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database });
let people = 0;
setFaultHook(async (step) => {
  if (step === 'person' && ++people === 2) {
    console.log('mid-operation');
    await new Promise(() => undefined); // wait here for the kill
  }
});
await restructure(
  systemCtx(d.db, new Date('2026-11-20T03:00:00Z'), 'system:crash-test'),
  JSON.parse(body!) as NewRestructuring,
);
console.log('finished');
await d.close();
