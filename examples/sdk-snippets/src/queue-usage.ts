// The WorkQueue of docs/sdk/queue.md, used on its own (every controller has one already).
import {
  BucketRateLimiter,
  ItemExponentialRateLimiter,
  MaxOfRateLimiter,
  WorkQueue,
  type OperatorMetrics,
} from '@score-orchestrator/operator-sdk';

// #region create
export function createQueue(metrics?: OperatorMetrics): WorkQueue {
  return new WorkQueue({
    name: 'widgets', // the `name` and `controller` labels of workqueue_* metrics
    // The longer of a per-key backoff (100 ms doubling to 1 min) and a queue-wide 5/s bucket.
    rateLimiter: new MaxOfRateLimiter(
      new ItemExponentialRateLimiter({ baseDelayMs: 100, maxDelayMs: 60_000 }),
      new BucketRateLimiter({ qps: 5, burst: 20 }),
    ),
    metrics: metrics?.workQueueMetrics('widgets'),
  });
}
// #endregion create

// #region worker
/** One worker: run several for concurrency; the queue never hands a key to two of them at once. */
export async function runWorker(queue: WorkQueue, process: (key: string) => Promise<void>): Promise<void> {
  for (;;) {
    const key = await queue.get();
    if (key === undefined) return; // shut down
    try {
      await process(key);
      queue.forget(key); // success: the next failure starts from the first backoff step again
    } catch {
      queue.addRateLimited(key); // failure: retry after the rate limiter's delay
    } finally {
      queue.done(key); // lets the key be handed out again (at once if it was added meanwhile)
    }
  }
}
// #endregion worker
