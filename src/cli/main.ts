// The `hoso` command: the same services as the API, offline.
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { systemCtx } from '../platform/context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { upgradeRecordContent } from '../modules/personnel-actions/index.ts';
import { importCatalogs } from '../modules/catalogs/index.ts';
import { seedDemo } from '../demo/seed.ts';
import { auditCommand } from './audit.ts';
import { checkpointKey } from '../modules/audit/index.ts';
import { loadNodeKey } from '../modules/federation/index.ts';
import { adminCommand } from './admin.ts';
import { backupCommand } from './backup.ts';
import { demoCommand } from './demo.ts';
import { extractCommand } from './extract.ts';
import { importCommand } from './import.ts';
import { nodeCommand } from './node.ts';
import { openDatabase, serve } from '../main.ts';

const USAGE = `Cách dùng / usage: hoso <command> [options]
  serve                         run the API and portal (same as npm start)
  migrate                       apply database migrations
  import-catalogs               load data/catalogs into the database
  seed --employees N [--seed S] seed demo data into an empty database
  admin create-national-admin --username U [--name "…"]
                                issue the first account (prints a one-time password)
  backup run | list | verify ID | restore ID --target URL|DIR [--yes]
                                monthly backups: take, list, verify (restore into scratch), restore
  audit verify [--checkpoint F] check the audit log's hash chain, unsealed events and signed checkpoints
                                (exit 1 and the first bad event if broken); F: a checkpoint kept elsewhere
  audit checkpoint [--out F]    sign a checkpoint of the log's head (keep it outside the database)
  demo merger [--per-province N] re-enact the 63 → 34 province merger by restructuring operations in a
                                scratch database; prints provinces and headcounts on 30/06 and 01/07/2025
  extract verify FILE [--sig F.p7s] [--trust ROOT.pem] [--no-db]
                                check a signed PDF/JSON extract: signatures, trust, registry (revoked?)
  import FILE [--valid-only] [--dry-run] [--report R.xlsx] [--as USERNAME]
                                bulk import e-records from an XLSX/CSV template file (all or nothing)
  node key | register --code C --scope UNIT --public-key K | status
                                ministry/province nodes: this node's key, registration, sync lag
Database: DATABASE_URL=postgres://… for a server, else PGlite in DATA_DIR (default ./data).`;

async function withDb<T>(fn: (ctx: ReturnType<typeof systemCtx>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    await upgradeRecordContent(database.db, new Date());
    return await fn(systemCtx(database.db, new Date(), 'system:cli'));
  } finally {
    await database.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return -1; // keeps running
    case 'migrate': {
      const config = loadConfig();
      const database = await openDatabase(config);
      const applied = await migrateToLatest(database.db);
      const content = await upgradeRecordContent(database.db, new Date());
      await database.close();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      if (content.records)
        console.log(
          `e-records folded again with the typed content: ${content.records}; old declarations ` +
            `${content.oldRows}: typed in full ${content.mapped}, typed with the rest in notes ` +
            `${content.partlyInNotes}, kept whole in notes ${content.wholeInNotes}`,
        );
      return 0;
    }
    case 'import-catalogs': {
      const counts = await withDb((ctx) => importCatalogs(ctx));
      for (const [name, n] of Object.entries(counts)) console.log(`${name.padEnd(28)} ${n}`);
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: {
          employees: { type: 'string', default: '20000' },
          seed: { type: 'string', default: '2025' },
        },
      });
      const employees = Number(values.employees);
      if (!Number.isInteger(employees) || employees < 1) {
        console.error('--employees must be a positive whole number');
        return 2;
      }
      const result = await withDb((ctx) =>
        seedDemo(ctx, {
          employees,
          seed: Number(values.seed),
          onProgress: (n) => n % 5000 === 0 && console.log(`${n}/${employees}`),
        }),
      );
      console.log(
        result
          ? `seeded ${result.employees} people, ${result.actions} actions, ${result.units} units in ${result.ms} ms`
          : 'demo data already present: nothing done',
      );
      return 0;
    }
    case 'admin':
      return withDb((ctx) => adminCommand(rest, ctx));
    case 'backup': {
      const config = loadConfig();
      return withDb((ctx) => backupCommand(rest, ctx, config));
    }
    case 'audit': {
      const config = loadConfig();
      const key = checkpointKey(loadNodeKey(config.node.privateKey, config.dataDir).privateKey);
      return withDb((ctx) => auditCommand(rest, ctx, key));
    }
    case 'extract':
      return extractCommand(rest, withDb);
    case 'import':
      return importCommand(rest, withDb);
    case 'demo':
      return demoCommand(rest);
    case 'node':
      return nodeCommand(rest, loadConfig(), withDb);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error('hoso:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
