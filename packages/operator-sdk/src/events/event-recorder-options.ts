import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';
import type { Logger } from '../logging/logger.js';

/** What happened, as `recorder.event(regarding, details)` takes it. */
export interface EventDetails {
  type: 'Normal' | 'Warning';
  /** Why the action was taken, UpperCamelCase, e.g. `ProvisioningFailed`; at most 128 bytes. */
  reason: string;
  /** What was done or failed, UpperCamelCase, e.g. `Provision`; at most 128 bytes. */
  action: string;
  /** Human-readable detail; cut to 1 KiB. Must never contain a secret value. */
  note: string;
  /** A second object involved, e.g. the Secret a claim wrote. */
  related?: KubernetesObject;
}

/** Options for {@link EventRecorder}. Give `client` or `kubeConfig`. */
export interface EventRecorderOptions {
  /**
   * The client Events are written through, e.g. the manager's: its `metrics` count and time every write
   * in `rest_client_*`, and its `requestTimeoutMs` bounds each one (so {@link EventRecorder.stop} cannot
   * hang on an API server that does not answer). Takes precedence over `kubeConfig`.
   */
  client?: KubeClient;
  /** Where to connect when no `client` is given: the recorder builds a client over it that counts nothing. */
  kubeConfig?: KubeConfigLike;
  /** Who reports, as a qualified name, e.g. `score.dev/orchestrator`. */
  reportingController: string;
  /** Which replica reports (default `<reportingController>-<hostname>`, cut to 128 bytes). */
  reportingInstance?: string;
  logger?: Logger;
  /** Repeats within this time of the previous occurrence join its series (default 6 minutes). */
  seriesWindowMs?: number;
  /** How long repeats are counted before the series count is patched (default 1000). */
  flushIntervalMs?: number;
  /** Events written in a burst per object before the spam filter drops (default 25). */
  spamBurst?: number;
  /** Time for one spam-filter token to come back (default 5 minutes). */
  spamRefillIntervalMs?: number;
  /** Recent Events remembered for aggregation (default 4096). */
  maxCachedEvents?: number;
  /** Current time in ms; tests pass a fake clock. */
  clock?: () => number;
}
