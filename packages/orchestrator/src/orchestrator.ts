// The composition root: one call wires the platform config, org policy, plugins and the Workload controller
// into an SDK Manager. Configuration is read here, once, at start-up, and injected everywhere else.
import { bindPluginModule, managedObjectFilters, type PluginModule } from '@score-orchestrator/api';
import {
  createResolverHost,
  createRuntimeHost,
  type PluginHostOptions,
} from '@score-orchestrator/plugin-host';
import {
  ControllerBuilder,
  Manager,
  readControllerOptions,
  type KubeConfigLike,
  type Logger,
  type ManagerLeaderElectionOptions,
} from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { OrchestratorError } from './errors/orchestrator.error.js';
import { reportWorkloadConditions } from './metrics/workload-conditions-metric.js';
import type { PlatformConfig } from './platform-config/platform-config.js';
import type { PlatformConfigSource } from './platform-config/platform-config-source.js';
import { reportConfigReloads } from './platform-config/config-reload-reporter.js';
import { PlatformConfigStore } from './platform-config/platform-config-store.js';
import { OrchestratorTokens, WorkloadTokens } from './tokens.js';
import { namespaceLabelsWatch } from './workload/namespace-labels.js';
import { requeueAllWorkloads } from './workload/requeue-all-workloads.js';
import type { WorkloadControllerOptions } from './workload/workload-controller-options.js';
import { WorkloadController } from './workload/workload.controller.js';

/** Options of {@link createOrchestrator}. Give `configSource` (watched) or `config` (fixed). */
export interface OrchestratorOptions {
  /** Where to connect; the in-cluster config or `KUBECONFIG` by default. */
  readonly kubeConfig?: KubeConfigLike;
  /** Where the platform config is read and watched (a `FileConfigSource`, a `ConfigMapConfigSource`). */
  readonly configSource?: PlatformConfigSource;
  /** A fixed platform config: a parsed one, or its YAML/JSON text. */
  readonly config?: PlatformConfig | string;
  /**
   * The plugin modules whose resolvers and runtimes to bind (to `ScoreTokens.Resolver` / `Runtime`), or a
   * container already holding them, and any other controllers to run next to the Workload controller.
   */
  readonly plugins: readonly PluginModule[] | Container;
  readonly logger?: Logger;
  /** `/metrics`, `/healthz`, `/readyz` port (0 = any, false = none); 8081 by default. */
  readonly probePort?: number | false;
  /** Host the probe server binds (default every interface, `0.0.0.0`). */
  readonly probeHost?: string;
  readonly leaderElection?: ManagerLeaderElectionOptions | false;
  /** Settings of the Workload controller (concurrency, deletion timeout). */
  readonly workload?: WorkloadControllerOptions;
  /** Settings of the resolver host (e.g. `concurrency`, default 32); ignored with `hosts: false`. */
  readonly resolverHost?: PluginHostOptions;
  /** Settings of the runtime host (e.g. `concurrency`, default 32); ignored with `hosts: false`. */
  readonly runtimeHost?: PluginHostOptions;
  /**
   * Run the resolver host and runtime host over the bound plugins (default true). Turn off when the
   * container already runs other controllers for claims and plans (e.g. test fixtures, plugin operators).
   */
  readonly hosts?: boolean;
  /** The manager's name: field manager, event reporter, lease name. Default `score-orchestrator`. */
  readonly name?: string;
  /** `/readyz` fails once watches stay disconnected this long (default 60 s; see the SDK's `ManagerOptions`). */
  readonly watchDisconnectThresholdMs?: number | false;
  /**
   * Reconcile Workloads (and cache every namespaced kind) in these namespaces only: the caches list and
   * watch nothing else, so the orchestrator runs with Roles in these namespaces instead of ClusterRoles
   * (`run --watch-namespaces`, Helm `watchNamespaces`). Absent or empty: every namespace.
   */
  readonly watchNamespaces?: readonly string[];
  /**
   * The `app.kubernetes.io/managed-by` values whose Secrets, ConfigMaps and Pods the caches hold (default
   * `DEFAULT_MANAGED_BY_VALUES`: the orchestrator's and the dev resolvers'). Every other object of those
   * kinds never enters memory; add the value a third-party plugin labels its objects with.
   */
  readonly managedBy?: readonly string[];
}

/**
 * Builds the orchestrator: loads the platform config (failing fast when it is missing or invalid), binds it,
 * org policy and the plugins into the container, and returns a `Manager` running the `WorkloadController`
 * and every other controller bound to `Tokens.Controller` (the resolver and runtime hosts). Call `start()` /
 * `stop()` or `runUntilSignal()` on it; the config source stops with it. A config change re-enqueues every
 * Workload. Its metrics registry also gets `score_orchestrator_workloads` (see `reportWorkloadConditions`).
 *
 * @throws OrchestratorError `Configuration` without a config, or when it is invalid; `Source` when it
 *   cannot be read.
 */
export async function createOrchestrator(options: OrchestratorOptions): Promise<Manager> {
  const container = options.plugins instanceof Container ? options.plugins : bindPlugins(options.plugins);
  const source = options.configSource ?? fixedConfigSource(options.config);
  const store = new PlatformConfigStore({ source, logger: options.logger });
  const manager = Manager.create({
    container,
    kubeConfig: options.kubeConfig,
    name: options.name ?? 'score-orchestrator',
    logger: options.logger,
    probePort: options.probePort,
    probeHost: options.probeHost,
    leaderElection: options.leaderElection,
    watchDisconnectThresholdMs: options.watchDisconnectThresholdMs,
    cache: { namespaces: options.watchNamespaces, byKind: managedObjectFilters(options.managedBy) },
  });
  // Attached before the first load, so the start-up load is counted, logged and evented too.
  const stopReporting = reportConfigReloads(store, {
    logger: manager.logger,
    registry: manager.metrics.registry,
    events: { recorder: manager.events },
  });
  try {
    await store.start();
  } catch (err) {
    stopReporting();
    await manager.events.stop();
    throw err;
  }
  const constant = (token: symbol, value: unknown) => {
    if (!container.isBound(token)) container.bind(token).toConstantValue(value);
  };
  constant(OrchestratorTokens.PlatformConfigSource, source);
  constant(OrchestratorTokens.PlatformConfigStore, store);
  constant(OrchestratorTokens.PolicyEngine, store.policies);
  constant(WorkloadTokens.WorkloadControllerOptions, options.workload ?? {});
  // Cluster-wide, Namespace labels (resolver rules' namespaceSelector) come from an informer whose label
  // changes re-enqueue the namespace's Workloads; limited to watchNamespaces, by name (see NamespaceLabelSource).
  const clusterWide = manager.cache.namespaces === undefined;
  constant(WorkloadTokens.NamespaceLabelSource, clusterWide ? 'cache' : 'api');
  container.bind(WorkloadController).toSelf().inSingletonScope();
  const decorated = readControllerOptions(WorkloadController)!;
  const concurrency = options.workload?.concurrency ?? decorated.concurrency;
  const watches = [
    ...(decorated.watches ?? []),
    ...(clusterWide ? [namespaceLabelsWatch(manager.cache, () => store.current)] : []),
  ];
  manager.add(
    ControllerBuilder.fromOptions({ ...decorated, concurrency, watches }).build(),
    container.get(WorkloadController),
  );
  const stopWorkloadMetric = reportWorkloadConditions(manager.cache, manager.metrics.registry);
  manager.addReadinessCheck('platform-config', () => {
    if (!store.current) throw new Error('no platform config loaded');
  });
  if (options.hosts !== false) {
    // After Manager.create: plugins may inject the SDK's services it binds.
    createResolverHost(container, options.resolverHost).bind(container);
    createRuntimeHost(container, options.runtimeHost).bind(container);
  }
  const unsubscribe = store.subscribe(() => {
    const count = requeueAllWorkloads(manager.cache);
    manager.logger.info('platform config changed; re-enqueued workloads', { workloads: count });
  });
  void manager.done
    .catch(() => undefined)
    .finally(() => {
      unsubscribe();
      stopReporting();
      stopWorkloadMetric();
      return store.stop();
    });
  return manager;
}

/** A container with every plugin's classes bound, in plugin order (the order `matchResolver` breaks ties by). */
function bindPlugins(plugins: readonly PluginModule[]): Container {
  const container = new Container();
  for (const plugin of plugins) bindPluginModule(container, plugin);
  return container;
}

/** A source that delivers one fixed text and never changes. */
function fixedConfigSource(config: PlatformConfig | string | undefined): PlatformConfigSource {
  if (config === undefined) {
    throw new OrchestratorError(
      'Configuration',
      'failed to create the orchestrator: no platform config; pass configSource (e.g. a FileConfigSource) or config',
    );
  }
  const text = typeof config === 'string' ? config : JSON.stringify(config);
  return {
    description: 'inline platform config',
    start: async (onReading) => onReading({ text }),
    stop: async () => undefined,
  };
}
