import { createHash } from 'node:crypto';

/**
 * Longest name given to backing objects. A StatefulSet's pods carry the label
 * `controller-revision-hash: <name>-<10 characters>`, which must fit in 63 characters.
 */
export const maxBackingNameLength = 52;

/** The first `length` hex digits of the SHA-256 of `text`: a stable suffix for shortened names. */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The name of a claim's backing objects: `<prefix>-<claimName>`, as a DNS-1035 label (what Service names
 * need) of at most {@link maxBackingNameLength} characters. Deterministic: the same claim always gets the
 * same name. When the claim name has to be changed (too long, or characters a label cannot hold), the
 * result ends in a hash of the original so two claims never share a name.
 */
export function backingName(prefix: string, claimName: string, maxLength = maxBackingNameLength): string {
  const clean = claimName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const full = `${prefix}-${clean}`;
  if (clean === claimName && full.length <= maxLength) return full;
  const hash = shortHash(claimName);
  const head = full.slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}

/**
 * A database identifier derived from the claim name (`web-db` -> `web_db`): lower-case letters, digits
 * and `_`, starting with a letter, at most `maxLength` characters (hash-suffixed when cut). Used for
 * database, user and vhost names so they are stable without being stored anywhere.
 */
export function databaseIdentifier(claimName: string, maxLength = 63): string {
  let id = claimName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(id)) id = `r_${id}`;
  if (id.length <= maxLength) return id;
  const hash = shortHash(claimName, 6);
  return `${id.slice(0, maxLength - hash.length - 1).replace(/_+$/, '')}_${hash}`;
}

/** A label value for `text` (at most 63 characters, alphanumeric at both ends), hash-suffixed when cut. */
export function labelValue(text: string): string {
  if (text.length <= 63 && /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.test(text)) return text;
  const hash = shortHash(text);
  const head = text
    .replace(/[^-A-Za-z0-9_.]+/g, '-')
    .slice(0, 63 - hash.length - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return head ? `${head}-${hash}` : hash;
}
