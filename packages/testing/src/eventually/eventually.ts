import { TestingError } from '../errors/testing.error.js';

/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /**
   * How long to keep trying (default 60 s: what converges in seconds on an idle machine takes 5-10 times as
   * long on a loaded 2-core CI runner, and the wait only costs time when the test fails anyway).
   */
  readonly timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than `undefined` (or `false`), and returns that. A probe
 * that throws counts as "not yet"; its last error is part of the timeout message, so a failing test says
 * what it was waiting for and what it last saw. For tests of controllers, which converge eventually.
 *
 * ```ts
 * const cm = await eventually(() => client.get(BuiltinKinds.ConfigMap, key), 'the rendered ConfigMap');
 * ```
 *
 * @throws TestingError `Timeout` naming `what` and the probe's last error.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  options: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const cause = last instanceof Error ? `: last error: ${last.message}` : '';
      throw new TestingError('Timeout', `timed out after ${timeoutMs}ms waiting for ${what}${cause}`, {
        cause: last,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
