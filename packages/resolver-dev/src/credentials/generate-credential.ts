import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The largest multiple of the alphabet's size below 256: bytes at or above it are dropped, so every
// character is equally likely.
const unbiasedLimit = 256 - (256 % alphabet.length);

/**
 * A random alphanumeric string from the operating system's CSPRNG: safe in URLs, connection strings and
 * shell-free env vars. 24 characters carry ~142 bits.
 */
export function generateCredential(length = 24): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < unbiasedLimit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
