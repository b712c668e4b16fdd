import type { V1Secret } from '@kubernetes/client-node';
import { generateCredential } from './generate-credential.js';

/** One generated credential: its key (in the claim's Secret and the backing Secret) and length. */
export interface CredentialKey {
  readonly key: string;
  readonly length?: number;
  /**
   * A rule a generated value must pass (e.g. SQL Server's password policy); values are generated again
   * until one does. Values already stored are kept as they are.
   */
  readonly accept?: (value: string) => boolean;
}

/** Where credentials already exist, most authoritative first. */
export interface CredentialSources {
  /** The claim's secret outputs (`ctx.existingSecretOutputs`). */
  readonly claim: Readonly<Record<string, string>>;
  /** The backing Secret's decoded data, when it exists. */
  readonly backing: Readonly<Record<string, string>>;
}

/** Which source each credential came from. */
export type CredentialOrigin = 'claim' | 'backing' | 'generated';

export interface ResolvedCredentials {
  readonly values: Readonly<Record<string, string>>;
  readonly origins: Readonly<Record<string, CredentialOrigin>>;
}

/**
 * Picks each credential from the claim's Secret, else the backing Secret, else generates it once. So a
 * password never changes across restarts, re-reconciles or upgrades, and survives the loss of either Secret
 * (e.g. a claim re-created over retained backing objects). Empty values count as missing. Pure apart from
 * `generate`.
 */
export function resolveCredentials(
  keys: readonly CredentialKey[],
  sources: CredentialSources,
  generate: (length?: number) => string = generateCredential,
): ResolvedCredentials {
  const values: Record<string, string> = {};
  const origins: Record<string, CredentialOrigin> = {};
  for (const { key, length, accept } of keys) {
    const fromClaim = sources.claim[key];
    const fromBacking = sources.backing[key];
    if (fromClaim) {
      values[key] = fromClaim;
      origins[key] = 'claim';
    } else if (fromBacking) {
      values[key] = fromBacking;
      origins[key] = 'backing';
    } else {
      let value = generate(length);
      while (accept && !accept(value)) value = generate(length);
      values[key] = value;
      origins[key] = 'generated';
    }
  }
  return { values, origins };
}

/** Whether every key is present (non-empty) in `values`: then the backing Secret need not be read. */
export function hasAllCredentials(
  keys: readonly CredentialKey[],
  values: Readonly<Record<string, string>>,
): boolean {
  return keys.every(({ key }) => Boolean(values[key]));
}

/** A Secret's `data`, base64-decoded; `{}` when there is no Secret. */
export function decodeSecretData(secret: V1Secret | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret?.data ?? {})) {
    out[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}

/** Base64-encodes values for a Secret's `data`. */
export function encodeSecretData(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) out[key] = Buffer.from(value, 'utf8').toString('base64');
  return out;
}
