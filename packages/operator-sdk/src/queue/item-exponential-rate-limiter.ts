import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options of {@link ItemExponentialRateLimiter}; defaults are client-go's controller defaults. */
export interface ItemExponentialRateLimiterOptions {
  /** The delay of a key's first retry, in ms. Default 5. */
  readonly baseDelayMs?: number;
  /** The ceiling of any delay, in ms. Default 1,000,000 (1000 s). */
  readonly maxDelayMs?: number;
}

/**
 * Per-key exponential backoff: the n-th retry of a key since its last `forget` waits
 * `baseDelayMs * 2^(n-1)`, capped at `maxDelayMs` (client-go's `ItemExponentialFailureRateLimiter`).
 *
 * Overflow-safe: past ~1000 doublings the float product becomes `Infinity`, which is capped like any other
 * delay above the maximum, so a key that failed for weeks still gets exactly `maxDelayMs`.
 */
export class ItemExponentialRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: ItemExponentialRateLimiterOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 1_000_000;
    if (!(this.baseDelayMs >= 0) || !(this.maxDelayMs >= this.baseDelayMs)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create rate limiter: need 0 <= baseDelayMs <= maxDelayMs, got ${this.baseDelayMs} and ${this.maxDelayMs}; ` +
          'fix the ItemExponentialRateLimiter options',
      );
    }
  }

  when(key: string): number {
    const exponent = this.failures.get(key) ?? 0;
    this.failures.set(key, exponent + 1);
    const backoff = this.baseDelayMs * 2 ** exponent;
    return backoff < this.maxDelayMs ? backoff : this.maxDelayMs;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}
