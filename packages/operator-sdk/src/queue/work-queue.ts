import type { WorkQueueMetrics, WorkQueueSnapshot } from '../metrics/work-queue-metrics.js';
import { realClock, type Clock, type Timer } from './clock.js';
import { defaultControllerRateLimiter } from './default-controller-rate-limiter.js';
import { DelayHeap } from './internal/delay-heap.js';
import { Fifo } from './internal/fifo.js';
import type { RateLimiter } from './rate-limiter.js';
import type { WorkQueueOptions } from './work-queue-options.js';

/**
 * A rate-limited, delaying work queue of string keys: client-go's `TypedRateLimitingInterface` for one
 * process of async workers.
 *
 * Guarantees:
 * - **Deduplicated.** A key waits in the queue at most once; adding it again before a worker takes it
 *   does nothing.
 * - **Exclusive.** A key handed to a worker is never handed out again until that worker calls
 *   `done(key)`. A key added meanwhile is remembered and queued when `done` is called.
 * - **Fair.** Keys are handed out in the order they became ready; waiting workers in the order they asked.
 * - **Delays.** `addAfter` keeps keys in one heap served by one timer for the earliest; a key scheduled
 *   twice keeps the earlier time. Pending delays never keep the process alive.
 *
 * Retries: `addRateLimited` asks the rate limiter, which counts failures per key until `forget(key)`.
 * Call `forget` after a success *and* before an `addAfter` for a fixed requeue, or the next failure backs
 * off from where an old streak ended (controller-runtime#392).
 *
 * Shutdown: after `shutDown()` adds are ignored, delayed keys are dropped and `get` resolves `undefined`,
 * also for workers already waiting. Unlike client-go, keys still queued are not handed out: work that
 * starts after shutdown (e.g. after losing leadership) is what shutdown is meant to prevent.
 * `shutDownWithDrain` also waits, with a timeout, for keys in flight to be `done`.
 */
export class WorkQueue {
  readonly name: string;
  private readonly rateLimiter: RateLimiter;
  private readonly metrics: WorkQueueMetrics | undefined;
  private readonly clock: Clock;
  private readonly ready = new Fifo<string>();
  private readonly waiters = new Fifo<(key: string | undefined) => void>();
  /** Keys that need processing, with the time they were added (only measured with metrics). */
  private readonly dirty = new Map<string, number>();
  /** Keys held by a worker, with the time they were handed out (only measured with metrics). */
  private readonly processing = new Map<string, number>();
  private readonly delayed = new DelayHeap();
  private readonly drainWaiters = new Set<() => void>();
  private timer: Timer | undefined;
  private timerDueAt = Infinity;
  private stopped = false;

  constructor(options: WorkQueueOptions) {
    this.name = options.name;
    this.clock = options.clock ?? realClock;
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter(this.clock);
    this.metrics = options.metrics;
    this.metrics?.track(() => this.snapshot());
  }

  /** Whether `shutDown` or `shutDownWithDrain` was called. */
  get shuttingDown(): boolean {
    return this.stopped;
  }

  /** The number of keys ready to be handed out now (not delayed, not waiting for their `done`). */
  len(): number {
    return this.ready.length;
  }

  /** Marks `key` as needing processing. Idempotent while the key waits; ignored after shutdown. */
  add(key: string): void {
    if (this.stopped || this.dirty.has(key)) return;
    this.dirty.set(key, this.metrics ? this.clock.now() : 0);
    this.metrics?.add();
    if (!this.processing.has(key)) this.enqueue(key);
  }

  /**
   * Adds `key` once `ms` have passed (at once when `ms <= 0`). While the key is delayed, a later
   * `addAfter` keeps the earlier due time. Does not touch the key's rate-limiter state.
   */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    this.metrics?.retry();
    if (!(ms > 0)) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + ms;
    if (this.delayed.schedule(key, readyAt) && readyAt < this.timerDueAt) this.armTimer(readyAt);
  }

  /** Adds `key` after the delay the rate limiter gives it, counting one more requeue of `key`. */
  addRateLimited(key: string): void {
    if (this.stopped) return;
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Resets the rate limiter's backoff of `key`. Does not remove the key from the queue. */
  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  /** How many rate-limited requeues `key` had since its last `forget`. */
  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  /**
   * Waits for a key and hands it to the caller, who owns it until `done(key)`. Resolves `undefined` once
   * the queue is shut down: the caller should stop asking.
   */
  get(): Promise<string | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    const key = this.ready.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Ends the processing of `key`. If it was added again meanwhile it becomes ready now. A `done` for a key
   * that is not being processed is ignored.
   */
  done(key: string): void {
    const startedAt = this.processing.get(key);
    if (startedAt === undefined) return;
    this.processing.delete(key);
    if (this.metrics) this.metrics.done((this.clock.now() - startedAt) / 1000);
    if (this.stopped) {
      if (this.processing.size === 0) for (const drained of [...this.drainWaiters]) drained();
      return;
    }
    if (this.dirty.has(key)) this.enqueue(key);
  }

  /** Stops the queue: ignores new adds, drops waiting and delayed keys, releases waiting workers. */
  shutDown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerDueAt = Infinity;
    this.delayed.clear();
    this.ready.clear();
    this.dirty.clear();
    for (let waiter = this.waiters.shift(); waiter; waiter = this.waiters.shift()) waiter(undefined);
  }

  /**
   * Shuts the queue down, then waits until every key in flight is `done` or `timeoutMs` passed. Resolves
   * `true` when the queue drained, `false` on timeout (some worker is stuck; its key is abandoned).
   */
  shutDownWithDrain(timeoutMs: number): Promise<boolean> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (drained: boolean): void => {
        timeout.cancel();
        this.drainWaiters.delete(onDrained);
        resolve(drained);
      };
      const onDrained = (): void => finish(true);
      // Kept alive on purpose: whoever awaits the drain must get an answer, and it is bounded by timeoutMs.
      const timeout = this.clock.setTimer(() => finish(false), timeoutMs, { keepAlive: true });
      this.drainWaiters.add(onDrained);
    });
  }

  private enqueue(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(this.take(key));
    else this.ready.push(key);
  }

  /** Moves a ready key to processing; the caller hands it to a worker. */
  private take(key: string): string {
    const addedAt = this.dirty.get(key) ?? 0;
    this.dirty.delete(key);
    if (this.metrics) {
      const now = this.clock.now();
      this.processing.set(key, now);
      this.metrics.get((now - addedAt) / 1000);
    } else {
      this.processing.set(key, 0);
    }
    return key;
  }

  private armTimer(dueAt: number): void {
    this.timer?.cancel();
    this.timerDueAt = dueAt;
    this.timer = this.clock.setTimer(() => this.onTimer(), dueAt - this.clock.now());
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerDueAt = Infinity;
    const now = this.clock.now();
    for (let next = this.delayed.peek(); next && next.readyAt <= now; next = this.delayed.peek()) {
      this.delayed.pop();
      this.add(next.key);
    }
    const next = this.delayed.peek();
    if (next) this.armTimer(next.readyAt);
  }

  private snapshot(): WorkQueueSnapshot {
    const now = this.clock.now();
    let unfinished = 0;
    let longest = 0;
    for (const startedAt of this.processing.values()) {
      const seconds = (now - startedAt) / 1000;
      unfinished += seconds;
      if (seconds > longest) longest = seconds;
    }
    return {
      depth: this.dirty.size,
      unfinishedWorkSeconds: unfinished,
      longestRunningProcessorSeconds: longest,
    };
  }
}
