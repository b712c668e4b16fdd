import type { KubernetesObject } from '@kubernetes/client-node';
import { objectKeyOf, qualifiedKindName } from '../api/resource-kind.js';
import type { WatchEvent } from '../client/watch-event.js';
import { describeError, OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { Logger } from '../logging/logger.js';
import type { EventHandlerRegistration, ResourceEventHandler } from './event-handler.js';
import { defaultInformerTiming, type InformerOptions } from './informer-options.js';
import { ListWatchLoop } from './internal/list-watch-loop.js';
import { ObjectStore, type IndexFunction, type ReadableStore } from './store.js';

/**
 * Keeps a local, indexed copy of one kind (in one namespace or all) and tells handlers what changed.
 *
 * Guarantees: after {@link waitForSync} the store holds a complete list; from then on every change reaches
 * every handler in order, at least as a final state (intermediate versions may be skipped after a reconnect).
 * Objects deleted while disconnected are reported as deletes with their last known state. It never stops on
 * its own: API server restarts, dropped or silent streams and expired versions (410) are retried forever
 * with backoff until {@link stop}, which is for good and releases everything it holds.
 */
export class Informer<T extends KubernetesObject = KubernetesObject> {
  private readonly objects: ObjectStore<T>;
  private readonly handlers = new Set<ResourceEventHandler<T>>();
  private readonly loop: ListWatchLoop<T>;
  private readonly logger: Logger | undefined;
  private readonly fields: Record<string, string>;
  private synced = false;
  private started = false;
  private stopped = false;
  private readonly syncWaiters = new Set<() => void>();

  constructor(readonly options: InformerOptions<T>) {
    this.objects = new ObjectStore<T>(options.transform);
    this.fields = {
      kind: qualifiedKindName(options.kind),
      ...(options.namespace ? { namespace: options.namespace } : {}),
    };
    this.logger = options.logger;
    const scope = {
      namespace: options.namespace,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    const sink = {
      replace: (items: T[]) => this.replace(items),
      apply: (event: WatchEvent<T>) => this.apply(event),
    };
    const timing = { ...defaultInformerTiming, ...options.timing };
    this.loop = new ListWatchLoop(
      options.source,
      scope,
      sink,
      timing,
      options.logger,
      this.fields,
      options.onReconnected,
    );
  }

  /** The cached objects (frozen; read-only). */
  get store(): ReadableStore<T> & Pick<ObjectStore<T>, 'byIndex'> {
    return this.objects;
  }

  /** Whether the first complete list has been stored. Stays true across reconnects; false once stopped. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /**
   * Since when the informer has had no working connection to the API server (its list or watch keeps
   * failing); undefined while connected. It keeps serving what it cached, which may be going stale.
   */
  get disconnectedSince(): Date | undefined {
    const since = this.loop.disconnectedSince;
    return since === undefined ? undefined : new Date(since);
  }

  /** Ends a reconnect backoff pause now (no effect while connected). */
  retryNow(): void {
    this.loop.retryNow();
  }

  /** The last resourceVersion the informer saw. */
  get lastResourceVersion(): string | undefined {
    return this.loop.lastResourceVersion;
  }

  /**
   * Registers handlers. A handler added after objects arrived first gets a synthetic `onAdd` for each of
   * them (synchronously, before any later event, with `isInInitialList` true), so late handlers see the
   * same world as early ones. After
   * {@link stop} nothing is registered: no event will come.
   */
  addEventHandler(handler: ResourceEventHandler<T>): EventHandlerRegistration {
    if (this.stopped) return { remove: () => undefined };
    this.handlers.add(handler);
    for (const obj of this.objects.list()) this.call('onAdd', () => handler.onAdd?.(obj, true));
    return { remove: () => this.handlers.delete(handler) };
  }

  /**
   * Replays every cached object to every handler as an update whose old and new states are the same
   * object: client-go's resync. Use it when something outside the cluster changed how objects should be
   * reconciled (e.g. configuration). Predicates that look for changes (`generationChanged`) drop these
   * updates; combine them with a predicate that passes `old === new` if resyncs must get through.
   */
  resync(): void {
    for (const obj of this.objects.list()) {
      for (const handler of this.handlers) this.call('onUpdate', () => handler.onUpdate?.(obj, obj));
    }
  }

  /** Adds an index (see {@link ObjectStore.addIndex}); may be called before or after start. */
  addIndex(name: string, fn: IndexFunction<T>): void {
    this.objects.addIndex(name, fn);
  }

  /** Starts listing and watching. Idempotent. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.logger?.debug('informer starting', this.fields);
    this.loop.start();
  }

  /**
   * Stops for good: ends the watch and any list in flight, waits for the loop to end, then lets go of the
   * cached objects, index entries and handlers, so a stopped informer holds nothing however long it is
   * referenced. Idempotent. Pending `waitForSync` calls reject.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.syncWaiters) wake();
    await this.loop.stop();
    this.handlers.clear();
    this.objects.clear();
    this.synced = false;
  }

  /**
   * Resolves once the first list is stored.
   * @throws OperatorSdkError `Timeout` after `timeoutMs`; `Terminal` if the informer is (or gets) stopped
   *   first.
   */
  waitForSync(timeoutMs?: number): Promise<void> {
    const what = `${this.fields.kind}${this.options.namespace ? ` in ${this.options.namespace}` : ''}`;
    const stopped = () =>
      new OperatorSdkError('Terminal', `failed to sync informer for ${what}: it was stopped`);
    if (this.stopped) return Promise.reject(stopped());
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wake = () => {
        clearTimeout(timer);
        this.syncWaiters.delete(wake);
        if (this.synced) resolve();
        else reject(stopped());
      };
      this.syncWaiters.add(wake);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.syncWaiters.delete(wake);
          reject(
            new OperatorSdkError(
              'Timeout',
              `failed to sync informer for ${what} within ${timeoutMs}ms` +
                (this.loop.lastError ? `: last error: ${this.loop.lastError}` : ''),
            ),
          );
        }, timeoutMs);
      }
    });
  }

  private replace(items: T[]): void {
    if (this.stopped) return;
    const diff = this.objects.replace(items);
    const initial = !this.synced;
    for (const obj of diff.deleted) this.emit('onDelete', (h) => h.onDelete?.(obj));
    for (const obj of diff.added) this.emit('onAdd', (h) => h.onAdd?.(obj, initial));
    for (const pair of diff.updated) this.emit('onUpdate', (h) => h.onUpdate?.(pair.old, pair.new));
    if (!this.synced) {
      this.synced = true;
      this.logger?.debug('informer synced', { ...this.fields, objects: String(this.objects.size) });
      for (const wake of this.syncWaiters) wake();
    }
  }

  private apply(event: WatchEvent<T>): void {
    if (this.stopped) return;
    if (event.type === 'DELETED') {
      const old = this.objects.remove(objectKeyOf(event.object));
      if (old) this.emit('onDelete', (h) => h.onDelete?.(old));
      return;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
    const { old, stored } = this.objects.upsert(event.object);
    if (old) this.emit('onUpdate', (h) => h.onUpdate?.(old, stored));
    else this.emit('onAdd', (h) => h.onAdd?.(stored, false));
  }

  private emit(callback: string, fn: (handler: ResourceEventHandler<T>) => void): void {
    for (const handler of this.handlers) this.call(callback, () => fn(handler));
  }

  private call(callback: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // One faulty handler must not starve the others or kill the loop.
      this.logger?.error('event handler failed', { ...this.fields, callback, err: describeError(err) });
    }
  }
}
