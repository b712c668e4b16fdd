/** The time source of the work queue and its rate limiters, injectable so tests can use fake time. */

/** A scheduled callback that can be cancelled; cancelling twice, or after it ran, does nothing. */
export interface Timer {
  cancel(): void;
}

/** Options of {@link Clock.setTimer}. */
export interface TimerOptions {
  /**
   * Whether the pending timer keeps the Node.js process alive. Defaults to `false`: a queue's delayed
   * items must never hold a process open after everything else has stopped.
   */
  readonly keepAlive?: boolean;
}

/**
 * Monotonic time in milliseconds plus timer scheduling.
 *
 * Contract: `now()` never goes backwards and only differences between its values mean anything.
 * `setTimer` runs `callback` once, no earlier than `ms` after the call by this clock's own `now()`, give or
 * take the host timer's granularity: callers must re-check what is due when they wake up.
 */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, ms: number, options?: TimerOptions): Timer;
}

// Node fires timers longer than 2^31-1 ms immediately (TimeoutOverflowWarning), so a long delay is cut
// into steps; callers already re-check what is due when woken.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The process clock: `performance.now()` and `setTimeout`, unreferenced unless `keepAlive`. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer(callback, ms, options) {
    const handle = setTimeout(callback, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
    if (options?.keepAlive !== true) handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
