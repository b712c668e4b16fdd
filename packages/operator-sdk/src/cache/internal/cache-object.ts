// Prepares an object for the cache: drop what readers never need, share short strings, then freeze it.
import type { KubernetesObject } from '@kubernetes/client-node';
import { carryAppliedDigests, rememberAppliedDigests } from '../../client/internal/managed-fields.js';
import type { CacheTransform } from '../cache-transform.js';
import { internString, MAX_INTERNED_LENGTH } from './interned-string.js';

/**
 * Strips `metadata.managedFields` (often half of an object's bytes), applies the cache's `transform`,
 * replaces each string value of up to `MAX_INTERNED_LENGTH` characters with its one shared copy (`intern`,
 * see {@link internString}: cached objects repeat the same namespaces, kinds, labels and timestamps) and
 * deep-freezes the result, so a handler that mutates a cached object fails loudly instead of corrupting the
 * cache. What each field manager applied is kept as a digest beside the object (see `alreadyApplied`),
 * computed before the transform from the whole object, so a controller can tell, also after a restart and
 * whatever the transform drops, that applying again would change nothing.
 * Takes ownership of `obj`: callers pass objects freshly parsed from the API.
 */
export function toCacheObject<T extends KubernetesObject>(
  obj: T,
  transform?: CacheTransform,
  intern: (value: string) => string = internString,
): T {
  if (obj.metadata?.managedFields) {
    rememberAppliedDigests(obj);
    delete obj.metadata.managedFields;
  }
  if (!transform) return deepFreeze(obj, intern);
  const shaped = transform(obj) as T;
  if (shaped !== obj) carryAppliedDigests(obj, shaped);
  return deepFreeze(shaped, intern);
}

function deepFreeze<T>(value: T, intern: (value: string) => string): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const members = value as Record<string, unknown>;
  for (const key of Object.keys(members)) {
    const member = members[key];
    if (typeof member !== 'string') deepFreeze(member, intern);
    else if (member.length <= MAX_INTERNED_LENGTH) members[key] = intern(member);
  }
  return Object.freeze(value);
}
