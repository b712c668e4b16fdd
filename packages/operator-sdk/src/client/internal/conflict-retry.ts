// Bounded, jittered retry for read-modify-write loops that lose races with other writers.

/** Default number of attempts; client-go's DefaultRetry allows 5. */
export const defaultConflictAttempts = 5;

/**
 * Runs `attempt` until it returns, retrying while `retryable(err)` holds, at most `maxAttempts` times.
 * Delays grow 10 ms, 20 ms, 40 ms… (capped at 1 s) with full jitter, so two writers racing on one object
 * do not collide again in lock-step. The last error is rethrown as is.
 */
export async function retryOnConflict<T>(
  maxAttempts: number,
  retryable: (err: unknown) => boolean,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= maxAttempts || !retryable(err)) throw err;
      const ceiling = Math.min(1000, 10 * 2 ** (n - 1));
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}
