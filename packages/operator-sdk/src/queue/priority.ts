// Priorities of work-queue keys: fresh events before work that only confirms what the cache already shows.

/** The priority of a key added without one. */
export const DefaultPriority = 0;

/**
 * The priority of work that only replays what the cache already holds: the initial list of an informer
 * (also after a restart), objects replayed to a handler added late, and resyncs (an update whose old and
 * new state are one version). Fresh events (default priority) are handed out before it, so a change
 * made while a thousand unchanged objects are being re-checked does not wait behind them. Same value as
 * controller-runtime's `handler.LowPriority`.
 */
export const LowPriority = -100;

/** Options of `WorkQueue.add`, `addAfter` and `addRateLimited`. */
export interface AddOptions {
  /**
   * Higher is handed out first (default {@link DefaultPriority}). A key that already waits keeps the higher
   * of its priorities.
   */
  readonly priority?: number;
}

/** A key as `WorkQueue.getWithPriority` hands it out. */
export interface PrioritizedKey {
  readonly key: string;
  readonly priority: number;
}
