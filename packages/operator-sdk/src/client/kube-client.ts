import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey, objectKeyOf, type ObjectKey, type ResourceKind } from '../api/resource-kind.js';
import type { Logger } from '../logging/logger.js';
import { addFinalizerPatch, removeFinalizerPatch, type JsonPatchOperation } from './finalizers.js';
import { unlessAborted } from './internal/abortable.js';
import { deepEqual } from './internal/deep-equal.js';
import { defaultConflictAttempts, retryOnConflict } from './internal/conflict-retry.js';
import { HttpTransport, type TransportRequest } from './internal/http-transport.js';
import { KindMapper } from './internal/kind-mapper.js';
import { resourcePath } from './internal/resource-path.js';
import { openWatch } from './internal/watch-stream.js';
import {
  apiErrorFromAbort,
  apiErrorFromResponse,
  apiErrorFromTransport,
  isConflict,
  statusCodeOf,
} from './kube-api.error.js';
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

const patchContentTypes = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

type Query = Record<string, string | number | boolean | undefined>;

/**
 * A typed client for any kind, built on one KubeConfig. Every request is counted in
 * `rest_client_requests_total{code,method,host}` and timed in `rest_client_request_duration_seconds{verb,host}`
 * when `metrics` is given; every failure is a `KubeApiError` whose message reads
 * "failed to <verb> <Kind> <namespace/name>: <server message>" and whose kind is `NotFound`, `Conflict`,
 * `Validation`, `Aborted` (the call's `signal` fired) or `Api`. Every call takes an optional `signal` in its
 * options. Reads go to the API server: read from the shared cache in reconcilers.
 */
export class KubeClient {
  private readonly transport: HttpTransport;
  private readonly mapper: KindMapper;
  private readonly logger: Logger | undefined;

  constructor(
    kubeConfig: KubeConfig,
    private readonly options: KubeClientOptions,
  ) {
    shareHttpAgent(kubeConfig);
    this.transport = new HttpTransport(kubeConfig, {
      metrics: options.metrics,
      userAgent: options.userAgent,
    });
    this.mapper = new KindMapper(this.transport);
    this.logger = options.logger;
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
    const res = await this.call(
      describe('get', kind, key),
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
    const paginate = options.paginate ?? options.continue === undefined;
    const action = `list ${kind.kind}${options.namespace ? ` in ${options.namespace}` : ''}`;
    const page = async (limit: number | undefined, token: string | undefined) => {
      const query: Query = {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        limit,
        continue: token,
      };
      const path = resourcePath(kind, options);
      const res = await this.call(action, { method: 'GET', path, query, signal: options.signal }, [200]);
      const body = res.body as { items?: T[]; metadata?: { resourceVersion?: string; continue?: string } };
      return {
        items: (body.items ?? []).map((item) => withKind(kind, item)),
        resourceVersion: body.metadata?.resourceVersion ?? '',
        continue: body.metadata?.continue || undefined,
      };
    };
    const limit = options.limit ?? this.options.pageSize ?? 500;
    if (!paginate) return page(limit, options.continue);
    const items: T[] = [];
    let token = options.continue;
    try {
      for (;;) {
        const result = await page(limit, token);
        items.push(...result.items);
        if (!result.continue) return { items, resourceVersion: result.resourceVersion };
        token = result.continue;
      }
    } catch (err) {
      if (statusCodeOf(err) !== 410 || token === undefined) throw err;
      const whole = await page(undefined, undefined);
      return { items: whole.items, resourceVersion: whole.resourceVersion };
    }
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
    const res = await this.call(
      describe('create', kind, key),
      { method: 'POST', path, body, query: this.writeQuery(options), signal: options.signal },
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
    const res = await this.call(
      describe('patch', kind, key),
      {
        method: 'PATCH',
        path: resourcePath(kind, { ...key, subresource: options.subresource }),
        body: patch,
        contentType: patchContentTypes[type],
        query: this.writeQuery(options),
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
    const res = await this.call(
      describe('delete', kind, key),
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
        throw apiErrorFromResponse(describe('update status of', kind, key), 404, {
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
   * writer got there first it re-reads and retries. Returns the object as stored.
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
    const add = (o: KubernetesObject) => addFinalizerPatch(o, name);
    return (await this.patchFinalizers(kind, obj, add, 'add finalizer to', false, options)) as T;
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
    const remove = (o: KubernetesObject) => removeFinalizerPatch(o, name);
    return this.patchFinalizers(kind, obj, remove, 'remove finalizer from', true, options);
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
    const res = await this.call(
      describe(subresource ? 'apply status of' : 'apply', kind, key),
      {
        method: 'PATCH',
        path: resourcePath(kind, { ...key, subresource }),
        body: { ...obj, metadata },
        contentType: patchContentTypes.apply,
        query: { ...this.writeQuery(options), force: options.force ?? true },
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
    const res = await this.call(
      describe(subresource ? 'update status of' : 'update', kind, key),
      {
        method: 'PUT',
        path: resourcePath(kind, { ...key, subresource }),
        body,
        query: this.writeQuery(options),
        signal: options.signal,
      },
      [200, 201],
    );
    return withKind(kind, res.body as T);
  }

  private async patchFinalizers<T extends KubernetesObject>(
    kind: ResourceKind,
    obj: T,
    build: (current: KubernetesObject) => JsonPatchOperation[] | undefined,
    verb: string,
    goneIsDone: boolean,
    { signal }: RequestOptions,
  ): Promise<T | undefined> {
    const key = objectKeyOf(obj);
    const action = describe(verb, kind, key);
    let current: T | undefined = obj;
    const retry = { maxAttempts: defaultConflictAttempts, retryable: raceLost, signal };
    return retryOnConflict(retry, async (attempt) => {
      if (attempt > 1) current = await this.get<T>(kind, key, { signal });
      if (!current && goneIsDone) return undefined;
      if (!current) throw apiErrorFromResponse(action, 404, { kind: 'Status', message: 'not found' });
      const ops = build(current);
      if (!ops) return current;
      const req: TransportRequest = {
        method: 'PATCH',
        path: resourcePath(kind, key),
        body: ops,
        contentType: patchContentTypes.json,
        query: this.writeQuery({}),
        signal,
      };
      const res = await this.call(action, req, goneIsDone ? [200, 404] : [200]);
      return res.status === 404 ? undefined : withKind(kind, res.body as T);
    });
  }

  private writeQuery(options: WriteOptions): Query {
    return {
      fieldManager: options.fieldManager ?? this.options.fieldManager,
      dryRun: options.dryRun ? 'All' : undefined,
    };
  }

  /**
   * Sends a request; statuses outside `ok` become a KubeApiError, transport failures too. An aborted
   * `req.signal` wins over whatever the transport reports, so callers see one kind for "I gave up".
   */
  private async call(action: string, req: TransportRequest, ok: number[]) {
    const { signal } = req;
    if (signal?.aborted) throw apiErrorFromAbort(action, signal.reason);
    let res;
    try {
      res = await this.transport.request({ timeoutMs: this.options.requestTimeoutMs, ...req });
    } catch (err) {
      if (signal?.aborted) throw apiErrorFromAbort(action, signal.reason);
      throw apiErrorFromTransport(action, err);
    }
    if (!ok.includes(res.status)) throw apiErrorFromResponse(action, res.status, res.body);
    return res;
  }
}

/** A guarded finalizer patch loses a race either as 409 or as a failed `test` operation (422). */
function raceLost(err: unknown): boolean {
  const code = statusCodeOf(err);
  return code === 409 || code === 422;
}

function describe(verb: string, kind: ResourceKind, key: ObjectKey): string {
  return `${verb} ${kind.kind} ${formatObjectKey(key)}`;
}

/** List items and watch objects arrive without apiVersion/kind; put them back so objects are self-describing. */
function withKind<T extends KubernetesObject>(kind: ResourceKind, obj: T): T {
  if (obj.apiVersion && obj.kind) return obj;
  return { ...obj, apiVersion: kind.apiVersion, kind: kind.kind };
}
