import type { WorkQueueMetrics } from '../metrics/work-queue-metrics.js';
import type { Clock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** The queue's name, used as the `name` and `controller` labels of its metrics. */
  readonly name: string;
  /** Decides the delay of `addRateLimited`. Default: {@link defaultControllerRateLimiter} on `clock`. */
  readonly rateLimiter?: RateLimiter;
  /** Where the queue reports itself. Default: nothing is reported. */
  readonly metrics?: WorkQueueMetrics;
  /** Time source of delays, durations and the drain timeout. Default: {@link realClock}. */
  readonly clock?: Clock;
}
