// TOTP (RFC 6238: SHA-1, 6 digits, 30 s), accepting one step either side for clock drift.
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'hoso';

const totp = (username: string, secret: Secret): TOTP =>
  new TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret });

/** A fresh 160-bit secret, as base32 and as the otpauth:// URI an authenticator app scans. */
export function newTotpSecret(username: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, otpauthUri: totp(username, secret).toString() };
}

export function totpValid(base32: string, code: string, at: Date): boolean {
  return (
    totp('', Secret.fromBase32(base32)).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null
  );
}
