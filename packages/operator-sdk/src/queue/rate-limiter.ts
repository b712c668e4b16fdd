/**
 * Decides how long a key waits before it is retried (as client-go's `workqueue.RateLimiter`).
 *
 * Keys are the queue's string keys. Implementations keep per-key state until `forget` is called, so the
 * owner of the queue must call `forget(key)` once a key stops failing (a successful reconcile, a
 * `requeueAfter`, or the object is gone); otherwise the backoff of the next failure starts where the last
 * streak ended and the state of deleted objects is never released.
 */
export interface RateLimiter {
  /** Records one more retry of `key` and returns how long it should wait, in milliseconds (>= 0). */
  when(key: string): number;
  /** Drops what is known about `key`: its next `when` starts from the first step again. Idempotent. */
  forget(key: string): void;
  /** How many times `when(key)` was called since the last `forget(key)`. */
  numRequeues(key: string): number;
}
