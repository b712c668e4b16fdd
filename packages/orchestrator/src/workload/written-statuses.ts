import type { Workload, WorkloadStatus } from '@score-orchestrator/api';
import { LruMap } from '@score-orchestrator/operator-sdk';
import { MAX_TRACKED_WORKLOADS } from '../internal/tracked-workloads.js';

/** The Workload as the API server returned it after this controller's last status write. */
interface Written {
  readonly generation: number;
  readonly resourceVersion: string;
  readonly status: WorkloadStatus | undefined;
}

/**
 * The status this controller last wrote for each Workload (by uid), for as long as the cache may not show
 * it yet.
 *
 * Why: a reconcile gets the Workload from the informer cache, and a claim or plan event can reconcile it
 * again before the cache has seen the status the previous reconcile wrote. Compared with that stale status,
 * a transition already reported (`ClaimsBound`, `Ready`) looks new again and its Event is recorded twice,
 * and a status already stored looks like it needs writing (or, worse, like it needs none).
 *
 * Guarantees: {@link latest} never returns something older than the cached Workload. The cached copy wins
 * when it has caught up with the write (same resourceVersion, and the entry is dropped), when it shows a
 * later spec (a higher `metadata.generation`: the cache has seen a write after ours), or a status of a
 * later generation (someone else wrote after us). Per process: after a restart (or on a new leader) there
 * is nothing remembered and the cache, freshly listed, is used. Bounded: entries are dropped once the
 * cache catches up, by {@link forget} on deletion, and past `MAX_TRACKED_WORKLOADS` the least recently used goes.
 */
export class WrittenStatuses {
  private readonly written: LruMap<string, Written>;

  constructor(maxWorkloads = MAX_TRACKED_WORKLOADS) {
    this.written = new LruMap(maxWorkloads);
  }

  /**
   * `cached`, or, when the cache has not seen this controller's last status write yet, `cached` with the
   * status and resourceVersion that write stored: the base to compare a new status with and to write it on
   * (a write from the stored resourceVersion succeeds unless someone else wrote meanwhile).
   */
  latest(cached: Workload): Workload {
    const uid = cached.metadata.uid!;
    const written = this.written.get(uid);
    if (!written) return cached;
    const caughtUp =
      cached.metadata.resourceVersion === written.resourceVersion ||
      (cached.metadata.generation ?? 0) > written.generation ||
      (cached.status?.observedGeneration ?? 0) > (written.status?.observedGeneration ?? 0);
    if (caughtUp) {
      this.written.delete(uid);
      return cached;
    }
    return {
      ...cached,
      metadata: { ...cached.metadata, resourceVersion: written.resourceVersion },
      status: written.status,
    };
  }

  /** Remembers `stored`, the Workload as the API server returned it from a status write (or a re-read). */
  remember(stored: Workload): void {
    this.written.set(stored.metadata.uid!, {
      generation: stored.metadata.generation ?? 0,
      resourceVersion: stored.metadata.resourceVersion!,
      status: stored.status,
    });
  }

  /** Forgets the Workload `uid` (deleted). Idempotent. */
  forget(uid: string): void {
    this.written.delete(uid);
  }
}
