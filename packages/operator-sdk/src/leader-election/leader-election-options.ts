import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeClient } from '../client/kube-client.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';
import type { Logger } from '../logging/logger.js';
import type { LeaderElectionMetrics } from './leader-election-metrics.js';

/**
 * Options for {@link LeaderElector}. Give `client` or `kubeConfig`. Durations are in milliseconds; defaults
 * match client-go.
 */
export interface LeaderElectorOptions {
  /**
   * The client the Lease requests go through, e.g. the manager's: its `metrics` count and time them in
   * `rest_client_*`. Each request is bounded by the renew deadline as well as by the client's
   * `requestTimeoutMs`. Takes precedence over `kubeConfig`.
   */
  client?: KubeClient;
  /** Where to connect when no `client` is given: the elector builds a client over it that counts nothing. */
  kubeConfig?: KubeConfigLike;
  /** Namespace of the `coordination.k8s.io/v1` Lease. */
  namespace: string;
  /** Name of the Lease; every candidate for the same leadership uses the same name. */
  name: string;
  /** This candidate's identity; must be unique among candidates. Default: hostname + random suffix. */
  identity?: string;
  /** How long a lease stays valid after its holder last renewed it, as others observe it (default 15000). */
  leaseDurationMs?: number;
  /** How long the leader keeps retrying a failing renewal before it gives up leadership (default 10000). */
  renewDeadlineMs?: number;
  /** Pause between acquire attempts (jittered) and between renewals (default 2000). */
  retryPeriodMs?: number;
  /**
   * On a graceful stop, hand the lease back (empty holder, 1 s duration) so a successor takes over at once
   * instead of after `leaseDurationMs` (default true). Released only after `onStartedLeading`'s work and
   * `onStoppedLeading` have finished (the wait is bounded by the lease itself, which expires anyway).
   */
  releaseOnCancel?: boolean;
  logger?: Logger;
  /** Where to report `leader_election_master_status{name}`; anything holding a prom-client `registry`. */
  metrics?: LeaderElectionMetrics;
  /**
   * Called once leadership is acquired. `signal` aborts when leadership ends for any reason; work guarded
   * by the lease must stop then. A returned promise is awaited (bounded by the lease) before the lease is
   * released on a graceful stop.
   */
  onStartedLeading: (signal: AbortSignal) => void | Promise<void>;
  /**
   * Called once when leadership ends (lost or stopped), never if it was never held. After a loss the
   * caller must stop everything guarded by the lease: another candidate may already lead.
   */
  onStoppedLeading: () => void | Promise<void>;
  /** Called when the observed holder changes, including to this candidate. */
  onNewLeader?: (identity: string) => void;
}

/** {@link LeaderElectorOptions} with defaults applied and checked. */
export type ResolvedLeaderElectorOptions = Required<Omit<LeaderElectorOptions, OptionalOptions>> &
  Pick<LeaderElectorOptions, OptionalOptions>;

type OptionalOptions = 'client' | 'kubeConfig' | 'logger' | 'metrics' | 'onNewLeader';

// client-go's JitterFactor: the acquire loop waits retryPeriod * (1 + rand * 1.2).
export const ACQUIRE_JITTER_FACTOR = 1.2;

/** Applies defaults and enforces client-go's ordering leaseDuration > renewDeadline > 1.2 * retryPeriod. */
export function resolveLeaderElectorOptions(options: LeaderElectorOptions): ResolvedLeaderElectorOptions {
  const resolved: ResolvedLeaderElectorOptions = {
    ...options,
    identity: options.identity ?? defaultIdentity(),
    leaseDurationMs: options.leaseDurationMs ?? 15_000,
    renewDeadlineMs: options.renewDeadlineMs ?? 10_000,
    retryPeriodMs: options.retryPeriodMs ?? 2_000,
    releaseOnCancel: options.releaseOnCancel ?? true,
  };
  const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = resolved;
  if (!resolved.namespace || !resolved.name) {
    throw configError('lease namespace and name are required: set options.namespace and options.name');
  }
  if (!resolved.identity) throw configError('identity must not be empty: omit it to get hostname + suffix');
  if (!(retryPeriodMs > 0 && renewDeadlineMs > 0 && leaseDurationMs > 0)) {
    throw configError('durations must be positive');
  }
  if (leaseDurationMs <= renewDeadlineMs) {
    throw configError('leaseDurationMs must be greater than renewDeadlineMs: raise leaseDurationMs');
  }
  if (renewDeadlineMs <= ACQUIRE_JITTER_FACTOR * retryPeriodMs) {
    throw configError('renewDeadlineMs must be greater than 1.2 * retryPeriodMs: lower retryPeriodMs');
  }
  return resolved;
}

/** `hostname_<8 hex>`: unique per process even when two candidates share a host. */
export function defaultIdentity(): string {
  return `${hostname()}_${randomBytes(4).toString('hex')}`;
}

function configError(message: string): OperatorSdkError {
  return new OperatorSdkError('Configuration', `invalid leader election options: ${message}`);
}
