import type { Container } from 'inversify';
import { Tokens, type Reconciler } from '@score-orchestrator/operator-sdk';

/**
 * Objects a plugin host reconciles at once unless told otherwise. Plugins wait on the API server (and on
 * what they provision) far more than they compute, so many at once keep a rollout or a restart over many
 * objects short; each object still has one reconcile at a time. 32 with the Workload controller at 32
 * rolled 200 Workloads out 2.3-2.8x faster than 8 (docs/benchmarks.md#concurrency-8-16-and-32-workers).
 */
export const DEFAULT_PLUGIN_HOST_CONCURRENCY = 32;

/** Settings shared by the resolver host and the runtime host. */
export interface PluginHostOptions {
  /** Controller name in metrics and logs (default `resolver-host` / `runtime-host`). */
  readonly name?: string;
  /** Finalizer added to objects whose plugin needs a clean-up (default `score.dev/resolver-host` / `score.dev/runtime-host`). */
  readonly finalizer?: string;
  /** Objects reconciled at once (default {@link DEFAULT_PLUGIN_HOST_CONCURRENCY}); never two of one object. */
  readonly concurrency?: number;
  /** Watch only these namespaces (default all). */
  readonly namespaces?: readonly string[];
  /**
   * What to do with an object no plugin of this host serves. `report` (default, one host with every
   * plugin, as the orchestrator runs them): write phase `Pending` with reason `ResolverNotFound` /
   * `RuntimeNotFound`. `ignore` (several hosts side by side, one per plugin operator): leave it, and any
   * object whose status names a plugin of another host, untouched.
   */
  readonly unmatched?: 'report' | 'ignore';
  /**
   * Runtime host only: how long a plan status change that only reports progress (the runtime still
   * `Progressing` with the same reason, a new message; or a plan's first status while it rolls out) waits
   * for a transition to carry it in the same write, as `workload.progressStatusDelayMs` does for
   * Workloads. Ready, failures and new generations are written at once. 0 writes every change at once.
   * Default 10 seconds. See `ProgressHoldBack`.
   */
  readonly progressStatusDelayMs?: number;
}

/**
 * A running unit of the plugin hosts: the controllers to hand to a `Manager` (one: it reconciles live
 * objects and finalizes deleting ones, adding its finalizer only to objects whose plugin has a clean-up).
 */
export interface PluginHost {
  /** The controller instances; bind each to `Tokens.Controller` (or call {@link PluginHost.bind}). */
  readonly controllers: readonly Reconciler[];
  /** The names of the plugins it dispatches to (resolver names or runtime classes). */
  readonly plugins: readonly string[];
  /** Binds every controller to `Tokens.Controller` in `container`. */
  bind(container: Container): void;
}

/** A {@link PluginHost} over `controllers`. */
export function pluginHost(controllers: readonly Reconciler[], plugins: readonly string[]): PluginHost {
  return {
    controllers,
    plugins,
    bind(container) {
      for (const controller of controllers) container.bind(Tokens.Controller).toConstantValue(controller);
    },
  };
}
