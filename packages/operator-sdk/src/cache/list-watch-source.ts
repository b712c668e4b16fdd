import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceKind } from '../api/resource-kind.js';
import type { KubeClient } from '../client/kube-client.js';
import type { ListResult, RequestOptions } from '../client/kube-client-options.js';
import type { WatchEvent, WatchHandle, WatchOptions } from '../client/watch-event.js';

/** The filters an informer applies to both its list and its watches. */
export interface ListWatchScope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * Where an informer gets objects from. {@link listWatchFor} adapts a {@link KubeClient}; tests inject their
 * own to script failures (410s, dropped streams, silence) without an API server.
 */
export interface ListWatchSource<T extends KubernetesObject = KubernetesObject> {
  /**
   * A complete, consistent list (all pages) and its resourceVersion. The informer passes a `signal` that
   * aborts when it stops, so a long list does not hold the informer (and its connection) after `stop`.
   */
  list(scope: ListWatchScope, options?: RequestOptions): Promise<ListResult<T>>;
  /** A watch from `resourceVersion`; ERROR events and HTTP failures reject `done` (410 included). */
  watch(options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle;
}

/** The list/watch source for one kind, backed by the API server. */
export function listWatchFor<T extends KubernetesObject>(
  client: KubeClient,
  kind: ResourceKind,
): ListWatchSource<T> {
  return {
    list: (scope, options) => client.list<T>(kind, { ...scope, signal: options?.signal }),
    watch: (options, onEvent) => client.watch<T>(kind, options, onEvent),
  };
}
