import type { KubeConfig } from '@kubernetes/client-node';
import type { Container } from 'inversify';
import type { Logger } from '../logging/logger.js';
import type { OperatorMetrics } from '../metrics/operator-metrics.js';

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
  /** Where to connect; defaults to the in-cluster config or `KUBECONFIG` / `~/.kube/config`. */
  readonly kubeConfig?: KubeConfig;
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
}
