// Whether a server-side apply would change nothing: the desired object against what its manager owns.
import type { KubernetesObject } from '@kubernetes/client-node';
import { appliedDigestOf, desiredDigestOf } from './internal/managed-fields.js';

/**
 * Whether server-side applying `desired` as `fieldManager` would leave `current` as it is, judged from
 * what the API server records: the fields `current.metadata.managedFields` says `fieldManager` applied
 * (operation `Apply`, same apiVersion), read out of `current` as client-go's `managedfields.ExtractInto`
 * does, must be exactly `desired` (less its identity: apiVersion, kind, name, namespace). Works on a
 * copy read from the API server and on a copy from the shared cache, which drops managedFields but keeps
 * this digest of them (see `SharedCache`); any other copy answers false.
 *
 * Why managedFields and not a memo or a hash annotation: the comparison lives on the object itself, so it
 * survives a restart (an in-memory memo is lost, and every object is applied again once); it sees hand
 * edits made while the controller was down (an edited field moves to the editor's manager, so the
 * extracted fields differ), fields the object no longer needs (still owned, so they differ), and fields
 * another writer took over (no longer ours); and it writes nothing extra into the object. A hash
 * annotation would match after such an edit, because the edit does not touch the annotation.
 *
 * Only ever errs towards applying: a value the API server normalises (a quantity `0.5` stored as
 * `500m`) reads as different, and costs one no-op apply. Zero values (false, 0, "", {} and []) count as
 * equal to an owned field the server left out, as it does for `omitempty` fields.
 */
export function alreadyApplied(
  desired: KubernetesObject,
  current: KubernetesObject | undefined,
  fieldManager: string,
): boolean {
  if (!current || !desired.apiVersion) return false;
  if (current.metadata?.deletionTimestamp) return false;
  const applied = appliedDigestOf(current, fieldManager, desired.apiVersion);
  return applied !== undefined && applied === desiredDigestOf(desired);
}
