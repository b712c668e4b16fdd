// Writes that respect ownership: apply, check and delete only objects that are ours.
import type { KubernetesObject } from '@kubernetes/client-node';
import { objectKeyOf, type ObjectKey, type ResourceKind } from '../api/resource-kind.js';
import type { SharedCache } from '../cache/shared-cache.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { alreadyApplied } from './already-applied.js';
import { isConflict, type KubeApiError } from './kube-api.error.js';
import type { KubeClient } from './kube-client.js';
import type { ApplyOptions, DeleteOptions, RequestOptions } from './kube-client-options.js';
import { setControllerReference } from './owner-references.js';
import { describeOwnership, ownershipOf, type Ownership } from './ownership.js';
import { OwnershipConflictError } from './ownership-conflict.error.js';

/** How {@link checkOwnership} and {@link applyOwned} read the objects already there. */
export interface OwnedReadOptions extends RequestOptions {
  /**
   * Read here first (e.g. `ctx.cache`); a kind no informer covers, or an object the cache does not hold (a
   * label-filtered informer never holds someone else's), is read from the API server.
   */
  readonly cache?: Pick<SharedCache, 'get'>;
}

/** Options of {@link applyOwned}. */
export interface ApplyOwnedOptions extends ApplyOptions, OwnedReadOptions {
  /** Whose the object must be (see `Ownership`). */
  readonly ownership: Ownership;
  /** The object as it stands, already read (e.g. by {@link checkOwnership}); `null` when known absent. */
  readonly current?: KubernetesObject | null;
}

/** What {@link deleteOwned} did: deleted ours, found nothing, or left someone else's object alone. */
export type DeleteOwnedOutcome = 'deleted' | 'absent' | 'notOwned';

/**
 * Reads the objects named by `objects` (only apiVersion, kind, namespace and name are used) and checks that
 * each is absent or ours, before anything is written: a controller that needs several objects refuses them
 * all when one name is taken. Returns the current copies, in order (undefined when absent), to pass to
 * {@link applyOwned} as `current`.
 *
 * @throws OwnershipConflictError (kind `NotOwned`) for the first object that exists and is not ours.
 */
export async function checkOwnership(
  client: KubeClient,
  objects: readonly KubernetesObject[],
  ownership: Ownership,
  options: OwnedReadOptions = {},
): Promise<(KubernetesObject | undefined)[]> {
  const found: (KubernetesObject | undefined)[] = [];
  for (const obj of objects) {
    const kind = await client.resolveKind(obj, options);
    const key = objectKeyOf(obj);
    const current = await readCurrent(client, kind, key, options);
    if (ownershipOf(current, ownership) === 'foreign') {
      throw new OwnershipConflictError(kind.kind, key, describeOwnership(ownership));
    }
    found.push(current);
  }
  return found;
}

/**
 * Server-side applies `obj` only if no object of its name exists or the existing one is ours (controlled by
 * `ownership.owner`, or adoptable by its identity labels). The copy sent carries `ownership.owner` as
 * controller and the identity labels, so what this writes is recognised as ours next time.
 *
 * Guarantees: an object that is someone else's is never written (not even its labels or owner references).
 * An existing object is applied with its uid pinned (the API server refuses the write when the object was
 * replaced since it was read; it is then read again and checked once more) and
 * `force` as given (default true: fields we own are put back); a new one without `force`, so an object
 * created meanwhile by another writer surfaces as a conflict instead of being overwritten. Idempotent, and
 * without a request when the object already holds exactly what this field manager would apply (see
 * {@link alreadyApplied}; pass the cached copy as `current` or a `cache` to make that check free): `current`
 * is returned then. So a restart or a relist over objects that are as desired sends no PATCH. (A stale
 * `current` that shows what is desired is trusted: nothing is written, and a replacement made meanwhile
 * surfaces when the cache catches up.)
 *
 * @throws OwnershipConflictError (kind `NotOwned`, no write made) when the object is someone else's;
 *   KubeApiError as `apply` does.
 */
export async function applyOwned<T extends KubernetesObject>(
  client: KubeClient,
  obj: T,
  options: ApplyOwnedOptions,
): Promise<T> {
  const { ownership, current: given, cache, ...applyOptions } = options;
  const kind = await client.resolveKind(obj, options);
  const key = objectKeyOf(obj);
  const desired = markOwned(obj, ownership);
  let current =
    given === undefined ? await readCurrent(client, kind, key, { cache, signal: options.signal }) : given;
  for (let attempt = 1; ; attempt++) {
    const state = ownershipOf(current ?? undefined, ownership);
    if (state === 'foreign') throw new OwnershipConflictError(kind.kind, key, describeOwnership(ownership));
    // Nothing to send when what we applied last is still exactly what we want (see `alreadyApplied`).
    const manager = applyOptions.fieldManager ?? client.fieldManager;
    if (!applyOptions.dryRun && alreadyApplied(desired, current ?? undefined, manager)) return current as T;
    try {
      if (!current) return await client.apply(desired, { ...applyOptions, force: false });
      const pinned = { ...desired, metadata: { ...desired.metadata, uid: current.metadata?.uid } };
      return await client.apply(pinned, applyOptions);
    } catch (err) {
      // Replaced or created by someone else since it was read: look again at what is there now.
      if (!(isConflict(err) || uidMismatch(err)) || attempt > 1) throw err;
      current = await client.get(kind, key, { signal: options.signal });
    }
  }
}

/**
 * Deletes the object `key` names only if it is ours by `ownership` (read live, then deleted with its uid as
 * precondition, so an object replaced meanwhile is not deleted). An `adoptable` object (kept on purpose by
 * an earlier owner) is not deleted. Idempotent.
 */
export async function deleteOwned(
  client: KubeClient,
  kind: ResourceKind,
  key: ObjectKey,
  ownership: Ownership,
  options: Omit<DeleteOptions, 'preconditions'> = {},
): Promise<DeleteOwnedOutcome> {
  for (let attempt = 1; ; attempt++) {
    const current = await client.get(kind, key, { signal: options.signal });
    const state = ownershipOf(current, ownership);
    if (state === 'absent') return 'absent';
    if (state !== 'controlled') return 'notOwned';
    try {
      const deleted = await client.delete(kind, key, {
        ...options,
        preconditions: { uid: current!.metadata?.uid },
      });
      return deleted ? 'deleted' : 'absent';
    } catch (err) {
      if (!isConflict(err) || attempt > 1) throw err;
    }
  }
}

/** The API server refuses a write whose pinned uid is not the stored object's as an immutable-field error. */
function uidMismatch(err: unknown): boolean {
  const causes = OperatorSdkError.is(err) ? (err as KubeApiError).causes : undefined;
  return Array.isArray(causes) && causes.some((cause) => cause.field === 'metadata.uid');
}

async function readCurrent(
  client: KubeClient,
  kind: ResourceKind,
  key: ObjectKey,
  options: OwnedReadOptions,
): Promise<KubernetesObject | undefined> {
  if (options.cache) {
    try {
      const cached = options.cache.get(kind, key);
      if (cached) return cached;
    } catch (err) {
      if (!(OperatorSdkError.is(err) && err.kind === 'Configuration')) throw err;
    }
  }
  return client.get(kind, key, { signal: options.signal });
}

function markOwned<T extends KubernetesObject>(obj: T, ownership: Ownership): T {
  const labels = ownership.labels ?? {};
  const copy = { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata?.labels, ...labels } } };
  if (Object.keys(copy.metadata.labels).length === 0) delete (copy.metadata as { labels?: unknown }).labels;
  return ownership.owner ? setControllerReference(ownership.owner, copy) : copy;
}
