import { TestingError } from '../errors/testing.error.js';
import type { ManagedProcess } from '../process/managed-process.js';

/** How {@link waitFor} polls. */
export interface WaitForOptions {
  /** What is awaited, for the timeout message, e.g. `kube-apiserver to become ready`. */
  readonly description: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Processes whose exit ends the wait early with their log tail. */
  readonly watch?: readonly ManagedProcess[];
}

/**
 * Polls `check` until it returns a value other than undefined.
 *
 * @throws TestingError `Start` when a watched process exits (with its log tail), `Timeout` when time runs out
 *   (with the last reason `check` gave through `lastReason`).
 */
export async function waitFor<T>(
  check: (setReason: (reason: string) => void) => Promise<T | undefined>,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReason = 'no answer yet';
  for (;;) {
    for (const process of options.watch ?? []) {
      const exit = process.exitStatus;
      if (exit !== undefined) {
        const status = exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
        throw new TestingError(
          'Start',
          `failed to wait for ${options.description}: ${process.spec.name} exited with ${status}; ` +
            `last lines of ${process.spec.logFile}:\n${await process.logTail()}`,
        );
      }
    }
    const value = await check((reason) => (lastReason = reason));
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const tails = await Promise.all(
        (options.watch ?? []).map(async (p) => `last lines of ${p.spec.logFile}:\n${await p.logTail()}`),
      );
      throw new TestingError(
        'Timeout',
        [
          `failed to wait for ${options.description}: timed out after ${options.timeoutMs} ms: ${lastReason}`,
          ...tails,
        ].join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
