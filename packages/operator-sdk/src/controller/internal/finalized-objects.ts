// The deleting objects a controller has finalized, so a cached copy from before that is not finalized again.
import type { KubernetesObject } from '@kubernetes/client-node';
import { hasFinalizer } from '../../client/finalizers.js';

/**
 * The objects whose finalizer this controller removed after `finalize` returned done, by queue key, until
 * its cache catches up. A key queued again while `finalize` ran (typically by the deletion of something
 * the object owns, which `finalize` itself deleted) is processed right after the finalizer patch, while
 * the cache may still hold the object as it was: deleting and carrying the finalizer. Without this, that
 * stale copy runs `finalize` a second time.
 *
 * Such a copy is recognised for certain: the API server refuses to add a finalizer to an object that is
 * being deleted, so an object of the same uid cannot legitimately carry this finalizer again. An object
 * that still needs finalizing (`finalize` threw or asked for a requeue, or the finalizer patch failed) is
 * never recorded, and a new object of the same name has another uid.
 */
export class FinalizedObjects {
  /** Queue key to the uid of the object finalized under it. */
  private readonly uids = new Map<string, string>();

  constructor(private readonly finalizer: string) {}

  /** Records that `obj`'s finalizer is removed (the object gone, or waiting for other finalizers). */
  record(queueKey: string, obj: KubernetesObject): void {
    const uid = obj.metadata?.uid;
    if (uid) this.uids.set(queueKey, uid);
  }

  /**
   * Whether `cached` is a copy from before the finalizer's removal. A copy that shows the removal (or
   * another object under the key) ends the record: the cache has caught up.
   */
  isStale(queueKey: string, cached: KubernetesObject): boolean {
    const uid = this.uids.get(queueKey);
    if (uid === undefined) return false;
    if (
      cached.metadata?.uid === uid &&
      cached.metadata.deletionTimestamp &&
      hasFinalizer(cached, this.finalizer)
    )
      return true;
    this.uids.delete(queueKey);
    return false;
  }

  /** Ends the record of `queueKey` (its object left the cache), or of `obj` only when given. */
  forget(queueKey: string, obj?: KubernetesObject): void {
    if (obj === undefined || this.uids.get(queueKey) === obj.metadata?.uid) this.uids.delete(queueKey);
  }
}
