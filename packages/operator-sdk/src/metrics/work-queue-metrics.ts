/** What a work queue's gauges read at scrape time. */
export interface WorkQueueSnapshot {
  /** Keys waiting to be handed out, including keys re-added while in flight (client-go's `depth`). */
  readonly depth: number;
  /** Total seconds the keys currently in flight have been processed so far. */
  readonly unfinishedWorkSeconds: number;
  /** Seconds the longest key currently in flight has been processed so far; 0 when none. */
  readonly longestRunningProcessorSeconds: number;
}

/**
 * The calls a work queue makes to report itself (client-go's `queueMetrics`). A queue works without one;
 * {@link OperatorMetrics.workQueueMetrics} gives one that feeds controller-runtime's `workqueue_*` metrics.
 *
 * The queue measures the durations itself on its own clock, so fake time in tests gives exact values.
 * Implementations must be cheap: they are called on the queue's hot path.
 */
export interface WorkQueueMetrics {
  /** A key entered the queue. Adds of a key already waiting are deduplicated and not reported. */
  add(): void;
  /** A worker was handed a key that had waited `queuedSeconds` since it was added. */
  get(queuedSeconds: number): void;
  /** A worker finished a key it had held for `workSeconds`. */
  done(workSeconds: number): void;
  /** A key was scheduled for later (`addAfter` or `addRateLimited`), as client-go counts retries. */
  retry(): void;
  /**
   * Gives the metrics the function that reads the queue's gauges (depth, in-flight work) when they are
   * scraped, instead of a ticker updating them. The queue calls it once, when it is created; a later call
   * replaces the earlier function (a new queue under the same name).
   */
  track(snapshot: () => WorkQueueSnapshot): void;
}
