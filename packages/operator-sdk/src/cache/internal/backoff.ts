// Exponential backoff with jitter that forgets past failures after a healthy period (client-go's manager).

/** Delays and reset period of a {@link Backoff}. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** A failure this long after the previous one starts again from `initialMs`. */
  resetAfterMs: number;
}

/** Hands out growing delays: initial, 2×, 4×… up to max, each jittered into [d/2, d]. */
export class Backoff {
  private attempt = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The delay to wait after a failure that happens now. */
  next(): number {
    const now = this.now();
    if (now - this.lastFailureAt > this.options.resetAfterMs) this.attempt = 0;
    this.lastFailureAt = now;
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  /** Forgets past failures (after a watch proved healthy). */
  reset(): void {
    this.attempt = 0;
  }
}
