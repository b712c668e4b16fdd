import type { KubernetesObject } from '@kubernetes/client-node';
import {
  formatObjectKey,
  objectKeyOf,
  qualifiedKindName,
  type ObjectKey,
  type ResourceKind,
} from '../api/resource-kind.js';
import type { KubeClient } from '../client/kube-client.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { Logger } from '../logging/logger.js';
import { chainTransforms, dropLastAppliedConfiguration, type CacheTransform } from './cache-transform.js';
import { Informer } from './informer.js';
import { toCacheObject } from './internal/cache-object.js';
import type { InformerTiming } from './informer-options.js';
import { listWatchFor, type ListWatchSource } from './list-watch-source.js';
import { compileLabelSelector } from './label-selector.js';
import type { IndexFunction, StoreQuery } from './store.js';

/** Options of {@link SharedCache}. */
export interface SharedCacheOptions {
  /** Where informers list and watch; required unless `sourceFor` is given. */
  client?: KubeClient;
  /** Overrides the list/watch source per kind (tests). */
  sourceFor?: (kind: ResourceKind) => ListWatchSource;
  logger?: Logger;
  timing?: Partial<InformerTiming>;
  /**
   * Cache namespaced kinds in these namespaces only: one informer per namespace, as controller-runtime's
   * `cache.Options.DefaultNamespaces`. The API server is then asked to list and watch these namespaces and
   * nothing else, so RBAC can be granted per namespace (Roles) rather than cluster-wide. Cluster-scoped
   * kinds are not affected. Absent or empty: all namespaces. See {@link SharedCache.informersFor}.
   */
  namespaces?: readonly string[];
  /**
   * Per-kind filters applied by the API server to every informer of that kind, as controller-runtime's
   * `cache.Options.ByObject`: objects outside the selector never reach the cache (nor memory, nor event
   * handlers). Use it for kinds an operator creates but whose other objects it has no business holding,
   * e.g. Secrets: `{ kind: BuiltinKinds.Secret, labelSelector: 'app.kubernetes.io/managed-by=me' }`. Reads
   * of an object outside the selector answer "not there": read those by name through the client.
   */
  byKind?: readonly CacheKindFilter[];
  /**
   * Reshapes every object on its way into the cache, before a kind's own {@link CacheKindFilter.transform}:
   * controller-runtime's `cache.Options.DefaultTransform`. Default {@link dropLastAppliedConfiguration}
   * (`metadata.managedFields` are dropped whatever this is); `null` keeps objects as the API server sent them.
   */
  transform?: CacheTransform | null;
}

/** A server-side filter for every informer of one kind (see {@link SharedCacheOptions.byKind}). */
export interface CacheKindFilter {
  readonly kind: ResourceKind;
  /** A label selector in the API server's string form, e.g. `app.kubernetes.io/managed-by in (a,b)`. */
  readonly labelSelector?: string;
  /** A field selector, e.g. `type!=kubernetes.io/service-account-token`. */
  readonly fieldSelector?: string;
  /**
   * Reshapes each object of this kind before it is cached, after the cache-wide
   * {@link SharedCacheOptions.transform}: keep only what readers of the kind use, e.g. drop a Pod's
   * `spec.containers[].env` and volumes when only its container statuses are read (see {@link CacheTransform}).
   */
  readonly transform?: CacheTransform;
}

/** An informer without a working connection, as {@link SharedCache.disconnected} reports it. */
export interface DisconnectedInformer {
  readonly kind: ResourceKind;
  /** Its namespace; undefined for all namespaces. */
  readonly namespace?: string;
  readonly since: Date;
}

/**
 * What the cache can tell about one object (see {@link SharedCache.lookup}): `present` with the cached copy;
 * `absent` when the informer covering it sees every object of the kind there and holds none of that name;
 * `unknown` when only the API server can tell. `filtered` marks the unknown that is a synced label- or
 * field-filtered informer's miss: no object of that name matches its selector, but one outside it (someone
 * else's unlabelled Secret, our own whose label was removed) may exist.
 */
export type CacheLookup<T extends KubernetesObject = KubernetesObject> =
  | { readonly state: 'present'; readonly object: T }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly filtered?: true };

/** Options of {@link SharedCache.informerFor}. */
export interface InformerScope {
  /** Cache one namespace only; all namespaces when absent. */
  namespace?: string;
}

const allNamespaces = '*';

/**
 * How long a create noted with {@link SharedCache.noteCreated} stands in for its informer's copy at most:
 * far longer than a watch event takes, short enough that an event never seen (the object created and
 * deleted while the watch was down) misleads reads only briefly.
 */
export const NOTED_CREATE_TTL_MS = 30_000;

/** An object this process created, kept until its informer reports the name (see `noteCreated`). */
interface NotedCreate {
  readonly object: KubernetesObject;
  readonly at: number;
}

/**
 * The one cache all controllers of a manager read from: one {@link Informer} per kind and namespace scope,
 * however many controllers watch it, so each kind is listed and watched once. Reads are served from memory
 * and are eventually consistent; objects are frozen (clone before changing). Informers asked for after
 * {@link start} start at once. {@link stop} is for good: a stopped cache holds nothing and starts nothing.
 */
export class SharedCache {
  private readonly informers = new Map<string, Informer>();
  private readonly indexes = new Map<string, Map<string, IndexFunction>>();
  private readonly filters = new Map<string, CacheKindFilter>();
  /** Objects created here that their informer has not reported yet, by `notedKey`, oldest first. */
  private readonly noted = new Map<string, NotedCreate>();
  private started = false;
  private stopped = false;
  /** The namespaces namespaced kinds are cached in; undefined for all namespaces. */
  readonly namespaces: readonly string[] | undefined;

  constructor(private readonly options: SharedCacheOptions) {
    if (!options.client && !options.sourceFor) {
      throw new OperatorSdkError(
        'Configuration',
        'failed to create shared cache: pass a client (or a sourceFor)',
      );
    }
    this.namespaces = restrictedNamespaces(options.namespaces);
    for (const filter of options.byKind ?? []) {
      if (this.filters.has(kindKey(filter.kind))) {
        throw new OperatorSdkError(
          'Configuration',
          `failed to create shared cache: byKind lists ${qualifiedKindName(filter.kind)} twice; merge the selectors into one entry`,
        );
      }
      this.filters.set(kindKey(filter.kind), filter);
    }
  }

  /**
   * Every informer covering `kind` under this cache's namespace setting, created on first request: one
   * per namespace of {@link SharedCacheOptions.namespaces} for a namespaced kind, else the one informer
   * for all namespaces. Use it to subscribe to or resync a kind however the cache is scoped.
   */
  informersFor<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind): Informer<T>[] {
    const scopes = kind.namespaced && this.namespaces ? this.namespaces : [undefined];
    return scopes.map((namespace) => this.informerFor<T>(kind, { namespace }));
  }

  /**
   * The informer for `kind` in `scope`, created on first request. Idempotent. After {@link stop} it returns
   * a stopped, empty informer that the cache does not keep (so late callers neither fail nor leak). The
   * kind's {@link SharedCacheOptions.byKind} filter applies.
   * @throws OperatorSdkError `Configuration` when the cache is restricted to namespaces
   *   ({@link SharedCacheOptions.namespaces}) and `scope.namespace` is absent or not one of them.
   */
  informerFor<T extends KubernetesObject = KubernetesObject>(
    kind: ResourceKind,
    scope: InformerScope = {},
  ): Informer<T> {
    this.assertInScope(kind, scope.namespace);
    if (this.stopped) {
      const detached = this.createInformer(kind, scope);
      void detached.stop();
      return detached as unknown as Informer<T>;
    }
    const key = informerKey(kind, scope.namespace);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = this.createInformer(kind, scope);
      this.forgetNotedOnEvents(kind, informer);
      for (const [name, fn] of this.indexes.get(kindKey(kind)) ?? []) informer.addIndex(name, fn);
      this.informers.set(key, informer);
      if (this.started) informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  /**
   * Reads one object from memory; undefined when the cache does not hold it.
   * @throws OperatorSdkError `Configuration` when no informer covers the kind (call informerFor first);
   *   `Terminal` once the cache is stopped (an empty answer would read as "deleted").
   */
  get<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind, key: ObjectKey): T | undefined {
    if (this.stopped) throw readAfterStop(kind, `get ${formatObjectKey(key)}`);
    const informer = this.coveringInformer(kind, key);
    if (!informer) throw notCached(kind, `get ${formatObjectKey(key)}`);
    return informer.store.get(key) as T | undefined;
  }

  /**
   * Reads one object from memory and says whether a miss means "no object of that name": `absent` only
   * when an informer covers `key`'s namespace, has synced, and lists the kind without a label or field
   * selector (a filtered informer never holds an object outside its selector, e.g. someone else's unlabelled
   * Secret, so its miss says nothing about the name: `unknown` with `filtered`); else a miss is `unknown`. Never throws for a kind no
   * informer covers (`unknown`). Like every cache read it may lag: an `absent` object may have been created a
   * moment ago, so write it create-only (as `applyOwned` does) rather than trust the answer. An object this
   * process created and noted ({@link noteCreated}) is `present` before its informer has caught up.
   * @throws OperatorSdkError `Terminal` once the cache is stopped.
   */
  lookup<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind, key: ObjectKey): CacheLookup<T> {
    if (this.stopped) throw readAfterStop(kind, `look up ${formatObjectKey(key)}`);
    const informer = this.coveringInformer(kind, key);
    if (!informer) return { state: 'unknown' };
    const object = informer.store.get(key) as T | undefined;
    if (object) return { state: 'present', object };
    const created = this.notedCreate(kind, key);
    if (created) return { state: 'present', object: created as T };
    if (!informer.hasSynced) return { state: 'unknown' };
    const unfiltered = !informer.options.labelSelector && !informer.options.fieldSelector;
    return unfiltered ? { state: 'absent' } : { state: 'unknown', filtered: true };
  }

  /**
   * Notes `object`, as the API server returned it from a create this process made (`applyOwned` and
   * `createOwned` do it when given the cache), so that {@link lookup} answers `present` with it until the
   * informer covering its name reports it: read-your-creates. Without it a controller that reconciles again
   * before the object's own watch event arrives (woken by another object it created just before) sees a
   * synced informer's `absent`, and its create-only write is refused (409) and followed by a read.
   *
   * The note is dropped when that informer delivers any event for the name (added, updated or deleted,
   * whatever controllers' predicates filter; so an object created and then deleted by someone else reads
   * `absent` again once both events arrived), after {@link NOTED_CREATE_TTL_MS}, and when the cache stops.
   * Ignored when no informer covers the kind in that namespace, when the informer has a field selector or
   * a label selector the object does not match (it would never report the name), when the informer
   * already holds the name, and once the cache is stopped. The object is copied and prepared as the
   * informer's own copies are (managedFields kept as digests, transformed, frozen), so `alreadyApplied`
   * judges it as it would the informer's copy.
   */
  noteCreated(kind: ResourceKind, object: KubernetesObject, now = Date.now()): void {
    if (this.stopped) return;
    const key = objectKeyOf(object);
    const informer = this.coveringInformer(kind, key);
    if (!informer || informer.options.fieldSelector || informer.store.get(key)) return;
    const selector = informer.options.labelSelector;
    if (selector && !compileLabelSelector(selector)(object.metadata?.labels)) return;
    this.dropExpiredNotes(now);
    const prepared = toCacheObject(structuredClone(object), informer.options.transform);
    const id = notedKey(kind, key);
    this.noted.delete(id); // re-inserted last, so the map stays oldest first
    this.noted.set(id, { object: prepared, at: now });
  }

  /**
   * Lists objects from memory. Served by the all-namespaces informer when there is one, else by the
   * namespaced informer(s) in scope. `index` names an index added with {@link addIndex} or a built-in one.
   * @throws OperatorSdkError as {@link get} does.
   */
  list<T extends KubernetesObject = KubernetesObject>(kind: ResourceKind, query: StoreQuery = {}): T[] {
    if (this.stopped) throw readAfterStop(kind, 'list');
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
   * Adds an index to every informer of `kind`, present and future. Ignored once the cache is stopped.
   * @throws OperatorSdkError `Configuration` when the name is taken for that kind.
   */
  addIndex<T extends KubernetesObject = KubernetesObject>(
    kind: ResourceKind,
    name: string,
    fn: IndexFunction<T>,
  ): void {
    if (this.stopped) return;
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

  /** Starts every informer (and any created later). Idempotent; does not wait for sync; no-op once stopped. */
  start(): void {
    if (this.stopped) return;
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /**
   * Stops every informer, waits for their loops to end, and lets go of them and of the index functions:
   * objects, handlers (and what their closures hold, e.g. controllers' queues), watch connections and
   * timers. For good and idempotent: a manager that starts again builds a new cache.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const informers = [...this.informers.values()];
    this.informers.clear();
    this.indexes.clear();
    this.noted.clear();
    await Promise.all(informers.map((i) => i.stop()));
  }

  /**
   * Resolves when every informer created so far has synced.
   * @throws OperatorSdkError `Timeout` naming the first unsynced kind when `timeoutMs` passes; `Terminal`
   *   when the cache is (or gets) stopped first.
   */
  async waitForSync(timeoutMs?: number): Promise<void> {
    if (this.stopped) throw new OperatorSdkError('Terminal', 'failed to sync the cache: it was stopped');
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync(timeoutMs)));
  }

  /** Whether every informer has synced: what /readyz reports. False once stopped. */
  get synced(): boolean {
    return !this.stopped && [...this.informers.values()].every((i) => i.hasSynced);
  }

  /**
   * The informers that have had no working connection for at least `forMs` (see
   * `Informer.disconnectedSince`), longest first: what `/readyz` reports once watches stay down.
   */
  disconnected(forMs = 0, now = Date.now()): DisconnectedInformer[] {
    const found: DisconnectedInformer[] = [];
    for (const informer of this.informers.values()) {
      const since = informer.disconnectedSince;
      if (since === undefined || now - since.getTime() < forMs) continue;
      found.push({ kind: informer.options.kind, namespace: informer.options.namespace, since });
    }
    return found.sort((a, b) => a.since.getTime() - b.since.getTime());
  }

  /** The informer that holds `key` of `kind`: the all-namespaces one, else the one of its namespace. */
  private coveringInformer(kind: ResourceKind, key: ObjectKey): Informer | undefined {
    return this.informers.get(informerKey(kind)) ?? this.informers.get(informerKey(kind, key.namespace));
  }

  /** The noted create of `key`, if still younger than {@link NOTED_CREATE_TTL_MS} (an older one is dropped). */
  private notedCreate(kind: ResourceKind, key: ObjectKey, now = Date.now()): KubernetesObject | undefined {
    if (this.noted.size === 0) return undefined;
    const id = notedKey(kind, key);
    const note = this.noted.get(id);
    if (!note) return undefined;
    if (now - note.at < NOTED_CREATE_TTL_MS) return note.object;
    this.noted.delete(id);
    return undefined;
  }

  /** Drops expired notes; the map is oldest first, so this stops at the first that is not. */
  private dropExpiredNotes(now: number): void {
    for (const [id, note] of this.noted) {
      if (now - note.at < NOTED_CREATE_TTL_MS) return;
      this.noted.delete(id);
    }
  }

  /**
   * Any event for a name means the informer has caught up with it (or with its deletion): its note goes.
   * Registered on the informer itself, not through a controller, so predicates never hide an event.
   */
  private forgetNotedOnEvents(kind: ResourceKind, informer: Informer): void {
    const forget = (obj: KubernetesObject): void => {
      if (this.noted.size > 0) this.noted.delete(notedKey(kind, objectKeyOf(obj)));
    };
    informer.addEventHandler({ onAdd: forget, onUpdate: (_old, obj) => forget(obj), onDelete: forget });
  }

  /** Refuses an informer the namespace setting excludes: it would list and watch beyond it. */
  private assertInScope(kind: ResourceKind, namespace: string | undefined): void {
    if (!kind.namespaced || !this.namespaces) return;
    if (namespace === undefined) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create an informer for ${qualifiedKindName(kind)} in all namespaces: the cache is restricted to namespaces ${this.namespaces.join(', ')}; use cache.informersFor(kind), or pass one of them as namespace`,
      );
    }
    if (!this.namespaces.includes(namespace)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create an informer for ${qualifiedKindName(kind)} in namespace ${namespace}: the cache is restricted to namespaces ${this.namespaces.join(', ')}; add it to the cache's namespaces`,
      );
    }
  }

  private createInformer(kind: ResourceKind, scope: InformerScope): Informer {
    const source = this.options.sourceFor?.(kind) ?? listWatchFor(this.options.client as KubeClient, kind);
    const filter = this.filters.get(kindKey(kind));
    return new Informer({
      kind,
      source,
      namespace: kind.namespaced ? scope.namespace : undefined,
      ...(filter?.labelSelector ? { labelSelector: filter.labelSelector } : {}),
      ...(filter?.fieldSelector ? { fieldSelector: filter.fieldSelector } : {}),
      transform: chainTransforms(
        this.options.transform === undefined
          ? dropLastAppliedConfiguration
          : (this.options.transform ?? undefined),
        filter?.transform,
      ),
      logger: this.options.logger,
      timing: this.options.timing,
      // One informer got through: the API server is back, so the others stop waiting out their backoff.
      onReconnected: () => {
        for (const informer of this.informers.values()) if (informer.disconnectedSince) informer.retryNow();
      },
    });
  }
}

function restrictedNamespaces(namespaces: readonly string[] | undefined): readonly string[] | undefined {
  if (!namespaces || namespaces.length === 0) return undefined;
  for (const namespace of namespaces) {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create shared cache: namespaces: "${namespace}" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
      );
    }
  }
  return [...new Set(namespaces)];
}

function kindKey(kind: ResourceKind): string {
  return `${kind.apiVersion}/${kind.plural}`;
}

function notedKey(kind: ResourceKind, key: ObjectKey): string {
  return `${kindKey(kind)}|${key.namespace ?? ''}/${key.name}`;
}

function informerKey(kind: ResourceKind, namespace?: string): string {
  return `${kindKey(kind)}|${kind.namespaced && namespace ? namespace : allNamespaces}`;
}

function readAfterStop(kind: ResourceKind, what: string): OperatorSdkError {
  return new OperatorSdkError(
    'Terminal',
    `failed to ${what} ${qualifiedKindName(kind)} from the cache: the cache is stopped`,
  );
}

function notCached(kind: ResourceKind, what: string): OperatorSdkError {
  return new OperatorSdkError(
    'Configuration',
    `failed to ${what} ${qualifiedKindName(kind)} from the cache: no informer covers it; call cache.informerFor(kind) before start`,
  );
}
