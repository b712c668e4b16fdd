// The key itself: how it is generated, and the non-secret values derived from it.
import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes from the operating system's CSPRNG, base64url (43 characters). */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of `key`, hex: what a gateway stores to check keys without holding them. */
export function apiKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key's public id: the first 12 hex digits of its digest. Safe in status, logs and dashboards. */
export function apiKeyId(key: string): string {
  return apiKeyDigest(key).slice(0, 12);
}
