import type { RateLimiter } from './rate-limiter.js';

/**
 * Combines limiters by taking the longest delay (client-go's `MaxOfRateLimiter`). Every limiter sees every
 * call, so each one keeps its own state (a bucket spends its token even when a backoff is longer).
 */
export class MaxOfRateLimiter implements RateLimiter {
  private readonly limiters: readonly RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    let delay = 0;
    for (const limiter of this.limiters) delay = Math.max(delay, limiter.when(key));
    return delay;
  }

  forget(key: string): void {
    for (const limiter of this.limiters) limiter.forget(key);
  }

  numRequeues(key: string): number {
    let count = 0;
    for (const limiter of this.limiters) count = Math.max(count, limiter.numRequeues(key));
    return count;
  }
}
