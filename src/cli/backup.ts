// `hoso backup …`: take, list, restore-test and restore backups with the same services as the API.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import {
  backupSettingsFrom,
  configureBackups,
  listBackups,
  restoreBackup,
  runBackupJob,
  verifyBackup,
  type RestoreTarget,
  type TableCheck,
} from '../modules/backups/index.ts';

const USAGE = `Cách dùng / usage: hoso backup <command>
  run                           take a backup now, restore-test it, prune backups past retention
  list                          list backups (good/invalid) and alerts (exit 1 when an alert is raised)
  verify ID                     restore ID into a scratch database and compare every table
  restore ID --target T [--yes] restore ID into the EMPTY database T: a postgres:// URL or a PGlite folder
Backups go to BACKUP_DIR (default DATA_DIR/backups); the key is HOSO_BACKUP_KEY or DATA_DIR/secrets-backup.json.`;

export interface PromptIO {
  isTTY: boolean;
  ask(question: string): Promise<string>;
}

const terminal: PromptIO = {
  isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

const printChecks = (tables: TableCheck[]) => {
  for (const t of tables)
    console.log(`  ${t.name.padEnd(24)} ${String(t.rows).padStart(10)}  ${t.matches ? 'ok' : 'DIFFERS'}`);
};

/** The configured database itself when the target names it: PGlite must never be opened twice. */
function targetOf(spec: string, ctx: Ctx, config: Config): RestoreTarget {
  if (/^postgres(ql)?:\/\//.test(spec)) return spec === config.databaseUrl ? ctx.db : spec;
  const dir = resolve(spec);
  return !config.databaseUrl && dir === resolve(config.dataDir, 'pglite') ? ctx.db : dir;
}

/** A URL's password stays out of prompts and output. */
const shown = (spec: string): string =>
  /^postgres(ql)?:\/\//.test(spec) ? Object.assign(new URL(spec), { password: '' }).toString() : spec;

async function list(ctx: Ctx): Promise<number> {
  const { items, status, alerts } = await listBackups(ctx);
  for (const i of items) {
    const verified = i.verified === null ? 'untested' : i.verified ? 'restore-tested' : 'test FAILED';
    const size = i.sizeBytes === null ? '-' : `${(i.sizeBytes / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      `${i.id}  ${i.status.padEnd(7)}  ${size.padStart(10)}  ${String(i.totalRows ?? '-').padStart(9)} rows  ${verified}${i.reason ? `  (${i.reason})` : ''}`,
    );
  }
  if (!items.length) console.log('no backups');
  console.log(
    `last good: ${status.lastGoodAt ?? 'never'}; every ${status.periodDays} days; kept ${status.retentionDays} days`,
  );
  for (const a of alerts) console.error(`ALERT ${a.code}: ${a.message}`);
  return alerts.length ? 1 : 0;
}

async function restore(args: string[], ctx: Ctx, config: Config, io: PromptIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { target: { type: 'string' }, yes: { type: 'boolean', default: false } },
  });
  const [id] = positionals;
  if (!id || !values.target) {
    console.error(`restore needs a backup id and --target\n${USAGE}`);
    return 2;
  }
  if (!values.yes) {
    if (!io.isTTY) {
      console.error('restore: refusing without --yes when not on a terminal');
      return 2;
    }
    const answer = await io.ask(`Restore backup ${id} into ${shown(values.target)}? Type "yes" to go on: `);
    if (answer.trim().toLowerCase() !== 'yes') {
      console.error('restore: cancelled');
      return 1;
    }
  }
  const result = await restoreBackup(ctx, id, { target: targetOf(values.target, ctx, config) });
  console.log(`restored ${id} into ${shown(values.target)}; every table matches its checksum:`);
  printChecks(result.tables);
  return 0;
}

async function dispatch(args: string[], ctx: Ctx, config: Config, io: PromptIO): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'run': {
      const r = await runBackupJob(ctx);
      console.log(
        `backup ${r.backup.id}: ${r.backup.sizeBytes} bytes, ${r.backup.totalRows} rows, restore-tested`,
      );
      if (r.pruned.length) console.log(`pruned: ${r.pruned.join(', ')}`);
      return 0;
    }
    case 'list':
      return list(ctx);
    case 'verify': {
      if (!rest[0]) {
        console.error(`verify needs a backup id\n${USAGE}`);
        return 2;
      }
      const r = await verifyBackup(ctx, rest[0]);
      console.log(`backup ${r.id} restores and matches its manifest:`);
      printChecks(r.tables);
      return 0;
    }
    case 'restore':
      return restore(rest, ctx, config, io);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown backup command: ${command}\n${USAGE}`);
      return 2;
  }
}

export async function backupCommand(
  args: string[],
  ctx: Ctx,
  config: Config,
  io: PromptIO = terminal,
): Promise<number> {
  configureBackups(backupSettingsFrom(config));
  try {
    return await dispatch(args, ctx, config, io);
  } catch (err) {
    // A refused backup is an answer, not a crash: say why and exit 1.
    if (!(err instanceof AppError)) throw err;
    console.error(`backup: ${err.code}: ${err.message}${err.details.map((d) => `\n  ${d.reason}`).join('')}`);
    return 1;
  }
}
