// Holding back status writes that only report progress, until a transition or a deadline carries them.
import { LruMap } from '@score-orchestrator/operator-sdk';

/** Objects whose held-back progress is remembered at most (the least recently reported go first). */
const MAX_TRACKED = 50_000;

/**
 * When to write a status that only reports progress. On the way to Ready a Workload's or a plan's status
 * changes many times in messages alone (a claim provisioning, replicas starting), each a write and a watch
 * event for every client of the kind. A progress-only change waits `delayMs` from the first such change for
 * a transition to carry it: a transition (whatever the caller's `progressOnly` rule says is not progress)
 * is written at once with everything pending, and an object that stays in progress shows its latest
 * progress `delayMs` late at most. The Workload controller (`workload.progressStatusDelayMs`) and the
 * runtime host (`PluginHostOptions.progressStatusDelayMs`) use it, each with its own rule. Per process,
 * keyed by uid, bounded.
 */
export class ProgressHoldBack {
  private readonly pendingSince: LruMap<string, number>;

  constructor(
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
    maxTracked = MAX_TRACKED,
  ) {
    this.pendingSince = new LruMap(maxTracked);
  }

  /**
   * How long to hold back a status change of the object `uid` (0: write it now). Call it only for a status
   * that would change; a held-back change must be looked at again after the time returned.
   */
  holdBack(uid: string, progressOnly: boolean): number {
    if (this.delayMs <= 0 || !progressOnly) {
      this.pendingSince.delete(uid);
      return 0;
    }
    const now = this.now();
    const since = this.pendingSince.get(uid);
    if (since === undefined) {
      this.pendingSince.set(uid, now);
      return this.delayMs;
    }
    const left = since + this.delayMs - now;
    if (left > 0) return left;
    this.pendingSince.delete(uid);
    return 0;
  }

  /** Nothing pending for `uid` any more (its status is as desired, or it is gone). Idempotent. */
  forget(uid: string): void {
    this.pendingSince.delete(uid);
  }
}
