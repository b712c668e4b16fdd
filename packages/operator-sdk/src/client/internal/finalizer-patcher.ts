// Adds or removes a finalizer with a guarded JSON patch, re-reading and retrying when another writer wins.
import type { KubernetesObject } from '@kubernetes/client-node';
import { objectKeyOf, type ObjectKey, type ResourceKind } from '../../api/resource-kind.js';
import type { JsonPatchOperation } from '../finalizers.js';
import { apiErrorFromResponse, statusCodeOf } from '../kube-api.error.js';
import { describeAction, patchContentTypes, withKind, type ApiCaller } from './api-call.js';
import { defaultConflictAttempts, retryOnConflict } from './conflict-retry.js';
import { resourcePath } from './resource-path.js';

/** One finalizer change: `build` returns the patch for the object as read, or undefined when it is done. */
export interface FinalizerChange {
  kind: ResourceKind;
  obj: KubernetesObject;
  build: (current: KubernetesObject) => JsonPatchOperation[] | undefined;
  /** Reads like "add finalizer to", for error messages. */
  verb: string;
  /** Whether a missing object counts as success (removal) rather than a `NotFound` error (addition). */
  goneIsDone: boolean;
  signal?: AbortSignal;
}

/** Reads the object afresh after a lost race; undefined when it is gone. */
export type ObjectReader = (
  kind: ResourceKind,
  key: ObjectKey,
  options: { signal?: AbortSignal },
) => Promise<KubernetesObject | undefined>;

/**
 * Applies `change`, starting from `change.obj` and re-reading after each lost race. Returns the object as
 * stored, or undefined when it is gone and `goneIsDone`. An object of the same name with another uid (the
 * one `change.obj` was deleted and a new one created) counts as gone: a late finalize of the old object
 * must never strip the new object's finalizer.
 */
export async function patchFinalizers<T extends KubernetesObject>(
  caller: ApiCaller,
  read: ObjectReader,
  { kind, obj, build, verb, goneIsDone, signal }: FinalizerChange,
): Promise<T | undefined> {
  const key = objectKeyOf(obj);
  const action = describeAction(verb, kind, key);
  let current: KubernetesObject | undefined = obj;
  const retry = { maxAttempts: defaultConflictAttempts, retryable: raceLost, signal };
  return retryOnConflict(retry, async (attempt) => {
    if (attempt > 1) current = sameObject(await read(kind, key, { signal }), obj);
    if (!current && goneIsDone) return undefined;
    if (!current) throw apiErrorFromResponse(action, 404, { kind: 'Status', message: 'not found' });
    const ops = build(current);
    if (!ops) return current as T;
    const req = {
      method: 'PATCH' as const,
      path: resourcePath(kind, key),
      body: ops,
      contentType: patchContentTypes.json,
      query: caller.writeQuery({}),
      signal,
    };
    const res = await caller.call(action, req, goneIsDone ? [200, 404] : [200]);
    return res.status === 404 ? undefined : withKind(kind, res.body as T);
  });
}

/**
 * `read` when it is `original` (same uid), else undefined. The resourceVersion `test` alone does not
 * protect a re-read: it guards the patch against the copy just read, whichever object that copy is.
 */
function sameObject(
  read: KubernetesObject | undefined,
  original: KubernetesObject,
): KubernetesObject | undefined {
  const uid = original.metadata?.uid;
  return read && uid && read.metadata?.uid !== uid ? undefined : read;
}

/** A guarded finalizer patch loses a race either as 409 or as a failed `test` operation (422). */
function raceLost(err: unknown): boolean {
  const code = statusCodeOf(err);
  return code === 409 || code === 422;
}
