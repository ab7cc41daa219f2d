// `hoso node …`: this node's key, registering ministry/province nodes at the national node, sync status.
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { loadNodeKey, localStatus, nationalStatus, registerNode } from '../modules/federation/index.ts';

const USAGE = `Cách dùng / usage:
  node key                      print this node's Ed25519 public key (made in DATA_DIR on first use)
  node register --code C --scope UNIT_CODE --public-key BASE64
                                (national node) register a ministry/province node and its subtree
  node status                   sync lag and last exchange (local) or nodes late against 3 working days`;

type WithDb = <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;

export async function nodeCommand(args: string[], config: Config, withDb: WithDb): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'key':
        console.log(loadNodeKey(config.node.privateKey, config.dataDir).publicKey);
        return 0;
      case 'register':
        return await register(rest, withDb);
      case 'status':
        return await withDb(async (ctx) => {
          const n = config.node;
          const s =
            n.role === 'local'
              ? await localStatus(ctx, { code: n.code!, scope: n.scope!, nationalUrl: n.nationalUrl! })
              : await nationalStatus(ctx);
          console.log(JSON.stringify(s, null, 2));
          return 0;
        });
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command ? 0 : 2;
      default:
        console.error(`unknown node command: ${command}\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(
      `${err.code}: ${err.message}${err.details.map((d) => `\n  ${d.field ?? ''} ${d.reason}`).join('')}`,
    );
    return 1;
  }
}

async function register(args: string[], withDb: WithDb): Promise<number> {
  let values: { code?: string; scope?: string; 'public-key'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { code: { type: 'string' }, scope: { type: 'string' }, 'public-key': { type: 'string' } },
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { code, scope } = values;
  const publicKey = values['public-key'];
  if (!code || !/^[A-Za-z0-9_.-]{1,40}$/.test(code) || !scope || !publicKey) {
    console.error(`--code (A-Z a-z 0-9 _ . -), --scope and --public-key are required\n${USAGE}`);
    return 2;
  }
  const node = await withDb((ctx) => registerNode(ctx, { code, scopeCode: scope, publicKey }));
  console.log(
    `registered node ${node.code} over ${node.scopeCode}; ${node.handedOver} record(s) held here are now its own and will be shared down to it`,
  );
  return 0;
}
