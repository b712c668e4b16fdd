import type { KubernetesObject } from '@kubernetes/client-node';
import {
  formatObjectKey,
  qualifiedKindName,
  type ObjectKey,
  type ResourceKind,
} from '../api/resource-kind.js';
import type { KubeClient } from '../client/kube-client.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { Logger } from '../logging/logger.js';
import { Informer } from './informer.js';
import type { InformerTiming } from './informer-options.js';
import { listWatchFor, type ListWatchSource } from './list-watch-source.js';
import type { IndexFunction, StoreQuery } from './store.js';

/** Options of {@link SharedCache}. */
export interface SharedCacheOptions {
  /** Where informers list and watch; required unless `sourceFor` is given. */
  client?: KubeClient;
  /** Overrides the list/watch source per kind (tests). */
  sourceFor?: (kind: ResourceKind) => ListWatchSource;
  logger?: Logger;
  timing?: Partial<InformerTiming>;
}

/** Options of {@link SharedCache.informerFor}. */
export interface InformerScope {
  /** Cache one namespace only; all namespaces when absent. */
  namespace?: string;
}

const allNamespaces = '*';

/**
 * The one cache all controllers of a manager read from: one {@link Informer} per kind and namespace scope,
 * however many controllers watch it, so each kind is listed and watched once. Reads are served from memory
 * and are eventually consistent; objects are frozen (clone before changing). Informers asked for after
 * {@link start} start at once.
 */
export class SharedCache {
  private readonly informers = new Map<string, Informer>();
  private readonly indexes = new Map<string, Map<string, IndexFunction>>();
  private started = false;

  constructor(private readonly options: SharedCacheOptions) {
    if (!options.client && !options.sourceFor) {
      throw new OperatorSdkError(
        'Configuration',
        'failed to create shared cache: pass a client (or a sourceFor)',
      );
    }
  }

  /** The informer for `kind` in `scope`, created on first request. Idempotent. */
  informerFor<T extends KubernetesObject = KubernetesObject>(
    kind: ResourceKind,
    scope: InformerScope = {},
  ): Informer<T> {
    const key = informerKey(kind, scope.namespace);
    let informer = this.informers.get(key);
    if (!informer) {
      const source = this.options.sourceFor?.(kind) ?? listWatchFor(this.options.client as KubeClient, kind);
      informer = new Informer({
        kind,
        source,
        namespace: kind.namespaced ? scope.namespace : undefined,
        logger: this.options.logger,
        timing: this.options.timing,
      });
      for (const [name, fn] of this.indexes.get(kindKey(kind)) ?? []) informer.addIndex(name, fn);
      this.informers.set(key, informer);
      if (this.started) informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  /**
   * Reads one object from memory; undefined when the cache does not hold it.
   * @throws OperatorSdkError `Configuration` when no informer covers the kind (call informerFor first).
   */
  get<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind, key: ObjectKey): T | undefined {
    const informer =
      this.informers.get(informerKey(kind)) ?? this.informers.get(informerKey(kind, key.namespace));
    if (!informer) throw notCached(kind, `get ${formatObjectKey(key)}`);
    return informer.store.get(key) as T | undefined;
  }

  /**
   * Lists objects from memory. Served by the all-namespaces informer when there is one, else by the
   * namespaced informer(s) in scope. `index` names an index added with {@link addIndex} or a built-in one.
   */
  list<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind, query: StoreQuery = {}): T[] {
    const wide = this.informers.get(informerKey(kind));
    const informers = wide
      ? [wide]
      : query.namespace !== undefined
        ? [this.informers.get(informerKey(kind, query.namespace))].filter((i) => i !== undefined)
        : [...this.informers.values()].filter((i) => kindKey(i.options.kind) === kindKey(kind));
    if (informers.length === 0) throw notCached(kind, 'list');
    return informers.flatMap((i) => i.store.list(query)) as T[];
  }

  /**
   * Adds an index to every informer of `kind`, present and future.
   * @throws OperatorSdkError `Configuration` when the name is taken for that kind.
   */
  addIndex<T extends KubernetesObject = KubernetesObject>(
    kind: ResourceKind,
    name: string,
    fn: IndexFunction<T>,
  ): void {
    const byName = this.indexes.get(kindKey(kind)) ?? new Map<string, IndexFunction>();
    if (byName.has(name)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to add index ${name} to ${qualifiedKindName(kind)}: it exists`,
      );
    }
    byName.set(name, fn as IndexFunction);
    this.indexes.set(kindKey(kind), byName);
    for (const informer of this.informers.values()) {
      if (kindKey(informer.options.kind) === kindKey(kind)) informer.addIndex(name, fn as IndexFunction);
    }
  }

  /** Starts every informer (and any created later). Idempotent; does not wait for sync. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /** Stops every informer and waits for their loops to end. */
  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }

  /**
   * Resolves when every informer created so far has synced.
   * @throws OperatorSdkError `Timeout` naming the first unsynced kind when `timeoutMs` passes.
   */
  async waitForSync(timeoutMs?: number): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync(timeoutMs)));
  }

  /** Whether every informer has synced: what /readyz reports. */
  get synced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced);
  }
}

function kindKey(kind: ResourceKind): string {
  return `${kind.apiVersion}/${kind.plural}`;
}

function informerKey(kind: ResourceKind, namespace?: string): string {
  return `${kindKey(kind)}|${kind.namespaced && namespace ? namespace : allNamespaces}`;
}

function notCached(kind: ResourceKind, what: string): OperatorSdkError {
  return new OperatorSdkError(
    'Configuration',
    `failed to ${what} ${qualifiedKindName(kind)} from the cache: no informer covers it; call cache.informerFor(kind) before start`,
  );
}
