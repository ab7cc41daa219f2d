// Passwords: argon2id hashes (OWASP minimum parameters or above), the password policy, random
// one-time passwords that satisfy it, and a dummy verification so unknown usernames cost the same.
import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.ts';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id: an ambient const enum, unusable with isolatedModules
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password or a malformed hash; never throws. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
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
