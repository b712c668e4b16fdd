import type { Container } from 'inversify';
import type { CacheKindFilter } from '../cache/shared-cache.js';
import type { CacheTransform } from '../cache/cache-transform.js';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';
import type { Logger } from '../logging/logger.js';
import type { OperatorMetrics } from '../metrics/operator-metrics.js';
import type { WebhookServerOptions } from '../webhook/webhook-server-options.js';

/** Leader election settings of a {@link Manager}; durations default to client-go's 15 s / 10 s / 2 s. */
export interface ManagerLeaderElectionOptions {
  /** Namespace of the Lease (usually the operator's own namespace). */
  readonly namespace: string;
  /** Lease name; defaults to `<manager name>-leader`. */
  readonly name?: string;
  readonly identity?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
}

/** Options of {@link Manager.create}. */
export interface ManagerOptions {
  /** The container holding your controllers (bound to `Tokens.Controller`) and their dependencies. */
  readonly container: Container;
  /**
   * Where to connect: a client-node `KubeConfig` (or a `LeanKubeConfig`). Default: what
   * `KubeConfig.loadFromDefault()` would load (`KUBECONFIG`, `~/.kube/config`, the in-cluster ServiceAccount),
   * loaded by the SDK's `LeanKubeConfig` so that client-node's generated client is never imported.
   */
  readonly kubeConfig?: KubeConfigLike;
  /**
   * The operator's name: the server-side-apply field manager, the events' reporting controller
   * (`<name>`, qualified as given) and the default Lease name. Default `operator`.
   */
  readonly name?: string;
  readonly logger?: Logger;
  readonly metrics?: OperatorMetrics;
  /** Run controllers only while holding a Lease. Off by default (one replica). */
  readonly leaderElection?: ManagerLeaderElectionOptions | false;
  /** Serve `/metrics`, `/healthz`, `/readyz` on this port (0 = any free port; false = not at all). */
  readonly probePort?: number | false;
  /** Host the probe server binds (default `0.0.0.0`). */
  readonly probeHost?: string;
  /** How long in-flight reconciles may finish after a stop before they are aborted (default 30 s). */
  readonly shutdownTimeoutMs?: number;
  /** How long to wait for caches to sync before giving up on start (default 120 s). */
  readonly cacheSyncTimeoutMs?: number;
  /**
   * `/readyz` (check `informers`) fails while any informer has had no working connection to the API server
   * for this long, saying which kinds and for how long (default 60 s; `false`: never). Keep it well above
   * the informers' longest reconnect pause (30 s), so a short API server restart does not flip readiness.
   */
  readonly watchDisconnectThresholdMs?: number | false;
  /**
   * Run an admission webhook server (HTTPS, its own port, default 9443) serving the classes bound to
   * `Tokens.Webhook`. Off by default. Its metrics go to the manager's registry; `registry` is ignored here.
   */
  readonly webhookServer?: WebhookServerOptions;
  /**
   * OpenTelemetry spans: one per reconcile (kind, namespace, name, result), a child per API request (verb,
   * kind, status) and one per webhook call (continuing the API server's trace). Off by default; `undefined`
   * leaves it to the standard environment, read once here: on when `OTEL_TRACES_EXPORTER` names an exporter
   * other than `none`, unless `OTEL_SDK_DISABLED=true`. Spans go to the global tracer provider; needs
   * `@opentelemetry/api` installed.
   */
  readonly tracing?: boolean;
  /** What the shared cache lists and watches (default: every namespace, every object of a watched kind). */
  readonly cache?: ManagerCacheOptions;
}

/**
 * Scopes the manager's shared cache, as controller-runtime's `cache.Options`: the least the operator must
 * read is the most an attacker who takes it over can read through its cache, and what it holds in memory.
 */
export interface ManagerCacheOptions {
  /**
   * List and watch namespaced kinds in these namespaces only (one informer per namespace and kind); every
   * controller without its own `namespaces` watches them. Pair it with Roles in these namespaces instead
   * of ClusterRoles. Absent or empty: all namespaces.
   */
  readonly namespaces?: readonly string[];
  /**
   * Server-side label / field selectors per kind, e.g. only the Secrets the operator labelled, and a
   * transform per kind that keeps only the fields the operator reads.
   */
  readonly byKind?: readonly CacheKindFilter[];
  /** Reshapes every cached object (see `SharedCacheOptions.transform`; default: drops the last-applied annotation). */
  readonly transform?: CacheTransform | null;
}
