import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey, objectKeyOf, parseObjectKey } from '../../api/resource-kind.js';
import type { EventHandlerRegistration } from '../../cache/event-handler.js';
import type { SharedCache } from '../../cache/shared-cache.js';
import { isNamespaceTerminating } from '../../client/kube-api.error.js';
import type { KubeClient } from '../../client/kube-client.js';
import { describeError } from '../../errors/operator-sdk.error.js';
import type { EventRecorder } from '../../events/event-recorder.js';
import type { Logger } from '../../logging/logger.js';
import type { ControllerMetrics, ReconcileOutcome } from '../../metrics/controller-metrics.js';
import type { OperatorMetrics } from '../../metrics/operator-metrics.js';
import type { AddOptions } from '../../queue/priority.js';
import type { WorkQueue } from '../../queue/work-queue.js';
import type { ObjectEvents, ReconcileContext } from '../../reconcile/reconcile-context.js';
import type { TraceSpan, Tracing } from '../../tracing/tracing.js';
import type { Reconciler } from '../../reconcile/reconciler.interface.js';
import type { ReconcileResult } from '../../reconcile/result.js';
import { isTerminalError } from '../../reconcile/terminal.error.js';
import type { ControllerDefinition } from '../controller-definition.js';
import { routeEvents } from './event-routing.js';
import { FinalizedObjects } from './finalized-objects.js';
import { finalizerControl } from './finalizer-control.js';

/** What a running controller needs from the manager. */
export interface ControllerRunnerDependencies {
  readonly cache: SharedCache;
  readonly client: KubeClient;
  readonly metrics: OperatorMetrics;
  readonly events: EventRecorder;
  readonly logger: Logger;
  readonly queue: WorkQueue;
  /** Where each reconcile's span goes (the API requests it makes are its children), when enabled. */
  readonly tracing?: Tracing;
}

/**
 * Runs one controller: routes informer events into its queue and reconciles keys with up to
 * `concurrency` workers. The queue guarantees one reconcile per key at a time.
 */
export class ControllerRunner {
  private readonly registrations: EventHandlerRegistration[] = [];
  private readonly workers: Promise<void>[] = [];
  private readonly abort = new AbortController();
  private readonly metrics: ControllerMetrics;
  private readonly logger: Logger;
  private readonly finalized: FinalizedObjects;
  private active = 0;

  constructor(
    readonly definition: ControllerDefinition,
    private readonly reconciler: Reconciler,
    private readonly deps: ControllerRunnerDependencies,
  ) {
    this.metrics = deps.metrics.controller(definition.name, {
      maxConcurrentReconciles: definition.concurrency,
    });
    this.logger = deps.logger.child({ controller: definition.name });
    this.finalized = new FinalizedObjects(definition.finalizer);
    // Every reconcile without its own timeout carries this one stop signal, and each request or wait in
    // flight listens on it (and stops listening when it settles). With more than 10 workers that is more
    // than Node's default limit by design, not a leak: without this, Node warns MaxListenersExceeded.
    // (Infinity rather than 0: Node 20's getMaxListeners throws on an EventTarget whose limit is 0.)
    setMaxListeners(Number.POSITIVE_INFINITY, this.abort.signal);
  }

  /** Subscribes to every source's informer. Call before the cache starts, or late: informers replay adds. */
  watch(): void {
    // Without namespaces of its own, a controller watches what the cache covers (all, or its namespaces).
    const scopes =
      this.definition.namespaces.length > 0
        ? this.definition.namespaces
        : (this.deps.cache.namespaces ?? [undefined]);
    for (const source of this.definition.sources) {
      for (const namespace of source.kind.namespaced ? scopes : [undefined]) {
        const informer = this.deps.cache.informerFor(source.kind, { namespace });
        const handler = routeEvents(
          source,
          (key, priority) => this.deps.queue.add(key, { priority }),
          this.logger,
        );
        this.registrations.push(informer.addEventHandler(handler));
      }
    }
    if (!this.reconciler.finalize) return;
    // Whatever the predicates pass, a deletion the cache has seen ends the record of its finalizing.
    const { primary } = this.definition;
    const onDelete = (obj: KubernetesObject) => this.finalized.forget(formatObjectKey(objectKeyOf(obj)), obj);
    for (const namespace of primary.namespaced ? scopes : [undefined]) {
      const informer = this.deps.cache.informerFor(primary, { namespace });
      this.registrations.push(informer.addEventHandler({ onDelete }));
    }
  }

  /** Starts the workers. Keys enqueued before this wait in the queue. */
  start(): void {
    this.logger.info('starting workers', { workerCount: this.definition.concurrency });
    for (let i = 0; i < this.definition.concurrency; i++) this.workers.push(this.runWorker());
  }

  /**
   * Stops taking keys, lets in-flight reconciles finish for up to `drainTimeoutMs`, then aborts their
   * `ctx.signal`. Resolves once every worker has returned.
   */
  async stop(drainTimeoutMs: number): Promise<void> {
    for (const registration of this.registrations.splice(0)) registration.remove();
    const drained = await this.deps.queue.shutDownWithDrain(drainTimeoutMs);
    if (!drained) {
      this.logger.warn('in-flight reconciles did not finish within the drain timeout; aborting them', {
        drainTimeoutMs,
      });
      this.abort.abort(new Error('controller stopped'));
    }
    await Promise.all(this.workers.splice(0));
  }

  private async runWorker(): Promise<void> {
    for (;;) {
      const item = await this.deps.queue.getWithPriority();
      if (item === undefined) return;
      const { key, priority } = item;
      this.metrics.setActiveWorkers(++this.active);
      try {
        await this.process(key, priority);
      } finally {
        this.metrics.setActiveWorkers(--this.active);
        this.deps.queue.done(key);
      }
    }
  }

  /** Reconciles one key; a requeue keeps the priority it was handed out at (as controller-runtime does). */
  private async process(queueKey: string, priority: number): Promise<void> {
    const key = parseObjectKey(queueKey);
    const cached = this.deps.cache.get<KubernetesObject>(this.definition.primary, key);
    if (!cached) {
      // Deleted (and any finalizer already removed): owner references take care of what it owned.
      this.finalized.forget(queueKey);
      this.deps.queue.forget(queueKey);
      return;
    }
    if (this.finalized.isStale(queueKey, cached)) {
      // Finalized already: the cache has not seen the finalizer's removal yet, and will reconcile again.
      this.logger.debug('skipping a cached copy from before its finalizer was removed', {
        namespace: key.namespace,
        name: key.name,
      });
      this.deps.queue.forget(queueKey);
      return;
    }
    const reconcileID = randomUUID();
    const logger = this.logger.child({ namespace: key.namespace, name: key.name, reconcileID });
    const signals = [this.abort.signal];
    if (this.definition.reconcileTimeoutMs)
      signals.push(AbortSignal.timeout(this.definition.reconcileTimeoutMs));
    const signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const { primary, finalizer } = this.definition;
    const ctx: ReconcileContext = {
      controller: this.definition.name,
      key,
      reconcileID,
      logger,
      client: this.deps.client,
      cache: this.deps.cache,
      events: this.objectEvents(cached),
      finalizer: finalizerControl(this.deps.client, primary, finalizer, signal),
      signal,
    };
    const attributes = {
      'k8s.controller.name': this.definition.name,
      'k8s.resource.kind': primary.kind,
      'k8s.namespace.name': key.namespace,
      'k8s.object.name': key.name,
      'reconcile.id': reconcileID,
    };
    const reconcile = async (span?: TraceSpan) => {
      const started = performance.now();
      let outcome: ReconcileOutcome;
      try {
        const result = await this.invoke(queueKey, structuredClone(cached), ctx);
        outcome = this.requeue(queueKey, result ?? undefined, { priority });
      } catch (err) {
        outcome = this.fail(queueKey, err, logger, { priority });
        if (outcome !== 'success') span?.fail(err);
      }
      span?.setAttributes({ 'reconcile.result': outcome });
      this.metrics.recordReconcile(outcome, (performance.now() - started) / 1000);
    };
    const tracing = this.deps.tracing;
    if (tracing?.enabled) await tracing.inSpan(`reconcile ${primary.kind}`, { attributes }, reconcile);
    else await reconcile();
  }

  /**
   * Runs `finalize` or `reconcile`, managing the finalizer around them: added before `reconcile` unless
   * the reconciler adds it itself (`manual`), removed once `finalize` is done. The finalizer patches carry
   * `ctx.signal`, so a stop past the drain timeout does not wait for a hung request. A finalized object is
   * recorded, so that a copy the cache still holds from before the removal is not finalized again.
   */
  private async invoke(
    queueKey: string,
    obj: KubernetesObject,
    ctx: ReconcileContext,
  ): Promise<ReconcileResult | void> {
    const { finalizer } = ctx;
    if (!this.reconciler.finalize) {
      if (obj.metadata?.deletionTimestamp) return;
      return this.reconciler.reconcile(obj, ctx);
    }
    if (obj.metadata?.deletionTimestamp) {
      if (!finalizer.isSet(obj)) return;
      const result = await this.reconciler.finalize(obj, ctx);
      if (result && (result.requeue || result.requeueAfterMs !== undefined)) return result;
      await finalizer.remove(obj);
      this.finalized.record(queueKey, obj);
      ctx.logger.info('finalized object', { finalizer: finalizer.name });
      return;
    }
    const manual = this.definition.finalizerMode === 'manual';
    const current = manual || finalizer.isSet(obj) ? obj : await finalizer.add(obj);
    return this.reconciler.reconcile(current, ctx);
  }

  private requeue(
    queueKey: string,
    result: ReconcileResult | undefined,
    options: AddOptions,
  ): ReconcileOutcome {
    if (result?.requeueAfterMs !== undefined) {
      this.deps.queue.forget(queueKey);
      this.deps.queue.addAfter(queueKey, result.requeueAfterMs, options);
      return 'requeue_after';
    }
    if (result?.requeue) {
      this.deps.queue.addRateLimited(queueKey, options);
      return 'requeue';
    }
    this.deps.queue.forget(queueKey);
    return 'success';
  }

  private fail(queueKey: string, err: unknown, logger: Logger, options: AddOptions): ReconcileOutcome {
    if (isNamespaceTerminating(err)) {
      // Nothing left to do: the namespace's deletion removes the object, and a later change to it (if any)
      // reconciles it again. Not an error, and not retried: creates there are refused until it is gone.
      logger.debug('namespace is terminating; not retrying', { err: describeError(err) });
      this.deps.queue.forget(queueKey);
      return 'success';
    }
    if (isTerminalError(err)) {
      logger.error('reconcile failed terminally; not retrying until the object changes', {
        err: describeError(err),
      });
      this.deps.queue.forget(queueKey);
      return 'terminal_error';
    }
    this.deps.queue.addRateLimited(queueKey, options);
    logger.error('reconcile failed; retrying with backoff', {
      err: describeError(err),
      retries: this.deps.queue.numRequeues(queueKey),
    });
    return err instanceof Error ? 'error' : 'panic';
  }

  private objectEvents(obj: KubernetesObject): ObjectEvents {
    const record = (type: 'Normal' | 'Warning', reason: string, note: string, action?: string) =>
      this.deps.events.event(obj, { type, reason, note, action: action ?? 'Reconcile' });
    return {
      normal: (reason, note, action) => record('Normal', reason, note, action),
      warning: (reason, note, action) => record('Warning', reason, note, action),
    };
  }
}
