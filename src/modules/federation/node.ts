// Start-up of this process as a node: the write guard for its role and, on a local node, the sync loop.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Config } from '../../platform/config.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Logger } from '../../platform/logger.ts';
import { AppError } from '../../platform/errors.ts';
import { createNationalAdmin } from '../accounts/index.ts';
import { setActionRouter, setWriteGuard } from '../personnel-actions/index.ts';
import { setOrgWriteGuard } from '../org-units/index.ts';
import { routeToOwner } from './routed.ts';
import { loadNodeKey } from './crypto.ts';
import { startSync } from './local.service.ts';
import { configureNode } from './settings.ts';
import { localGuard, localOrgGuard, nationalGuard } from './status.service.ts';

/** A local node's first account, once the tree has arrived: its administrator, password in a 0600 file. */
async function bootstrapNodeAdmin(ctx: Ctx, dataDir: string, code: string, log: Logger): Promise<void> {
  try {
    const issued = await createNationalAdmin(ctx, { username: 'admin', displayName: `Quản trị nút ${code}` });
    const file = join(dataDir, 'admin-password.txt');
    writeFileSync(file, `username: admin\none-time password: ${issued.oneTimePassword}\n`, { mode: 0o600 });
    log.info(`node administrator "admin" created; its one-time password is in ${file}`);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
}

/** Returns the stop function (a no-op on the national node). */
export function startNode(config: Config, ctx: () => Ctx, log: Logger): () => void {
  const n = config.node;
  if (n.role === 'national') {
    configureNode({ role: 'national' });
    setWriteGuard(nationalGuard);
    setActionRouter(routeToOwner);
    return () => undefined;
  }
  const key = loadNodeKey(n.privateKey, config.dataDir);
  const node = { code: n.code!, scope: n.scope!, nationalUrl: n.nationalUrl!, key };
  configureNode({ role: 'local', ...node });
  setWriteGuard(localGuard(node.scope));
  setOrgWriteGuard(localOrgGuard);
  log.info(
    { node: node.code, scope: node.scope, publicKey: key.publicKey },
    'local node: syncing with the national node',
  );
  let failing = false;
  return startSync(
    ctx,
    { ...node, onTreeReady: (c) => bootstrapNodeAdmin(c, config.dataDir, node.code, log) },
    n.syncIntervalMs,
    (s) => {
      if (s.lastError && !failing) log.warn({ error: s.lastError }, 'node sync failed; will retry');
      if (!s.lastError && failing) log.info('node sync recovered');
      failing = Boolean(s.lastError);
    },
  );
}
