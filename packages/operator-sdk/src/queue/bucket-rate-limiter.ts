import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { realClock, type Clock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link BucketRateLimiter}; defaults are client-go's controller defaults. */
export interface BucketRateLimiterOptions {
  /** Tokens added per second: the sustained retry rate of the whole queue. Default 10. */
  readonly qps?: number;
  /** Bucket size: how many retries may go at once after a quiet period. Default 100. */
  readonly burst?: number;
  readonly clock?: Clock;
}

/**
 * An overall token bucket shared by all keys (client-go's `BucketRateLimiter` over `rate.Limiter`): each
 * `when` reserves one token and returns how long until that token exists. The bucket starts full.
 *
 * Reservations are never cancelled: a key whose retry is superseded (e.g. by an event) still spent its
 * token, as in client-go. It keeps no per-key state, so `forget` does nothing and `numRequeues` is 0.
 */
export class BucketRateLimiter implements RateLimiter {
  private readonly qps: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;

  constructor(options: BucketRateLimiterOptions = {}) {
    this.qps = options.qps ?? 10;
    this.burst = options.burst ?? 100;
    this.clock = options.clock ?? realClock;
    if (!(this.qps > 0) || !(this.burst >= 1)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create rate limiter: need qps > 0 and burst >= 1, got qps ${this.qps} and burst ${this.burst}; ` +
          'fix the BucketRateLimiter options',
      );
    }
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  when(_key: string): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  forget(_key: string): void {}

  numRequeues(_key: string): number {
    return 0;
  }
}
