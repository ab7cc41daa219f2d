// `hoso audit …`: checks on the audit log, offline, with the same service as the API. The node's key
// (the one federation uses) signs and checks the log's checkpoints.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Ctx } from '../platform/context.ts';
import {
  checkpointNow,
  findCheckpoint,
  verifyAuditChain,
  type Checkpoint,
  type CheckpointKey,
} from '../modules/audit/index.ts';
import { AppError } from '../platform/errors.ts';

const USAGE = `Cách dùng / usage: hoso audit <command>
  verify [--checkpoint FILE]    check the whole audit log: the hash chain, events awaiting their seal, and the
                                newest signed checkpoint; FILE (a checkpoint, a backup manifest or a monthly
                                approval manifest) is checked too (exit 1 when anything does not fit)
  checkpoint [--out FILE]       seal what is waiting and print (or write) a signed checkpoint of the chain's head`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function readCheckpoint(file: string): Checkpoint {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new AppError('CHECKPOINT_INVALID', `Không đọc được tệp ${file}`, [
      { field: 'checkpoint', reason: (err as Error).message },
    ]);
  }
  const c = findCheckpoint(doc);
  if (!c) {
    throw new AppError('CHECKPOINT_INVALID', `Tệp ${file} không chứa điểm kiểm tra của nhật ký`, [
      { field: 'checkpoint', reason: 'no hoso.audit-checkpoint/1 in the file' },
    ]);
  }
  return c;
}

export async function auditCommand(args: string[], ctx: Ctx, key?: CheckpointKey): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'verify': {
      const file = option(args, '--checkpoint');
      let checkpoint: Checkpoint | undefined;
      try {
        checkpoint = file === undefined ? undefined : readCheckpoint(file);
        const result = await verifyAuditChain(ctx, { checkpoint, key });
        const cp = result.checkpoint;
        if (result.ok) {
          console.log(`audit chain OK: ${result.checked} events`);
          console.log(`  sealed ${result.sealed ?? 0}, awaiting their seal ${result.pending ?? 0}`);
          if (cp) console.log(`  matches the ${cp.source} checkpoint of ${cp.at} (${cp.count} events)`);
          return 0;
        }
        if (cp?.problem) {
          console.error(`audit chain BROKEN against the ${cp.source} checkpoint: ${cp.problem}`);
          return 1;
        }
        const bad = result.firstBad;
        console.error(`audit chain BROKEN at event #${bad?.id ?? '?'}: ${bad?.reason ?? 'unknown'}`);
        return 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        console.error(`${err.message}: ${err.details.map((d) => d.reason).join('; ')}`);
        return 1;
      }
    }
    case 'checkpoint': {
      if (!key) {
        console.error("the node's key is needed to sign a checkpoint");
        return 2;
      }
      const c = await checkpointNow(ctx.db, key, ctx.now);
      const text = `${JSON.stringify(c, null, 2)}\n`;
      const out = option(args, '--out');
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown audit command: ${command}\n${USAGE}`);
      return 2;
  }
}
