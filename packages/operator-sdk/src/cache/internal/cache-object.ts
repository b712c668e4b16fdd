// Prepares an object for the cache: drop what readers never need, then freeze it.
import type { KubernetesObject } from '@kubernetes/client-node';
import { rememberAppliedDigests } from '../../client/internal/managed-fields.js';

/**
 * Strips `metadata.managedFields` (often half of an object's bytes) and deep-freezes the result, so a
 * handler that mutates a cached object fails loudly instead of corrupting the cache. What each field
 * manager applied is kept as a digest beside the object (see `alreadyApplied`), so a controller can tell,
 * also after a restart, that applying again would change nothing.
 * Takes ownership of `obj`: callers pass objects freshly parsed from the API.
 */
export function toCacheObject<T extends KubernetesObject>(obj: T): T {
  if (obj.metadata?.managedFields) {
    rememberAppliedDigests(obj);
    delete obj.metadata.managedFields;
  }
  return deepFreeze(obj);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}
