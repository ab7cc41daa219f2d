// The only reader of process.env: everything else receives a Config.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  /** Number of synthetic people `npm start` seeds into an empty database. */
  demoEmployees: number;
  seedDemo: boolean;
  bodyLimitBytes: number;
  /** HOSO_KEYS ("kid:base64,…", first encrypts) and HOSO_AUDIT_KEY; absent → a secrets file in dataDir. */
  keySpec: string | undefined;
  auditKey: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  cookieSecure: boolean;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`config: ${name} must be a non-negative integer`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    logLevel: env.LOG_LEVEL ?? 'info',
    demoEmployees: intFrom(env.DEMO_EMPLOYEES, 20_000, 'DEMO_EMPLOYEES'),
    seedDemo: env.SEED_DEMO !== '0',
    bodyLimitBytes: intFrom(env.BODY_LIMIT_BYTES, 1024 * 1024, 'BODY_LIMIT_BYTES'),
    keySpec: env.HOSO_KEYS || undefined,
    auditKey: env.HOSO_AUDIT_KEY || undefined,
    sessionIdleMinutes: intFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: intFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    cookieSecure: env.COOKIE_SECURE === '1',
  };
}
