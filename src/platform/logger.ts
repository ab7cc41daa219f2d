import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Paths that may carry secrets or personal data are never written to logs.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
];

/** Lines go to stdout, or to `destination` (a test reading what a request logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
