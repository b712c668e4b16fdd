/** Settings of the `WorkloadController`, bound to `WorkloadTokens.WorkloadControllerOptions`. */
export interface WorkloadControllerOptions {
  /**
   * How long deletion may wait for the plan and claims to go (a runtime or resolver that never finishes,
   * or is missing) before the Workload's finalizer is released anyway, leaving them behind with a
   * `DeletionStalled` condition and a Warning event naming them. Default 5 minutes.
   */
  readonly deletionTimeoutMs?: number;
  /**
   * Workloads reconciled at once (default {@link DEFAULT_WORKLOAD_CONCURRENCY}, the `@Controller` setting).
   * Never two reconciles of one Workload.
   */
  readonly concurrency?: number;
  /**
   * How long a status change that only reports progress (messages, claim summaries, one progress reason
   * for another, `ClaimsReady` turning True while the Workload only waits) waits for a transition to carry
   * it in the same write (see `progressOnly`, `ProgressWrites`). Other transitions and failures are written
   * at once. 0 writes every change at once. Default 10 seconds: at scale a
   * Workload spends that long between transitions, so a shorter wait saves few writes.
   */
  readonly progressStatusDelayMs?: number;
  /** The clock (tests); `new Date()` by default. */
  readonly now?: () => Date;
}

/**
 * Workloads reconciled at once unless `concurrency` says otherwise. A reconcile mostly waits on API
 * responses: with 8, 200 Workloads queued behind the workers; 32 rolled them out 2.3-2.8x faster for the
 * same requests (docs/benchmarks.md#concurrency-8-16-and-32-workers).
 */
export const DEFAULT_WORKLOAD_CONCURRENCY = 32;

/** The default deletion timeout: 5 minutes. */
export const DEFAULT_DELETION_TIMEOUT_MS = 5 * 60_000;

/** How long to look again while a claim this Workload wants is still being deleted. */
export const TERMINATING_CLAIM_RETRY_MS = 2_000;
