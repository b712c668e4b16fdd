import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { componentClient } from '../client/internal/component-client.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { leaderStatusReporter } from './leader-election-metrics.js';
import {
  ACQUIRE_JITTER_FACTOR,
  resolveLeaderElectorOptions,
  type LeaderElectorOptions,
  type ResolvedLeaderElectorOptions,
} from './leader-election-options.js';
import { decideLease, initialRecord, releasedRecord } from './lease-decision.js';
import { LeaseLock, type LeaderElectionRecord, type ObservedLease } from './lease-lock.js';

/** Why {@link LeaderElector.run} returned: stopped on request, or leadership lost (renewal failed). */
export type LeaderElectionOutcome = 'stopped' | 'lost';

type Attempt = 'acquired' | 'held-by-other' | 'failed';

/**
 * Campaigns for a `coordination.k8s.io/v1` Lease and keeps it while it can, with client-go's semantics.
 *
 * Guarantees: at most one candidate per Lease believes it leads at a time, provided the candidates'
 * clocks run at the same rate (wall clocks may disagree: expiry is judged by local observation time).
 * The leader renews every `retryPeriodMs`; if no renewal succeeds within `renewDeadlineMs` of the last
 * one, or it sees another holder, it gives up leadership (`onStoppedLeading`) before its lease can expire
 * for the others. Losing leadership is final for one `run`: the caller should stop its controllers (and
 * usually exit) rather than carry on.
 */
export class LeaderElector {
  /** This candidate's identity, as written to `holderIdentity`. */
  readonly identity: string;
  private readonly options: ResolvedLeaderElectorOptions;
  private readonly lock: LeaseLock;
  private readonly logger: Logger;
  private readonly reportStatus: (leading: boolean) => void;
  private readonly leaseDurationSeconds: number;
  private observed?: ObservedLease;
  private observedAt = 0;
  private lastRenewAt = 0;
  private reportedLeader = '';
  private leading = false;
  private stopper?: AbortController;
  private running?: Promise<LeaderElectionOutcome>;

  /**
   * @throws OperatorSdkError of kind `Configuration` when the durations are inconsistent, or neither
   *   `client` nor `kubeConfig` is given.
   */
  constructor(options: LeaderElectorOptions) {
    this.options = resolveLeaderElectorOptions(options);
    this.identity = this.options.identity;
    const client = componentClient(options, 'leader-elector', 'leader elector');
    this.lock = new LeaseLock(client, options.namespace, options.name);
    this.logger = (options.logger ?? createLogger({ silent: true })).child({
      lease: `${options.namespace}/${options.name}`,
      identity: this.identity,
    });
    this.reportStatus = leaderStatusReporter(options.metrics, options.name);
    // The Lease holds whole seconds; rounding up only makes others wait longer, never shorter.
    this.leaseDurationSeconds = Math.ceil(this.options.leaseDurationMs / 1000);
  }

  /** Whether this candidate currently holds the lease and may act as leader. */
  isLeader(): boolean {
    return this.leading;
  }

  /** The holder last observed, or undefined before the first read / while the lease is released. */
  getLeader(): string | undefined {
    return this.observed?.record.holderIdentity || undefined;
  }

  /**
   * Campaigns until `signal` aborts, {@link stop} is called, or leadership is lost; resolves with why.
   * Never rejects for API errors (they are logged and retried).
   * @throws OperatorSdkError of kind `Configuration` if this elector is already running.
   */
  run(signal?: AbortSignal): Promise<LeaderElectionOutcome> {
    if (this.running) {
      throw new OperatorSdkError(
        'Configuration',
        'leader elector is already running: call run() once at a time',
      );
    }
    const stopper = new AbortController();
    const onAbort = (): void => stopper.abort();
    if (signal?.aborted) stopper.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.stopper = stopper;
    this.running = this.campaign(stopper.signal).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops campaigning (releasing the lease if so configured) and resolves once `run` has returned. */
  async stop(): Promise<void> {
    this.stopper?.abort();
    await this.running;
  }

  private async campaign(stop: AbortSignal): Promise<LeaderElectionOutcome> {
    this.reportStatus(false);
    this.logger.info('attempting to acquire leader lease');
    if (!(await this.acquire(stop))) return 'stopped';

    const leadership = new AbortController();
    this.leading = true;
    this.reportStatus(true);
    this.logger.info('successfully acquired lease');
    const work = this.guard('leader work failed', () => this.options.onStartedLeading(leadership.signal));

    const outcome = await this.renew(stop);
    leadership.abort();
    this.leading = false;
    this.reportStatus(false);
    if (outcome === 'lost') {
      this.logger.error('leader lease lost');
      await this.guard('onStoppedLeading failed', () => this.options.onStoppedLeading());
      return 'lost';
    }
    this.logger.info('stopping leadership');
    // Our lease stays ours until it expires for the others, so that is how long guarded work may drain.
    const expiresIn = this.lastRenewAt + this.options.leaseDurationMs - performance.now();
    const expiry = new AbortController();
    const inTime = await Promise.race([
      work.then(() => true),
      sleep(Math.max(0, expiresIn), false, { signal: expiry.signal }).catch(() => false),
    ]);
    // The losing timer must not keep the process alive for the rest of the lease.
    expiry.abort();
    if (!inTime) this.logger.warn('leader work did not finish before the lease expired');
    await this.guard('onStoppedLeading failed', () => this.options.onStoppedLeading());
    // Released even when the work overran: the lease has expired then, so holding it protects nothing.
    if (this.options.releaseOnCancel) await this.release();
    return 'stopped';
  }

  private async acquire(stop: AbortSignal): Promise<boolean> {
    const { retryPeriodMs, renewDeadlineMs } = this.options;
    while (!stop.aborted) {
      if ((await this.tryAcquireOrRenew(renewDeadlineMs)) === 'acquired') return true;
      await pause(retryPeriodMs * (1 + Math.random() * ACQUIRE_JITTER_FACTOR), stop);
    }
    return false;
  }

  private async renew(stop: AbortSignal): Promise<LeaderElectionOutcome> {
    const { retryPeriodMs, renewDeadlineMs } = this.options;
    for (;;) {
      await pause(retryPeriodMs, stop);
      if (stop.aborted) return 'stopped';
      const deadline = this.lastRenewAt + renewDeadlineMs;
      const remaining = deadline - performance.now();
      if (remaining <= 0) return 'lost';
      const attempt = await this.tryAcquireOrRenew(remaining);
      // Seeing another holder is proof we lost: waiting out the deadline would only prolong two leaders.
      if (attempt === 'held-by-other') return 'lost';
      if (attempt === 'failed' && performance.now() >= deadline) return 'lost';
    }
  }

  private async tryAcquireOrRenew(budgetMs: number): Promise<Attempt> {
    const signal = AbortSignal.timeout(Math.max(1, Math.floor(budgetMs)));
    const startedAt = performance.now();
    const wallNow = new Date();
    try {
      // Fast path as in client-go: a leader renews against its cached resourceVersion without a read.
      if (this.leading && this.observed) {
        const renewed = await this.tryFastRenew(this.observed, wallNow, signal);
        if (renewed) return this.wrote(renewed, startedAt);
      }
      const current = await this.lock.get(signal);
      if (!current) {
        const record = initialRecord(this.identity, this.leaseDurationSeconds, wallNow);
        return this.wrote(await this.lock.create(record, signal), startedAt);
      }
      if (current.resourceVersion !== this.observed?.resourceVersion)
        this.observe(current, performance.now());
      const decision = decideLease({
        current: current.record,
        observedAt: this.observedAt,
        now: performance.now(),
        wallNow,
        identity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
      });
      if (decision.action === 'wait') return 'held-by-other';
      return this.wrote(await this.lock.update(current, decision.record, signal), startedAt);
    } catch (err) {
      const conflict = OperatorSdkError.is(err) && err.kind === 'Conflict';
      // A conflict is the normal outcome of losing a race for the lease, not a fault.
      if (conflict) this.logger.debug('lost a race to write the lease', { err: String(err) });
      else this.logger.warn('failed to acquire or renew lease', { err: String(err) });
      return 'failed';
    }
  }

  private async tryFastRenew(
    observed: ObservedLease,
    wallNow: Date,
    signal: AbortSignal,
  ): Promise<ObservedLease | undefined> {
    const record: LeaderElectionRecord = { ...observed.record, renewTime: wallNow };
    try {
      return await this.lock.update(observed, record, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      this.logger.debug('fast lease renewal failed, reading the lease', { err: String(err) });
      return undefined;
    }
  }

  private wrote(lease: ObservedLease, startedAt: number): Attempt {
    this.observe(lease, startedAt);
    // The write happened no earlier than startedAt, so counting from it never overestimates our time.
    this.lastRenewAt = startedAt;
    return 'acquired';
  }

  private observe(lease: ObservedLease, at: number): void {
    this.observed = lease;
    this.observedAt = at;
    const holder = lease.record.holderIdentity;
    if (!holder || holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    this.logger.info('new leader elected', { leader: holder });
    const onNewLeader = this.options.onNewLeader;
    if (onNewLeader) void this.guard('onNewLeader failed', () => onNewLeader(holder));
  }

  private async release(): Promise<void> {
    const signal = AbortSignal.timeout(this.options.renewDeadlineMs);
    try {
      const current = await this.lock.get(signal);
      if (!current || current.record.holderIdentity !== this.identity) return;
      this.observed = await this.lock.update(current, releasedRecord(current.record, new Date()), signal);
      this.logger.info('released leader lease');
    } catch (err) {
      this.logger.warn('failed to release lease', { err: String(err) });
    }
  }

  private async guard(message: string, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.logger.error(message, { err: String(err) });
    }
  }
}

/** Waits `ms`, or less if `stop` aborts; never rejects. */
async function pause(ms: number, stop: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: stop }).catch(() => undefined);
}
