import { LruMap } from './lru-map.js';

/** Options for {@link EventSpamFilter}; defaults are client-go's EventSourceObjectSpamFilter's. */
export interface EventSpamFilterOptions {
  /** Events an object may have written in a burst (default 25). */
  burst?: number;
  /** Time for one token to come back (default 5 minutes). */
  refillIntervalMs?: number;
  /** Objects tracked at once; the least recently seen are forgotten (default 4096). */
  maxObjects?: number;
}

/** The filter's verdict; `firstDrop` is set on the first drop of a run, so callers log once per run. */
export interface SpamVerdict {
  readonly allowed: boolean;
  readonly firstDrop: boolean;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  dropping: boolean;
}

/**
 * A token bucket per object that bounds how many Event writes one object can cause. A controller stuck
 * in an error loop on one object would otherwise flood etcd; the first `burst` events pass, then one
 * per refill interval. Pure: the caller passes the time, so tests drive it with a fake clock.
 */
export class EventSpamFilter {
  private readonly burst: number;
  private readonly refillIntervalMs: number;
  private readonly buckets: LruMap<string, Bucket>;

  constructor(options: EventSpamFilterOptions = {}) {
    this.burst = options.burst ?? 25;
    this.refillIntervalMs = options.refillIntervalMs ?? 5 * 60_000;
    this.buckets = new LruMap(options.maxObjects ?? 4096);
  }

  /** Takes a token for `objectKey` at time `now` (ms) if one is left. */
  admit(objectKey: string, now: number): SpamVerdict {
    let bucket = this.buckets.get(objectKey);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: now, dropping: false };
      this.buckets.set(objectKey, bucket);
    }
    const refilled = Math.max(0, now - bucket.updatedAt) / this.refillIntervalMs;
    bucket.tokens = Math.min(this.burst, bucket.tokens + refilled);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.dropping = false;
      return { allowed: true, firstDrop: false };
    }
    const firstDrop = !bucket.dropping;
    bucket.dropping = true;
    return { allowed: false, firstDrop };
  }
}
