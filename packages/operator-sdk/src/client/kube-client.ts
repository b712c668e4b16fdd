import type { KubernetesObject } from '@kubernetes/client-node';
import { objectKeyOf, type ObjectKey, type ResourceKind } from '../api/resource-kind.js';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';
import type { Logger } from '../logging/logger.js';
import { addFinalizerPatch, removeFinalizerPatch } from './finalizers.js';
import { unlessAborted } from './internal/abortable.js';
import { ApiCaller, describeAction, patchContentTypes, withKind, type Query } from './internal/api-call.js';
import { deepEqual } from './internal/deep-equal.js';
import { defaultConflictAttempts, retryOnConflict } from './internal/conflict-retry.js';
import { patchFinalizers, type ObjectReader } from './internal/finalizer-patcher.js';
import { HttpTransport } from './internal/http-transport.js';
import { KindMapper } from './internal/kind-mapper.js';
import { listPages } from './internal/list-pager.js';
import { resourcePath } from './internal/resource-path.js';
import { openWatch } from './internal/watch-stream.js';
import { apiErrorFromResponse, isConflict } from './kube-api.error.js';
import type {
  ApplyOptions,
  DeleteOptions,
  KubeClientOptions,
  ListOptions,
  ListResult,
  PatchOptions,
  RequestOptions,
  UpdateStatusOptions,
  UpdateStatusResult,
  WriteOptions,
} from './kube-client-options.js';
import { shareHttpAgent } from './shared-agent.js';
import type { WatchEvent, WatchHandle, WatchOptions } from './watch-event.js';

/**
 * A typed client for any kind, built on one kubeconfig (client-node's `KubeConfig` or a `LeanKubeConfig`). Every request is counted in
 * `rest_client_requests_total{code,method,host}` and timed in `rest_client_request_duration_seconds{verb,host}`
 * when `metrics` is given; every failure is a `KubeApiError` whose message reads
 * "failed to <verb> <Kind> <namespace/name>: <server message>" and whose kind is `NotFound`, `Conflict`,
 * `Validation`, `Aborted` (the call's `signal` fired) or `Api`. Every call takes an optional `signal` in its
 * options. Reads go to the API server: read from the shared cache in reconcilers.
 */
export class KubeClient {
  private readonly transport: HttpTransport;
  private readonly caller: ApiCaller;
  private readonly mapper: KindMapper;
  private readonly logger: Logger | undefined;
  /** How the finalizer patcher re-reads an object after losing a race. */
  private readonly reread: ObjectReader = (kind, key, options) => this.get(kind, key, options);

  constructor(
    kubeConfig: KubeConfigLike,
    private readonly options: KubeClientOptions,
  ) {
    shareHttpAgent(kubeConfig);
    this.transport = new HttpTransport(kubeConfig, {
      metrics: options.metrics,
      userAgent: options.userAgent,
    });
    this.caller = new ApiCaller(this.transport, {
      fieldManager: options.fieldManager,
      requestTimeoutMs: options.requestTimeoutMs,
      tracing: options.tracing,
    });
    this.mapper = new KindMapper(this.transport);
    this.logger = options.logger;
  }

  /** The field manager of writes that do not name their own. */
  get fieldManager(): string {
    return this.options.fieldManager;
  }

  /** Teaches {@link apply} a kind without discovery (built-in kinds are known already). */
  registerKind(kind: ResourceKind): void {
    this.mapper.register(kind);
  }

  /**
   * Resolves an object's apiVersion/kind to its plural and scope (registry, then API discovery). With a
   * `signal`, stops waiting for discovery when it aborts (the lookup goes on for other callers).
   */
  resolveKind(obj: KubernetesObject, options: RequestOptions = {}): Promise<ResourceKind> {
    const action = `resolve kind ${obj.kind ?? '<none>'} in ${obj.apiVersion ?? '<none>'}`;
    return unlessAborted(this.mapper.resolve(obj.apiVersion, obj.kind), options.signal, action);
  }

  /** Reads one object; undefined when it does not exist. */
  async get<T extends KubernetesObject>(
    kind: ResourceKind,
    key: ObjectKey,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    const res = await this.caller.call(
      describeAction('get', kind, key),
      { method: 'GET', path: resourcePath(kind, key), signal: options.signal },
      [200, 404],
    );
    return res.status === 404 ? undefined : withKind(kind, res.body as T);
  }

  /**
   * Lists objects, fetching every page unless `paginate: false` or `continue` is given. When a continue
   * token expires mid-way (410), the list restarts once without paging, as client-go's pager does.
   */
  async list<T extends KubernetesObject>(
    kind: ResourceKind,
    options: ListOptions = {},
  ): Promise<ListResult<T>> {
    return listPages<T>(this.caller, kind, options, this.options.pageSize);
  }

  /** Creates `obj`; a 409 means it already exists. */
  async create<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    options: WriteOptions = {},
  ): Promise<T> {
    const key = objectKeyOf(obj);
    const path = resourcePath(kind, { namespace: key.namespace });
    const body = { ...obj, apiVersion: kind.apiVersion, kind: kind.kind };
    const res = await this.caller.call(
      describeAction('create', kind, key),
      { method: 'POST', path, body, query: this.caller.writeQuery(options), signal: options.signal },
      [200, 201, 202],
    );
    return withKind(kind, res.body as T);
  }

  /** Replaces `obj`; a 409 means `metadata.resourceVersion` is stale. */
  async update<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    options: WriteOptions = {},
  ): Promise<T> {
    return this.replace(kind, obj, undefined, options);
  }

  /** Patches one object (merge patch unless `type` says otherwise). */
  async patch<T extends KubernetesObject>(
    kind: ResourceKind,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions = {},
  ): Promise<T> {
    const type = options.type ?? 'merge';
    const res = await this.caller.call(
      describeAction('patch', kind, key),
      {
        method: 'PATCH',
        path: resourcePath(kind, { ...key, subresource: options.subresource }),
        body: patch,
        contentType: patchContentTypes[type],
        query: this.caller.writeQuery(options),
        signal: options.signal,
      },
      [200, 201],
    );
    return withKind(kind, res.body as T);
  }

  /** Deletes one object; false when it was already gone. Deletion may finish later (finalizers). */
  async delete(kind: ResourceKind, key: ObjectKey, options: DeleteOptions = {}): Promise<boolean> {
    const body = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: options.propagationPolicy,
      preconditions: options.preconditions,
      gracePeriodSeconds: options.gracePeriodSeconds,
      dryRun: options.dryRun ? ['All'] : undefined,
    };
    const res = await this.caller.call(
      describeAction('delete', kind, key),
      { method: 'DELETE', path: resourcePath(kind, key), body, signal: options.signal },
      [200, 202, 404],
    );
    return res.status !== 404;
  }

  /**
   * Server-side apply: sends the fields `obj` sets, owned by the field manager. Idempotent: applying the
   * same intent twice changes nothing. Status fields are ignored here; use {@link applyStatus}.
   */
  async apply<T extends KubernetesObject>(obj: T, options: ApplyOptions = {}): Promise<T> {
    return this.serverSideApply(obj, undefined, options);
  }

  /** Server-side apply on the status subresource: only `status` (and identifying metadata) counts. */
  async applyStatus<T extends KubernetesObject>(obj: T, options: ApplyOptions = {}): Promise<T> {
    return this.serverSideApply(obj, 'status', options);
  }

  /**
   * Read-modify-write of the status subresource. Reads the object (or starts from `options.current`, e.g. the
   * cached copy, saving the read), runs `mutate` on a private copy (mutate it in place or return a
   * replacement), and writes `/status` only if `status` changed (deep compare), so a converged reconcile
   * writes nothing. On 409 it re-reads and re-runs `mutate` (bounded, jittered), so
   * `mutate` must be a pure function of the object it receives. Changes outside `status` are not persisted.
   *
   * @throws KubeApiError `NotFound` when the object does not exist; `Conflict` after the last attempt;
   *   `Aborted` when `options.signal` aborts (also between attempts).
   */
  async updateStatus<T extends KubernetesObject & { status?: unknown }>(
    kind: ResourceKind,
    key: ObjectKey,
    mutate: (current: T) => void | T,
    options: UpdateStatusOptions = {},
  ): Promise<UpdateStatusResult<T>> {
    const { signal } = options;
    const retry = {
      maxAttempts: options.maxAttempts ?? defaultConflictAttempts,
      retryable: isConflict,
      signal,
    };
    return retryOnConflict(retry, async (attempt) => {
      const current =
        attempt === 1 && options.current ? (options.current as T) : await this.get<T>(kind, key, { signal });
      if (!current) {
        throw apiErrorFromResponse(describeAction('update status of', kind, key), 404, {
          kind: 'Status',
          message: 'not found',
        });
      }
      const draft = structuredClone(current);
      const next = mutate(draft) ?? draft;
      if (deepEqual(current.status, next.status)) return { object: current, written: false };
      if (attempt > 1)
        this.logger?.debug('retrying status update after conflict', { kind: kind.kind, ...key, attempt });
      return { object: await this.replace(kind, next, 'status', { signal }), written: true };
    });
  }

  /**
   * Adds finalizer `name` unless present (no write then). The JSON patch tests resourceVersion; when another
   * writer got there first it re-reads and retries. Returns the object as stored. A re-read that finds an
   * object of the same name with another uid (`obj` was deleted and replaced) counts as `obj` gone: a
   * controller's late write for the old object never changes the new one's finalizers.
   *
   * @throws KubeApiError `NotFound` when the object is gone; `Conflict` when racing writers win 5 times;
   *   `Aborted` when `options.signal` aborts.
   */
  async ensureFinalizer<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    name: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const build = (o: KubernetesObject) => addFinalizerPatch(o, name);
    const change = { kind, obj, build, verb: 'add finalizer to', goneIsDone: false, signal: options.signal };
    return (await patchFinalizers<T>(this.caller, this.reread, change)) as T;
  }

  /**
   * Removes finalizer `name` if present. Undefined when the object is gone (e.g. deleted as a result).
   * @throws KubeApiError as {@link ensureFinalizer} does, except that a missing object is no error.
   */
  async removeFinalizer<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    name: string,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    const build = (o: KubernetesObject) => removeFinalizerPatch(o, name);
    const change = {
      kind,
      obj,
      build,
      verb: 'remove finalizer from',
      goneIsDone: true,
      signal: options.signal,
    };
    return patchFinalizers<T>(this.caller, this.reread, change);
  }

  /**
   * Opens one raw watch stream; see {@link WatchHandle}. The cache's informer is the robust consumer. When
   * `options.signal` aborts, the stream closes and `done` rejects with an `Aborted` error; `abort()` ends it
   * cleanly instead.
   */
  watch<T extends KubernetesObject>(
    kind: ResourceKind,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): WatchHandle {
    const query: Query = {
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowWatchBookmarks,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    const action = `watch ${kind.kind}${options.namespace ? ` in ${options.namespace}` : ''}`;
    const path = resourcePath(kind, options);
    return openWatch<T>(this.transport, { action, path, query, signal: options.signal }, (event) =>
      onEvent(event.type === 'BOOKMARK' ? event : { type: event.type, object: withKind(kind, event.object) }),
    );
  }

  private async serverSideApply<T extends KubernetesObject>(
    obj: T,
    subresource: 'status' | undefined,
    options: ApplyOptions,
  ): Promise<T> {
    const kind = await this.resolveKind(obj, options);
    const key = objectKeyOf(obj);
    // The server rejects managedFields in an apply body; a copy read from the cache may carry them.
    const { managedFields: _ignored, ...metadata } = obj.metadata ?? {};
    const res = await this.caller.call(
      describeAction(subresource ? 'apply status of' : 'apply', kind, key),
      {
        method: 'PATCH',
        path: resourcePath(kind, { ...key, subresource }),
        body: { ...obj, metadata },
        contentType: patchContentTypes.apply,
        query: { ...this.caller.writeQuery(options), force: options.force ?? true },
        signal: options.signal,
      },
      [200, 201],
    );
    return withKind(kind, res.body as T);
  }

  private async replace<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    subresource: 'status' | undefined,
    options: WriteOptions,
  ): Promise<T> {
    const key = objectKeyOf(obj);
    const body = { ...obj, apiVersion: kind.apiVersion, kind: kind.kind };
    const res = await this.caller.call(
      describeAction(subresource ? 'update status of' : 'update', kind, key),
      {
        method: 'PUT',
        path: resourcePath(kind, { ...key, subresource }),
        body,
        query: this.caller.writeQuery(options),
        signal: options.signal,
      },
      [200, 201],
    );
    return withKind(kind, res.body as T);
  }
}
