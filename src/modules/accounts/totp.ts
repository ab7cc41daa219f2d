// TOTP (RFC 6238: SHA-1, 6 digits, 30 s), accepting one step either side for clock drift. A code is
// identified by its time step (counter) so that the caller can refuse one already used (replay).
import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'hoso';
const PERIOD = 30;
const WINDOW = 1;

const totp = (username: string, secret: Secret): TOTP =>
  new TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });

/** A fresh 160-bit secret, as base32 and as the otpauth:// URI an authenticator app scans. */
export function newTotpSecret(username: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, otpauthUri: totp(username, secret).toString() };
}

/** The time step (counter) of the instant `at`. */
export const totpStepAt = (at: Date): number => TOTP.counter({ period: PERIOD, timestamp: at.getTime() });

/**
 * The time steps within the drift window around `at` for which `code` is the right code, ascending
 * (empty: a wrong code). Every candidate is compared, in constant time, whatever matched before.
 */
export function totpMatchingSteps(base32: string, code: string, at: Date): number[] {
  const t = totp('', Secret.fromBase32(base32));
  const given = Buffer.from(code);
  const now = totpStepAt(at);
  const steps: number[] = [];
  for (let s = now - WINDOW; s <= now + WINDOW; s++) {
    const expected = Buffer.from(t.generate({ timestamp: s * PERIOD * 1000 }));
    if (given.length === expected.length && timingSafeEqual(given, expected)) steps.push(s);
  }
  return steps;
}
