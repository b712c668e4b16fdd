import type { WorkQueueMetrics, WorkQueueSnapshot } from '../metrics/work-queue-metrics.js';
import { realClock, type Clock, type Timer } from './clock.js';
import { defaultControllerRateLimiter } from './default-controller-rate-limiter.js';
import { DelayHeap } from './internal/delay-heap.js';
import { Fifo } from './internal/fifo.js';
import { ReadyHeap } from './internal/ready-heap.js';
import type { RateLimiter } from './rate-limiter.js';
import { DefaultPriority, type AddOptions, type PrioritizedKey } from './priority.js';
import type { WorkQueueOptions } from './work-queue-options.js';

/** A key waiting for a worker: when it was added (only measured with metrics) and its priority. */
interface DirtyKey {
  readonly addedAt: number;
  priority: number;
}

/**
 * A rate-limited, delaying work queue of string keys: client-go's `TypedRateLimitingInterface` for one
 * process of async workers.
 *
 * Guarantees:
 * - **Deduplicated.** A key waits in the queue at most once; adding it again before a worker takes it
 *   does nothing.
 * - **Exclusive.** A key handed to a worker is never handed out again until that worker calls
 *   `done(key)`. A key added meanwhile is remembered and queued when `done` is called.
 * - **Prioritised.** Keys are handed out highest priority first (see {@link AddOptions.priority}; default
 *   0, {@link LowPriority} for work that only confirms the cache, such as the initial list and resyncs),
 *   and within one priority in the order they became ready; waiting workers in the order they asked.
 *   A key added again while it waits keeps the higher of its priorities (raised, it moves to the end of
 *   its new priority); a key in flight comes back on `done` with the highest priority it was added with.
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
  private readonly ready = new ReadyHeap();
  private readonly waiters = new Fifo<(item: PrioritizedKey | undefined) => void>();
  /** Keys that need processing, with the time they were added and their priority. */
  private readonly dirty = new Map<string, DirtyKey>();
  /** Keys held by a worker, with the time they were handed out (only measured with metrics). */
  private readonly processing = new Map<string, number>();
  private readonly delayed = new DelayHeap();
  /** The highest priority each delayed key was scheduled with. */
  private readonly delayedPriority = new Map<string, number>();
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

  /**
   * Marks `key` as needing processing. Idempotent while the key waits, except that a higher
   * `options.priority` raises it; ignored after shutdown.
   */
  add(key: string, options: AddOptions = {}): void {
    if (this.stopped) return;
    const priority = options.priority ?? DefaultPriority;
    const waiting = this.dirty.get(key);
    if (waiting) {
      if (priority <= waiting.priority) return;
      waiting.priority = priority;
      if (this.ready.priorityOf(key) !== undefined) this.ready.push(key, priority);
      return;
    }
    this.dirty.set(key, { addedAt: this.metrics ? this.clock.now() : 0, priority });
    this.metrics?.add();
    if (!this.processing.has(key)) this.enqueue(key, priority);
  }

  /**
   * Adds `key` once `ms` have passed (at once when `ms <= 0`), at `options.priority`. While the key is
   * delayed, a later `addAfter` keeps the earlier due time and the higher priority. Does not touch the
   * key's rate-limiter state.
   */
  addAfter(key: string, ms: number, options: AddOptions = {}): void {
    if (this.stopped) return;
    this.metrics?.retry();
    if (!(ms > 0)) {
      this.add(key, options);
      return;
    }
    const priority = options.priority ?? DefaultPriority;
    this.delayedPriority.set(key, Math.max(priority, this.delayedPriority.get(key) ?? -Infinity));
    const readyAt = this.clock.now() + ms;
    if (this.delayed.schedule(key, readyAt) && readyAt < this.timerDueAt) this.armTimer(readyAt);
  }

  /**
   * Adds `key` after the delay the rate limiter gives it (at `options.priority`), counting one more
   * requeue of `key`.
   */
  addRateLimited(key: string, options: AddOptions = {}): void {
    if (this.stopped) return;
    this.addAfter(key, this.rateLimiter.when(key), options);
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
  async get(): Promise<string | undefined> {
    return (await this.getWithPriority())?.key;
  }

  /**
   * {@link get}, also saying the priority the key was handed out at, so a requeue of it can keep that
   * priority (controller-runtime's `GetWithPriority`).
   */
  getWithPriority(): Promise<PrioritizedKey | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    const next = this.ready.shift();
    if (next !== undefined) return Promise.resolve(this.take(next.key));
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
    const waiting = this.dirty.get(key);
    if (waiting) this.enqueue(key, waiting.priority);
  }

  /** Stops the queue: ignores new adds, drops waiting and delayed keys, releases waiting workers. */
  shutDown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerDueAt = Infinity;
    this.delayed.clear();
    this.delayedPriority.clear();
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

  private enqueue(key: string, priority: number): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(this.take(key));
    else this.ready.push(key, priority);
  }

  /** Moves a ready key to processing; the caller hands it to a worker. */
  private take(key: string): PrioritizedKey {
    const { addedAt, priority } = this.dirty.get(key) ?? { addedAt: 0, priority: DefaultPriority };
    this.dirty.delete(key);
    if (this.metrics) {
      const now = this.clock.now();
      this.processing.set(key, now);
      this.metrics.get((now - addedAt) / 1000);
    } else {
      this.processing.set(key, 0);
    }
    return { key, priority };
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
      const priority = this.delayedPriority.get(next.key);
      this.delayedPriority.delete(next.key);
      this.add(next.key, { priority });
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
