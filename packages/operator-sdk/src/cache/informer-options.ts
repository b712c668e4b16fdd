import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceKind } from '../api/resource-kind.js';
import type { Logger } from '../logging/logger.js';
import type { CacheTransform } from './cache-transform.js';
import type { ListWatchSource } from './list-watch-source.js';

/** How patient an informer is. Defaults follow client-go. */
export interface InformerTiming {
  /** First reconnect delay after a failure (default 200 ms). */
  initialBackoffMs: number;
  /** Longest reconnect delay (default 30 s). */
  maxBackoffMs: number;
  /** Failures further apart than this start the backoff again from the beginning (default 60 s). */
  backoffResetMs: number;
  /**
   * Longest reconnect delay after the API server answered 429 or 503 (default 3 s, client-go's reflector
   * waits 3 s after a 429): it is up but still starting (CRD storage initialising) or shedding load, so
   * it is asked again soon instead of after a connection backoff grown during its restart.
   */
  busyMaxBackoffMs: number;
  /** Server-side watch timeout, drawn uniformly from [min, max] seconds per watch (default 300–600). */
  watchTimeoutSeconds: readonly [min: number, max: number];
  /**
   * Restart a watch that delivered nothing (not even a bookmark) for this long. Default: the watch's own
   * timeout plus 60 s, i.e. only when the server failed to end a stream it promised to end (a half-open
   * connection). Lower it where bookmarks are known to flow every minute.
   */
  silenceThresholdMs?: number;
}

/** The defaults of {@link InformerTiming}. */
export const defaultInformerTiming: InformerTiming = {
  initialBackoffMs: 200,
  maxBackoffMs: 30_000,
  backoffResetMs: 60_000,
  busyMaxBackoffMs: 3_000,
  watchTimeoutSeconds: [300, 600],
};

/** Options of {@link Informer}. */
export interface InformerOptions<T extends KubernetesObject = KubernetesObject> {
  kind: ResourceKind;
  source: ListWatchSource<T>;
  /** Watch one namespace only; all namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  logger?: Logger;
  timing?: Partial<InformerTiming>;
  /** Reshapes each object before it is stored (see {@link CacheTransform}); none by default. */
  transform?: CacheTransform;
  /**
   * Called when the informer reaches the API server again after its list or watch failed. The shared
   * cache uses it to end the other informers' backoff pauses at once, so that all of them reconnect when
   * the first does instead of each sleeping out up to `maxBackoffMs`.
   */
  onReconnected?: () => void;
}
