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
import { describeOwnership, ownershipOf, predecessorOf, type Ownership } from './ownership.js';
import { OwnershipConflictError } from './ownership-conflict.error.js';

/** How {@link checkOwnership} and {@link applyOwned} read the objects already there. */
export interface OwnedReadOptions extends RequestOptions {
  /**
   * Read here first (e.g. `ctx.cache`), as `SharedCache.lookup` answers: a cached copy is used as read; a
   * name the cache knows is free (its informer lists the kind in that namespace unfiltered and has synced)
   * is taken as absent without a request, and {@link applyOwned} then writes the object create-only, so a
   * cache that lags costs a refused write and a read, never an object of someone else's. Anything else (a
   * kind no informer covers, a miss of a label-filtered informer, which never holds someone else's
   * unlabelled object) is read from the API server, unless `filteredMiss` says otherwise. A cache that
   * also has `noteCreated` (a `SharedCache` does) is told of each object {@link applyOwned} creates, so
   * that the next reads find it before its informer's event arrives (see `SharedCache.noteCreated`).
   */
  readonly cache?: Pick<SharedCache, 'lookup'> & Partial<Pick<SharedCache, 'noteCreated'>>;
  /**
   * What a synced label-filtered informer's miss (`lookup` answers `unknown` with `filtered`) means: `read`
   * (the default) reads the object from the API server; `presumeAbsent` takes it as absent without a
   * request. Presume only for objects written create-only before anything that needs their name to be
   * free: with {@link createOwned} (which reports an object that was there after all instead of writing
   * over it, for objects whose content depends on there being none, e.g. generated credentials), or with
   * {@link applyOwned} and `current: null`. Either refuses someone else's object of that name with
   * `NotOwned` and writes nothing over it; what the caller wrote before it stays written, so order the
   * writes (see {@link checkOwnership}).
   */
  readonly filteredMiss?: 'read' | 'presumeAbsent';
}

/** Options of {@link applyOwned}. */
export interface ApplyOwnedOptions extends ApplyOptions, OwnedReadOptions {
  /** Whose the object must be (see `Ownership`). */
  readonly ownership: Ownership;
  /**
   * The object as it stands, already read (e.g. by {@link checkOwnership}); `null` when known absent (the
   * object is then written create-only: if one of that name exists after all, it is read and checked).
   */
  readonly current?: KubernetesObject | null;
}

/** Options of {@link createOwned}. */
export interface CreateOwnedOptions extends Omit<ApplyOptions, 'force'> {
  /** Whose an object of that name must be to be reported as `existing` instead of refused (see `Ownership`). */
  readonly ownership: Ownership;
  /**
   * Told of the object when it is created (e.g. `ctx.cache`), so that reads through it find the object
   * before its informer's event arrives (see `SharedCache.noteCreated`). Nothing is read from it.
   */
  readonly cache?: Pick<SharedCache, 'noteCreated'>;
}

/**
 * What {@link createOwned} did: created the object (`created`, as the API server returned it), or found
 * one of that name that is ours and left it as it was (`existing`, as read).
 */
export type CreateOwnedOutcome<T extends KubernetesObject> =
  | { readonly created: true; readonly object: T }
  | { readonly created: false; readonly object: KubernetesObject };

/** What {@link deleteOwned} did: deleted ours, found nothing, or left someone else's object alone. */
export type DeleteOwnedOutcome = 'deleted' | 'absent' | 'notOwned';

/**
 * Reads the objects named by `objects` (only apiVersion, kind, namespace and name are used) and checks that
 * each is absent or ours, before anything is written: a controller that needs several objects refuses them
 * all when one name is taken. Returns the current copies, in order (undefined when absent), to pass to
 * {@link applyOwned} as `current`.
 *
 * With `options.cache`, an object the cache holds costs no request, nor does one it knows is absent (see
 * {@link OwnedReadOptions.cache}): only kinds the cache does not list in full are read from the API
 * server. All-or-nothing still holds for someone else's object: an unfiltered informer holds it (so it is
 * found here), and a filtered one's miss is read. An object created since the cache last heard is caught
 * by {@link applyOwned}'s create-only write instead, after the objects before it were written.
 *
 * With `filteredMiss: 'presumeAbsent'`, a label-filtered cache's miss costs no request either and comes
 * back undefined; such an object is checked only when it is written (create-only), so write it first:
 * someone else's object of that name then stops the writes before any other is made.
 *
 * @throws OwnershipConflictError (kind `NotOwned`) for the first object that exists and is not ours
 *   (`predecessor` set when an earlier owner of the same kind and name still controls it: wait, see
 *   `predecessorOf`).
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
      throw conflictWith(kind, key, current, ownership);
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
 * `force` as given (default true: fields we own are put back). An object known absent (read so, or the
 * cache says so) is written create-only: applied without `force` and with a resourceVersion no object can
 * have ({@link CREATE_ONLY_RESOURCE_VERSION}). The API server ignores it when it creates the object and
 * refuses the write (409) when an object of that name exists, however it came there since it was read: that
 * object is then read and checked like any other, never overwritten. So an absent object costs one request,
 * as a POST would, but stays this field manager's apply (a POST records an `Update`, so the next apply
 * would write again, and fields it set would outlive their removal from the desired object). Idempotent, and
 * without a request when the object already holds exactly what this field manager would apply (see
 * {@link alreadyApplied}; pass the cached copy as `current` or a `cache` to make that check free): `current`
 * is returned then. So a restart or a relist over objects that are as desired sends no PATCH. (A stale
 * `current` that shows what is desired is trusted: nothing is written, and a replacement made meanwhile
 * surfaces when the cache catches up.)
 *
 * @throws OwnershipConflictError (kind `NotOwned`, no write made) when the object is someone else's
 *   (`predecessor` set when an earlier owner of the same kind and name still controls it);
 *   KubeApiError as `apply` does.
 */
export async function applyOwned<T extends KubernetesObject>(
  client: KubeClient,
  obj: T,
  options: ApplyOwnedOptions,
): Promise<T> {
  const { ownership, current: given, cache, filteredMiss, ...applyOptions } = options;
  const kind = await client.resolveKind(obj, options);
  const key = objectKeyOf(obj);
  const desired = markOwned(obj, ownership);
  const read = { cache, filteredMiss, signal: options.signal };
  let current = given === undefined ? await readCurrent(client, kind, key, read) : given;
  for (let attempt = 1; ; attempt++) {
    const state = ownershipOf(current ?? undefined, ownership);
    if (state === 'foreign') throw conflictWith(kind, key, current ?? undefined, ownership);
    // Nothing to send when what we applied last is still exactly what we want (see `alreadyApplied`).
    const manager = applyOptions.fieldManager ?? client.fieldManager;
    if (!applyOptions.dryRun && alreadyApplied(desired, current ?? undefined, manager)) return current as T;
    try {
      if (!current)
        return noted(cache, kind, await applyCreateOnly(client, desired, applyOptions), applyOptions);
      return await client.apply(withMetadata(desired, { uid: current.metadata?.uid }), applyOptions);
    } catch (err) {
      // Replaced, or there after all (created meanwhile, or the cache lagged): look at what is there now.
      if (!(isConflict(err) || uidMismatch(err)) || attempt > 1) throw err;
      current = await client.get(kind, key, { signal: options.signal });
    }
  }
}

/**
 * Creates `obj` (carrying `ownership.owner` as controller and the identity labels) if no object of its name
 * exists, and otherwise writes nothing: for an object whose content depends on there being none (e.g.
 * credentials generated for it), which must never replace what is stored. One request when the name is
 * free, a create-only apply (see {@link applyOwned}), with no read before it: so an object a label-filtered
 * cache does not hold can be written without a GET (see `filteredMiss`). When an object of that name exists
 * (the API server answers 409), it is read: ours (controlled or adoptable) comes back with `created: false`,
 * untouched, for the caller to build on (e.g. keep its credentials, then converge it with
 * {@link applyOwned} and `current` set to it); one deleted between the refusal and the read is created once
 * more.
 *
 * @throws OwnershipConflictError (kind `NotOwned`, nothing written) when the object is someone else's
 *   (`predecessor` set when an earlier owner of the same kind and name still controls it);
 *   KubeApiError as `apply` does.
 */
export async function createOwned<T extends KubernetesObject>(
  client: KubeClient,
  obj: T,
  options: CreateOwnedOptions,
): Promise<CreateOwnedOutcome<T>> {
  const { ownership, cache, ...applyOptions } = options;
  const kind = await client.resolveKind(obj, options);
  const key = objectKeyOf(obj);
  const desired = markOwned(obj, ownership);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await applyCreateOnly(client, desired, applyOptions);
      return { created: true, object: noted(cache, kind, created, applyOptions) };
    } catch (err) {
      if (!isConflict(err) || attempt > 1) throw err;
    }
    const current = await client.get(kind, key, { signal: options.signal });
    if (!current) continue;
    if (ownershipOf(current, ownership) === 'foreign') {
      throw conflictWith(kind, key, current, ownership, 'create');
    }
    return { created: false, object: current };
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

/** The refusal of `current` (foreign), naming its controller when that is a predecessor of the owner. */
function conflictWith(
  kind: ResourceKind,
  key: ObjectKey,
  current: KubernetesObject | undefined,
  ownership: Ownership,
  verb?: string,
): OwnershipConflictError {
  const predecessor = predecessorOf(current, ownership);
  return new OwnershipConflictError(kind.kind, key, describeOwnership(ownership), verb, predecessor);
}

/** The API server refuses a write whose pinned uid is not the stored object's as an immutable-field error. */
function uidMismatch(err: unknown): boolean {
  const causes = OperatorSdkError.is(err) ? (err as KubeApiError).causes : undefined;
  return Array.isArray(causes) && causes.some((cause) => cause.field === 'metadata.uid');
}

/**
 * The object as it stands: cached, known absent (undefined) from the cache, presumed absent on a filtered
 * miss when asked to (see `filteredMiss`), else read (see `lookup`).
 */
async function readCurrent(
  client: KubeClient,
  kind: ResourceKind,
  key: ObjectKey,
  options: OwnedReadOptions,
): Promise<KubernetesObject | undefined> {
  const cached = options.cache?.lookup(kind, key);
  if (cached?.state === 'present') return cached.object;
  if (cached?.state === 'absent') return undefined;
  if (cached?.state === 'unknown' && cached.filtered && options.filteredMiss === 'presumeAbsent')
    return undefined;
  return client.get(kind, key, { signal: options.signal });
}

/**
 * A resourceVersion no stored object has: the API server reads resourceVersions as unsigned 64-bit numbers
 * and stores etcd revisions, which are signed 64-bit. An apply that carries it creates an absent object
 * (a new object's resourceVersion is the server's to set) and fails its optimistic-lock check (409) on any
 * existing one: a create-only apply.
 */
export const CREATE_ONLY_RESOURCE_VERSION = '18446744073709551615';

/** Applies `desired` only if no object of its name exists: the API server refuses it with 409 otherwise. */
function applyCreateOnly<T extends KubernetesObject>(
  client: KubeClient,
  desired: T,
  options: ApplyOptions,
): Promise<T> {
  const createOnly = { resourceVersion: CREATE_ONLY_RESOURCE_VERSION };
  return client.apply(withMetadata(desired, createOnly), { ...options, force: false });
}

/**
 * `created` (what a create-only apply returned), noted in `cache` so reads find it before its informer's
 * event does; a dry run created nothing.
 */
function noted<T extends KubernetesObject>(
  cache: Partial<Pick<SharedCache, 'noteCreated'>> | undefined,
  kind: ResourceKind,
  created: T,
  options: ApplyOptions,
): T {
  if (!options.dryRun) cache?.noteCreated?.(kind, created);
  return created;
}

/** `obj` with `precondition` (its uid or resourceVersion) set in its metadata (see `applyOwned`). */
function withMetadata<T extends KubernetesObject>(
  obj: T,
  precondition: { uid?: string; resourceVersion?: string },
): T {
  return { ...obj, metadata: { ...obj.metadata, ...precondition } };
}

function markOwned<T extends KubernetesObject>(obj: T, ownership: Ownership): T {
  const labels = ownership.labels ?? {};
  const copy = { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata?.labels, ...labels } } };
  if (Object.keys(copy.metadata.labels).length === 0) delete (copy.metadata as { labels?: unknown }).labels;
  return ownership.owner ? setControllerReference(ownership.owner, copy) : copy;
}
