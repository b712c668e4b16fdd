// Bounded, jittered retry for read-modify-write loops that lose races with other writers.

/** Default number of attempts; client-go's DefaultRetry allows 5. */
export const defaultConflictAttempts = 5;

/** How {@link retryOnConflict} retries. */
export interface ConflictRetry {
  maxAttempts: number;
  retryable: (err: unknown) => boolean;
  /** Ends the delay between attempts at once: the next attempt's first request then rejects as `Aborted`. */
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it returns, retrying while `retryable(err)` holds, at most `maxAttempts` times.
 * Delays grow 10 ms, 20 ms, 40 ms… (capped at 1 s) with full jitter, so two writers racing on one object
 * do not collide again in lock-step. The last error is rethrown as is.
 */
export async function retryOnConflict<T>(
  { maxAttempts, retryable, signal }: ConflictRetry,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= maxAttempts || !retryable(err)) throw err;
      const ceiling = Math.min(1000, 10 * 2 ** (n - 1));
      await pause(ceiling / 2 + Math.random() * (ceiling / 2), signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
