// The only reader of process.env: everything else receives a Config.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface Config {
  port: number;
  /** The address to listen on (HOST): loopback by default; `0.0.0.0` (or an interface's address) on a server. */
  host: string;
  /** HTTP timeouts in milliseconds; see httpFields. */
  http: HttpConfig;
  /**
   * METRICS_TOKEN: a scraper sending `Authorization: Bearer <token>` may read /metrics from anywhere;
   * without it (or with another token) only direct loopback callers may.
   */
  metricsToken: string | undefined;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  /** Number of synthetic people `npm start` seeds into an empty database. */
  demoEmployees: number;
  seedDemo: boolean;
  bodyLimitBytes: number;
  /** Connections to a PostgreSQL server (DB_POOL_SIZE) and how long a request waits for one (DB_CONNECT_TIMEOUT_MS). */
  dbPoolSize: number;
  dbConnectTimeoutMs: number;
  /** HOSO_KEYS ("kid:base64,…", first encrypts) and HOSO_AUDIT_KEY; absent → a secrets file in dataDir. */
  keySpec: string | undefined;
  auditKey: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  cookieSecure: boolean;
  /**
   * Sign-in attempts per minute (password and MFA steps) per client IP address (LOGIN_RATE_PER_IP; offices
   * behind one NAT address share it) and per account name (LOGIN_RATE_PER_ACCOUNT); counted in the
   * database, so every process of a node shares them. Lock-out after failures applies on top.
   */
  loginRatePerIp: number;
  loginRatePerAccount: number;
  /** Where backups are written (BACKUP_DIR, default dataDir/backups). */
  backupDir: string;
  /** When backups run (BACKUP_CRON); it must fire at least monthly (checked when the scheduler starts). */
  backupCron: string;
  /** Backups younger than this are never pruned (BACKUP_RETENTION_DAYS, at least 92: Circular 06 Art. 10). */
  backupRetentionDays: number;
  /** HOSO_BACKUP_KEY (base64, 32 bytes); absent → a dedicated secrets file in dataDir, outside backupDir. */
  backupKey: string | undefined;
  /** Signing keys, trust list and revocation (SIGNING_*); see signingFields. */
  signing: SigningConfig;
  /**
   * Data sharing's OAuth tokens: the issuer named in them and in client assertions' audience
   * (OAUTH_ISSUER, default PUBLIC_BASE_URL) and the Ed25519 private JWK that signs them
   * (OAUTH_SIGNING_KEY; absent → DATA_DIR/oauth-signing-key.json, mode 0600, made on first start).
   */
  oauth: { issuer: string; signingKey: string | undefined };
  /** Nodes and federation (NODE_*, NATIONAL_URL, SYNC_INTERVAL_MS); see nodeFields. */
  node: NodeConfig;
}

/** Timeouts of the HTTP server (Node's http.Server through Fastify); 0 turns one off. */
export interface HttpConfig {
  /**
   * REQUEST_TIMEOUT_MS: the whole request (headers and body) must arrive within this, else 408 and the
   * connection closes (a slow-loris client holds no socket for long). It also bounds uploads: the
   * largest import body (48 MB) needs about 6.5 Mbit/s within the default 60 s.
   */
  requestTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: the request's headers must arrive within this (never more than the request's). */
  headersTimeoutMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: an idle kept-alive connection is closed after this; above a proxy's own (60 s). */
  keepAliveTimeoutMs: number;
  /**
   * CONNECTION_TIMEOUT_MS: a socket silent this long is dropped. Silence includes the time a request is
   * being worked on (a 100,000-row import takes minutes), so it is a backstop, well above any answer.
   */
  connectionTimeoutMs: number;
}

/** A deployment is the national node (default: single-node behaviour) or a ministry/province node. */
export interface NodeConfig {
  role: 'national' | 'local';
  /** NODE_CODE: this node's name at the national node (default: NODE_SCOPE). */
  code: string | undefined;
  /** NODE_SCOPE: the official code of the local node's subtree root (e.g. a province, T01). */
  scope: string | undefined;
  /** NATIONAL_URL: where the local node reaches the national node. */
  nationalUrl: string | undefined;
  /** NODE_PRIVATE_KEY (base64 PKCS#8 DER, Ed25519); absent → DATA_DIR/node-key.pem (0600), made once. */
  privateKey: string | undefined;
  /** SYNC_INTERVAL_MS: how often a local node exchanges with the national node. */
  syncIntervalMs: number;
}

/** Signers are specs for platform/signing parseSignerSpec: `p12:FILE` or `pkcs11:module=…;token=…;id=…`. */
export interface SigningConfig {
  /** The agency's signer (SIGNING_AGENCY, secret SIGNING_AGENCY_PIN); absent → the demo PKI in dataDir/pki. */
  agency: string | undefined;
  agencyPin: string;
  /** The competent person's signer (SIGNING_PERSON, SIGNING_PERSON_PIN); absent → the demo PKI. */
  person: string | undefined;
  personPin: string;
  /** Trust anchors, PEM files (SIGNING_TRUST_FILES, comma-separated; default dataDir/pki/trust.pem). */
  trustFiles: string[];
  /** CRLs, PEM or DER files (SIGNING_CRL_FILES; default dataDir/pki/crl.pem). */
  crlFiles: string[];
  /** Revoked certificate serials in hex (SIGNING_REVOKED_SERIALS, comma-separated). */
  revokedSerials: string[];
  /** Where the public verification page is reached, printed in extracts' QR codes (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

const list = (v: string | undefined): string[] | undefined =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function signingFields(env: NodeJS.ProcessEnv, dataDir: string, port: number): SigningConfig {
  const pki = join(dataDir, 'pki');
  return {
    agency: env.SIGNING_AGENCY || undefined,
    agencyPin: env.SIGNING_AGENCY_PIN ?? '',
    person: env.SIGNING_PERSON || undefined,
    personPin: env.SIGNING_PERSON_PIN ?? '',
    trustFiles: list(env.SIGNING_TRUST_FILES) ?? [join(pki, 'trust.pem')],
    crlFiles: list(env.SIGNING_CRL_FILES) ?? [join(pki, 'crl.pem')],
    revokedSerials: list(env.SIGNING_REVOKED_SERIALS) ?? [],
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
  };
}

/** Three months (Circular 06 Art. 10: backups are kept at least three months), counted generously. */
export const MIN_BACKUP_RETENTION_DAYS = 92;

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`config: ${name} must be a non-negative integer`);
  return n;
}

type BackupFields = Pick<Config, 'backupDir' | 'backupCron' | 'backupRetentionDays' | 'backupKey'>;

function backupFields(env: NodeJS.ProcessEnv, dataDir: string): BackupFields {
  const backupDir = resolve(env.BACKUP_DIR || join(dataDir, 'backups'));
  const backupRetentionDays = intFrom(env.BACKUP_RETENTION_DAYS, 100, 'BACKUP_RETENTION_DAYS');
  if (backupRetentionDays < MIN_BACKUP_RETENTION_DAYS) {
    throw new Error(
      `config: BACKUP_RETENTION_DAYS must be at least ${MIN_BACKUP_RETENTION_DAYS} (backups are kept at least three months)`,
    );
  }
  const backupKey = env.HOSO_BACKUP_KEY || undefined;
  if (backupKey !== undefined && Buffer.from(backupKey, 'base64').length !== 32) {
    throw new Error('config: HOSO_BACKUP_KEY must be base64 of 32 bytes');
  }
  // Without HOSO_BACKUP_KEY the key lives in dataDir: a backup folder holding it would hand the key
  // to whoever gets the copies.
  const rel = relative(backupDir, dataDir);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!backupKey && !outside) {
    throw new Error('config: BACKUP_DIR must not contain DATA_DIR unless HOSO_BACKUP_KEY is set');
  }
  return { backupDir, backupCron: env.BACKUP_CRON || '0 2 1 * *', backupRetentionDays, backupKey };
}

function httpFields(env: NodeJS.ProcessEnv): HttpConfig {
  const requestTimeoutMs = intFrom(env.REQUEST_TIMEOUT_MS, 60_000, 'REQUEST_TIMEOUT_MS');
  const headers = intFrom(env.HEADERS_TIMEOUT_MS, 20_000, 'HEADERS_TIMEOUT_MS');
  return {
    requestTimeoutMs,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeoutMs: requestTimeoutMs > 0 ? Math.min(headers, requestTimeoutMs) : headers,
    keepAliveTimeoutMs: intFrom(env.KEEP_ALIVE_TIMEOUT_MS, 72_000, 'KEEP_ALIVE_TIMEOUT_MS'),
    connectionTimeoutMs: intFrom(env.CONNECTION_TIMEOUT_MS, 600_000, 'CONNECTION_TIMEOUT_MS'),
  };
}

function nodeFields(env: NodeJS.ProcessEnv): NodeConfig {
  const role = env.NODE_ROLE || 'national';
  if (role !== 'national' && role !== 'local') throw new Error('config: NODE_ROLE must be national or local');
  const scope = env.NODE_SCOPE || undefined;
  const nationalUrl = (env.NATIONAL_URL || '').replace(/\/+$/, '') || undefined;
  if (role === 'local' && (!scope || !nationalUrl)) {
    throw new Error('config: a local node (NODE_ROLE=local) needs NODE_SCOPE and NATIONAL_URL');
  }
  return {
    role,
    code: env.NODE_CODE || scope,
    scope,
    nationalUrl,
    privateKey: env.NODE_PRIVATE_KEY || undefined,
    syncIntervalMs: Math.max(200, intFrom(env.SYNC_INTERVAL_MS, 60_000, 'SYNC_INTERVAL_MS')),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    // Loopback unless told otherwise: `npm start` on a laptop must not serve the whole network.
    host: env.HOST || '127.0.0.1',
    http: httpFields(env),
    metricsToken: env.METRICS_TOKEN || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    demoEmployees: intFrom(env.DEMO_EMPLOYEES, 20_000, 'DEMO_EMPLOYEES'),
    // A ministry/province node's tree and records come from the national node: no demo world there.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== '0' : env.NODE_ROLE !== 'local',
    bodyLimitBytes: intFrom(env.BODY_LIMIT_BYTES, 1024 * 1024, 'BODY_LIMIT_BYTES'),
    dbPoolSize: intFrom(env.DB_POOL_SIZE, 10, 'DB_POOL_SIZE'),
    dbConnectTimeoutMs: intFrom(env.DB_CONNECT_TIMEOUT_MS, 3000, 'DB_CONNECT_TIMEOUT_MS'),
    keySpec: env.HOSO_KEYS || undefined,
    auditKey: env.HOSO_AUDIT_KEY || undefined,
    sessionIdleMinutes: intFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: intFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    cookieSecure: env.COOKIE_SECURE === '1',
    loginRatePerIp: intFrom(env.LOGIN_RATE_PER_IP, 60, 'LOGIN_RATE_PER_IP'),
    loginRatePerAccount: intFrom(env.LOGIN_RATE_PER_ACCOUNT, 10, 'LOGIN_RATE_PER_ACCOUNT'),
    ...backupFields(env, dataDir),
    signing: signingFields(env, dataDir, intFrom(env.PORT, 3000, 'PORT')),
    oauth: {
      issuer: (env.OAUTH_ISSUER || env.PUBLIC_BASE_URL || `http://localhost:${env.PORT || 3000}`).replace(
        /\/+$/,
        '',
      ),
      signingKey: env.OAUTH_SIGNING_KEY || undefined,
    },
    node: nodeFields(env),
  };
}
