// Run as its own process by the crash test: opens the database named on the command line and takes a
// backup into the folder named after it, printing "started" first. The test kills it with SIGKILL
// part-way through.
import '../setup.ts';
import { connect } from '../../src/db/connect.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createBackup } from '../../src/modules/backups/index.ts';
import { testBackupSettings } from './backups.ts';

const [database, dir] = process.argv.slice(2);
const d = await connect(database!.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database });
console.log('started');
await createBackup(
  systemCtx(d.db, new Date('2026-11-21T03:00:00Z'), 'system:crash-test'),
  testBackupSettings({ dir }),
);
console.log('finished');
await d.close();
