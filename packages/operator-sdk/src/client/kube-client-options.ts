import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../logging/logger.js';
import type { Tracing } from '../tracing/tracing.js';

/** Labels of `rest_client_requests_total`, named as client-go names them. */
export interface RequestLabels {
  /** HTTP status code, or `<error>` when no response arrived. */
  code: string;
  method: string;
  /** `host:port` of the API server. */
  host: string;
}

/** Anything that counts requests: a prom-client `Counter` with the labels above fits. */
export interface RequestCounter {
  inc(labels: RequestLabels, value?: number): void;
}

/** Labels of `rest_client_request_duration_seconds`, named as client-go names them. */
export interface RequestLatencyLabels {
  /** The HTTP method (`GET`, `PATCH`…): client-go's `verb`. */
  verb: string;
  /** `host:port` of the API server. */
  host: string;
}

/** Anything that records request latencies: a prom-client `Histogram` with the labels above fits. */
export interface RequestLatencyObserver {
  /** Records one request that took `seconds`. */
  observe(labels: RequestLatencyLabels, seconds: number): void;
}

/** Where a {@link KubeClient} reports its requests; an `OperatorMetrics` fits as it is. */
export interface KubeClientMetrics {
  /** Counts every request once its response status is known (or it failed without one). */
  readonly restClientRequests: RequestCounter;
  /**
   * Times every request: until the whole body is read, or until the response headers for a watch (whose
   * stream stays open for minutes). Optional so plain counters keep fitting.
   */
  readonly restClientRequestDuration?: RequestLatencyObserver;
}

/** Per-call options every {@link KubeClient} method accepts. */
export interface RequestOptions {
  /**
   * Gives up the call when this signal aborts: the HTTP request in flight is destroyed, no retry or further
   * page is sent, and the call rejects with a `KubeApiError` of kind `Aborted` (see `isAborted`). A signal
   * already aborted rejects at once without sending anything. In a reconciler pass `ctx.signal`.
   */
  signal?: AbortSignal;
}

/** Options for {@link KubeClient}. */
export interface KubeClientOptions {
  /** Field manager used for server-side apply and recorded on every write. */
  fieldManager: string;
  /**
   * Where request counts and latencies go; `OperatorMetrics` fits. Optional so tools and tests need no
   * registry.
   */
  metrics?: KubeClientMetrics;
  logger?: Logger;
  /** Sent as `User-Agent`; the API server's audit log shows it. */
  userAgent?: string;
  /** Client-side deadline for non-watch requests (default 30 s). */
  requestTimeoutMs?: number;
  /** Page size for paginated lists (default 500). */
  pageSize?: number;
  /**
   * Where each request's span goes (`<verb> <Kind>`, with the verb, kind, path and status code), as a child of
   * the active span (e.g. a reconcile's). Off unless enabled; the `Manager` passes its own.
   */
  tracing?: Tracing;
}

/** Options of {@link KubeClient.list}. */
export interface ListOptions extends RequestOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size. Unless `paginate` is false, every page is fetched. */
  limit?: number;
  /** Continue token from a previous page: implies a single page. */
  continue?: string;
  /** Fetch every page (default true unless `continue` is set). */
  paginate?: boolean;
}

/** What {@link KubeClient.list} returns. */
export interface ListResult<T> {
  items: T[];
  /** The list's resourceVersion: start a watch here to miss nothing. */
  resourceVersion: string;
  /** Present when more pages remain (only with `paginate: false`). */
  continue?: string;
}

/** Options shared by writes. */
export interface WriteOptions extends RequestOptions {
  /** Validate and default on the server but persist nothing. */
  dryRun?: boolean;
  /** Overrides the client's field manager for this call. */
  fieldManager?: string;
}

/** Options of {@link KubeClient.apply} and {@link KubeClient.applyStatus}. */
export interface ApplyOptions extends WriteOptions {
  /** Take ownership of fields other managers own (default true: a controller is the source of truth). */
  force?: boolean;
}

/** Options of {@link KubeClient.delete}. */
export interface DeleteOptions extends RequestOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** Delete only if the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

/** Patch flavours: JSON merge patch (RFC 7386), JSON patch (RFC 6902) or strategic merge (built-ins only). */
export type PatchType = 'merge' | 'json' | 'strategic';

/** Options of {@link KubeClient.patch}. */
export interface PatchOptions extends WriteOptions {
  type?: PatchType;
  /** Patch the status subresource instead of the main resource. */
  subresource?: 'status';
}

/** Options of {@link KubeClient.updateStatus}. The signal also ends the retries on conflict. */
export interface UpdateStatusOptions extends RequestOptions {
  /** Attempts before giving up on conflicts (default 5). */
  maxAttempts?: number;
  /**
   * A copy already at hand (e.g. from the cache) to use instead of the first read. When it is stale, the
   * write fails with a conflict (its resourceVersion) and the next attempt reads afresh.
   */
  current?: KubernetesObject;
}

/** What {@link KubeClient.updateStatus} returns. */
export interface UpdateStatusResult<T> {
  /** The object as stored after the call (the read, or `current`, when nothing was written). */
  object: T;
  /** Whether a write happened; false when the mutation left the status unchanged. */
  written: boolean;
}
