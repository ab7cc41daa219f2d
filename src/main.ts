// Composition root: config → database (migrated, demo-seeded when empty) → app → listen.
import { loadConfig, type Config } from './platform/config.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { systemClock } from './platform/clock.ts';
import { systemCtx, type Ctx } from './platform/context.ts';
import { connect, type Database } from './db/connect.ts';
import { isDatabaseUnavailable } from './platform/errors.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { registerPortal } from './http/portal.ts';
import { serverCollectors } from './http/collectors.ts';
import { seedDemo } from './demo/seed.ts';
import { upgradeRecordContent } from './modules/personnel-actions/index.ts';
import { createNationalAdmin, sessionAuthenticator } from './modules/accounts/index.ts';
import { backupSettingsFrom, startBackupScheduler, type BackupScheduler } from './modules/backups/index.ts';
import { configureApprovalSigner, configureApprovalTrust } from './modules/approvals/index.ts';
import { extractSettings } from './modules/extracts/index.ts';
import { startDeadlineReminders } from './modules/deadlines/index.ts';
import { loadTrustStore } from './platform/signing/index.ts';
import { configureTokenKeys } from './modules/sharing/index.ts';
import { loadNodeKey, startNode } from './modules/federation/index.ts';
import { checkpointKey, startAuditSealer } from './modules/audit/index.ts';
import { settleInterruptedImports } from './modules/imports/index.ts';

const BACKUP_START_DELAY_MS = 5 * 60_000;
import { join } from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { installKeys, keysFromDataDir, parseKeys } from './platform/crypto.ts';

/** Installs the encryption and audit keys: from config, or the embedded deployment's secrets file. */
export function installConfiguredKeys(config: Config): void {
  installKeys(
    config.keySpec ? parseKeys(config.keySpec, config.auditKey ?? '') : keysFromDataDir(config.dataDir),
  );
}

export async function openDatabase(config: Config, log?: Logger): Promise<Database> {
  installConfiguredKeys(config);
  let last = 0;
  return connect({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    poolSize: config.dbPoolSize,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    // At most one line a second: an outage under load would otherwise log every dropped connection.
    onConnectionError: (err) => {
      if (!log || Date.now() - last < 1000) return;
      last = Date.now();
      log.warn({ code: (err as { code?: string }).code, msg: err.message }, 'database connection lost');
    },
  });
}

/** Migrations wait for a database that is not up yet (a server starting beside it) instead of exiting. */
async function migrateWhenReachable(database: Database, log: Logger): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateToLatest(database.db);
    } catch (err) {
      if (!isDatabaseUnavailable(err) || attempt >= 60) throw err;
      log.warn({ attempt, msg: (err as Error).message }, 'database not reachable yet; retrying in 2 s');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/**
 * The demo's first account: a national admin whose one-time password goes to a file readable only
 * by the owner (never to the log). Signing in asks for a new password and TOTP enrolment.
 */
async function bootstrapDemoAdmin(ctx: Ctx, config: Config, log: Logger): Promise<void> {
  const issued = await createNationalAdmin(ctx, {
    username: 'admin',
    displayName: 'Quản trị quốc gia (demo)',
  });
  const file = join(config.dataDir, 'admin-password.txt');
  writeFileSync(file, `username: admin\none-time password: ${issued.oneTimePassword}\n`, { mode: 0o600 });
  log.info(`demo national admin "admin" created; its one-time password is in ${file}`);
}

export async function serve(config: Config = loadConfig()): Promise<void> {
  const log = createLogger(config.logLevel);
  const started = Date.now();
  // Key files (OAuth, node, secrets) are made in the data dir on first start: it may not exist yet.
  mkdirSync(config.dataDir, { recursive: true });
  // A rejected promise nobody awaited is a bug to log, not a reason to stop serving everyone else.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  const database = await openDatabase(config, log);
  log.info(
    { engine: database.engine, dataDir: config.databaseUrl ? undefined : config.dataDir },
    'database open',
  );
  const applied = await migrateWhenReachable(database, log);
  if (applied.length) log.info({ applied }, 'migrations applied');
  // Records folded before the content was typed (migration 0015) are folded again; the ledger stays.
  const content = await upgradeRecordContent(database.db, systemClock.now());
  if (content.records) log.info(content, 'e-records folded again with the typed content');
  // An import whose process died is still marked running; its runner's lock is gone, so it is failed now.
  const interrupted = await settleInterruptedImports(
    systemCtx(database.db, systemClock.now(), 'system:imports'),
  );
  if (interrupted.length) log.warn({ imports: interrupted }, 'interrupted imports marked failed');
  if (config.seedDemo) {
    const ctx = systemCtx(database.db, systemClock.now(), 'system:demo');
    const result = await seedDemo(ctx, {
      employees: config.demoEmployees,
      onProgress: (n) => n % 5000 === 0 && log.info(`demo data: ${n}/${config.demoEmployees} people`),
    });
    if (result) {
      log.info(result, 'demo data seeded');
      await bootstrapDemoAdmin(ctx, config, log);
    }
  }
  // Monthly approvals are verified against the node's trust list, re-read at each verification so
  // that a renewed CRL takes effect without a restart.
  configureApprovalTrust(() =>
    loadTrustStore({
      anchorFiles: config.signing.trustFiles,
      crlFiles: config.signing.crlFiles.filter((f) => existsSync(f)),
      revokedSerials: config.signing.revokedSerials,
    }),
  );
  // Remote signing of monthly approvals uses the node's competent-person signer (the demo PKI by default).
  configureApprovalSigner(async () => (await extractSettings()).person);
  await configureTokenKeys({
    issuer: config.oauth.issuer,
    privateJwk: config.oauth.signingKey,
    dataDir: config.dataDir,
  });
  // Settings are checked now, so a bad schedule stops the start instead of failing minutes later.
  const backupSettings = backupSettingsFrom(config);
  const app = await buildApp({
    db: database.db,
    clock: systemClock,
    logger: log,
    bodyLimitBytes: config.bodyLimitBytes,
    authenticate: sessionAuthenticator(config),
    https: config.cookieSecure,
    timeouts: config.http,
    metrics: {
      collectors: serverCollectors({
        database,
        ctx: () => systemCtx(database.db, systemClock.now(), 'system:metrics'),
        backups: backupSettings,
        node: config.node,
      }),
      token: config.metricsToken,
      processMetrics: true,
    },
  });
  await registerPortal(app);
  // Backups: monthly by cron, plus a catch-up when the newest good one is older than a month. The
  // catch-up waits a few minutes after start so that a first start serves at once (on PGlite a
  // consistent snapshot holds the single connection while it is taken).
  let scheduler: BackupScheduler | undefined;
  const startBackups = setTimeout(() => {
    scheduler = startBackupScheduler({
      config,
      settings: backupSettings,
      ctx: () => systemCtx(database.db, systemClock.now(), 'system:backup'),
      log,
    });
  }, BACKUP_START_DELAY_MS);
  const stopReminders = startDeadlineReminders(
    () => systemCtx(database.db, systemClock.now(), 'system:deadlines'),
    log,
  );
  // The audit log's sealer links events into the hash chain and signs a checkpoint of its head each
  // minute with the node's key (the one the national node registers), so that truncation is detectable.
  const sealer = startAuditSealer({
    db: database.db,
    now: () => systemClock.now(),
    log,
    key: checkpointKey(loadNodeKey(config.node.privateKey, config.dataDir).privateKey),
  });
  // A ministry/province node syncs with the national node; either role guards writes by ownership.
  const stopNode = startNode(
    config,
    () => systemCtx(database.db, systemClock.now(), 'system:federation'),
    log,
  );
  const close = async () => {
    stopNode();
    stopReminders();
    clearTimeout(startBackups);
    scheduler?.stop();
    await app.close();
    await sealer.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const any = config.host === '0.0.0.0' || config.host === '::';
  const shown = any ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  log.info(
    `hoso ready on http://${shown}:${config.port} (listening on ${config.host}; API /api/v1, docs /api/docs, metrics /metrics) in ${Date.now() - started} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err: unknown) => {
    console.error('hoso failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
