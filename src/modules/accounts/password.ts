// Passwords: argon2id hashes (OWASP minimum parameters or above), the password policy, random
// one-time passwords that satisfy it, and a dummy verification so unknown usernames cost the same.
import { randomBytes, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { AppError, RetryLater } from '../../platform/errors.ts';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id: an ambient const enum, unusable with isolatedModules
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_LENGTH = 12;

/**
 * At most this many argon2 computations at once (each takes ~19 MiB and a core for tens of ms): one
 * core fewer than the machine has, so a flood of sign-ins leaves a core to everyone else's requests.
 * Beyond QUEUE waiting, a sign-in is refused at once with 503 and Retry-After rather than queued for
 * seconds (the rate limits refuse most of a flood before it gets here).
 */
const CONCURRENCY = Math.max(1, availableParallelism() - 1);
const QUEUE = 32 * CONCURRENCY;
let running = 0;
const waiting: (() => void)[] = [];

async function bounded<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) {
    if (waiting.length >= QUEUE) {
      throw new RetryLater(
        'SERVER_BUSY',
        'Hệ thống đang bận xử lý đăng nhập, vui lòng thử lại sau giây lát',
        1,
      );
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, so `running` stays counted.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password, OPTIONS));
}

/** False for a wrong password or a malformed hash; throws only SERVER_BUSY when the queue is full. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  return bounded(async () => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  });
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(18).toString('base64')));

/** Computes the dummy hash ahead, so that even the first unknown username costs one verification. */
export function warmUp(): void {
  dummyHash().catch(() => (dummy = undefined));
}

/** Spends the time of one verification, for a username that does not exist. */
export async function verifyDummy(password: string): Promise<void> {
  await verifyPassword(await dummyHash(), password);
}

const CLASSES: [RegExp, string][] = [
  [/\p{Ll}/u, 'lower-case letter'],
  [/\p{Lu}/u, 'upper-case letter'],
  [/\p{Nd}/u, 'digit'],
  [/[^\p{L}\p{Nd}]/u, 'symbol'],
];

/** The reason the password breaks the policy, or undefined when it is acceptable. */
export function policyViolation(password: string, username: string): string | undefined {
  if ([...password].length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters long`;
  const kinds = CLASSES.filter(([re]) => re.test(password)).length;
  if (kinds < 3) return 'must mix at least 3 of: lower-case letters, upper-case letters, digits, symbols';
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return 'must not contain the username';
  }
  return undefined;
}

export function checkPasswordPolicy(password: string, username: string, field = '/newPassword'): void {
  const reason = policyViolation(password, username);
  if (reason) {
    throw new AppError('WEAK_PASSWORD', `Mật khẩu chưa đủ mạnh: ${reason}`, [{ field, reason }]);
  }
}

// No look-alikes (0/O, 1/l/I) in what a person must type from a printed slip.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%*+-=?@';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

const pick = (set: string): string => set[randomInt(set.length)]!;

/** A random 16-character password with every character class, satisfying the policy for this user. */
export function oneTimePassword(username: string): string {
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < 16) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const pw = chars.join('');
    if (!policyViolation(pw, username)) return pw;
  }
}
