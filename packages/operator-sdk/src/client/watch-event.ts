import type { KubernetesObject } from '@kubernetes/client-node';
import type { RequestOptions } from './kube-client-options.js';

/** One event of a watch stream. ERROR events never reach handlers: they end the stream instead. */
export interface WatchEvent<T extends KubernetesObject = KubernetesObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  /** For BOOKMARK, only `metadata.resourceVersion` is meaningful. */
  object: T;
}

/** Options of {@link KubeClient.watch}. */
export interface WatchOptions extends RequestOptions {
  namespace?: string;
  /** Start after this version; empty starts with synthetic ADDED events for everything. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** The server closes the stream cleanly after this many seconds. */
  timeoutSeconds?: number;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * A running watch. `done` resolves when the stream ends cleanly (server timeout, or `abort()`), and rejects
 * with a `KubeApiError` when it could not start (HTTP status, e.g. 410), when the server sent an ERROR event
 * (its `code` becomes the status code, so "too old resource version" is a 410), when the connection broke,
 * or with kind `Aborted` when the watch's `signal` aborted.
 */
export interface WatchHandle {
  abort(): void;
  readonly done: Promise<void>;
  /**
   * Resolves once the server accepted the watch (HTTP 200, events may follow), so a consumer knows the
   * connection is up before the first event; never rejects (failures go to `done`). Optional for other
   * sources: without it, the first event is the proof.
   */
  readonly established?: Promise<void>;
}
