import type { Clock, Timer } from './clock.js';

interface PendingTimer {
  readonly dueAt: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A {@link Clock} that only moves when told to, for deterministic tests of anything time-based
 * (the work queue's delays, rate limiters, drain timeouts) without jest's global fake timers.
 *
 * `advance(ms)` runs every timer that falls due, in due order (ties in scheduling order), with `now()`
 * set to each timer's due time while it runs, so timers scheduled by a callback fire in the same advance
 * when they fall inside it.
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, ms: number): Timer {
    const timer: PendingTimer = {
      dueAt: this.current + Math.max(ms, 0),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** The number of timers scheduled and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, running the timers that fall due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.reduce<PendingTimer | undefined>(
        (best, t) =>
          t.dueAt <= target && (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.seq < best.seq))
            ? t
            : best,
        undefined,
      );
      if (!next) break;
      this.current = Math.max(this.current, next.dueAt);
      next.cancelled = true;
      next.callback();
    }
    this.current = target;
  }
}
