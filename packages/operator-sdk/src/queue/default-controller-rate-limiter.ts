import { BucketRateLimiter } from './bucket-rate-limiter.js';
import type { Clock } from './clock.js';
import { ItemExponentialRateLimiter } from './item-exponential-rate-limiter.js';
import { MaxOfRateLimiter } from './max-of-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * The rate limiter controller-runtime gives every controller: the longer of a per-key exponential backoff
 * (5 ms doubling up to 1000 s) and an overall token bucket (10 retries/s, burst 100).
 *
 * Create one per queue: the bucket is shared by all keys of the queue it serves.
 */
export function defaultControllerRateLimiter(clock?: Clock): RateLimiter {
  return new MaxOfRateLimiter(
    new ItemExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1_000_000 }),
    new BucketRateLimiter({ qps: 10, burst: 100, clock }),
  );
}
