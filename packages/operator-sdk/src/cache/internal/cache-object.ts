// Prepares an object for the cache: drop what readers never need, then freeze it.
import type { KubernetesObject } from '@kubernetes/client-node';
import { carryAppliedDigests, rememberAppliedDigests } from '../../client/internal/managed-fields.js';
import type { CacheTransform } from '../cache-transform.js';

/**
 * Strips `metadata.managedFields` (often half of an object's bytes), applies the cache's `transform` and
 * deep-freezes the result, so a handler that mutates a cached object fails loudly instead of corrupting the
 * cache. What each field manager applied is kept as a digest beside the object (see `alreadyApplied`),
 * computed before the transform from the whole object, so a controller can tell, also after a restart and
 * whatever the transform drops, that applying again would change nothing.
 * Takes ownership of `obj`: callers pass objects freshly parsed from the API.
 */
export function toCacheObject<T extends KubernetesObject>(obj: T, transform?: CacheTransform): T {
  if (obj.metadata?.managedFields) {
    rememberAppliedDigests(obj);
    delete obj.metadata.managedFields;
  }
  if (!transform) return deepFreeze(obj);
  const shaped = transform(obj) as T;
  if (shaped !== obj) carryAppliedDigests(obj, shaped);
  return deepFreeze(shaped);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}
