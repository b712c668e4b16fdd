/**
 * What a reconcile asks of the controller once it returns.
 *
 * - `done()`: the object has converged; wait for the next change.
 * - `requeueAfter(ms)`: look again after a fixed delay (e.g. polling something outside the cluster).
 *   The item's failure backoff is reset, as for `done()`.
 * - `requeue()`: look again soon, with the item's rate-limited backoff (e.g. waiting on a dependency
 *   that has no watch).
 *
 * Returning nothing is the same as `done()`. Throwing is retried with backoff; throwing a
 * {@link TerminalError} is recorded and not retried.
 */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
  readonly requeue?: boolean;
}

const DONE: ReconcileResult = Object.freeze({});

/** Named constructors for {@link ReconcileResult}. */
export const Result = {
  /** The object has converged; reconcile again only when something changes. */
  done(): ReconcileResult {
    return DONE;
  },
  /** Reconcile again after `ms` milliseconds, regardless of changes. */
  requeueAfter(ms: number): ReconcileResult {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`requeueAfter needs a delay >= 0 ms, got ${ms}`);
    return { requeueAfterMs: ms };
  },
  /** Reconcile again with the item's exponential backoff. */
  requeue(): ReconcileResult {
    return { requeue: true };
  },
} as const;
