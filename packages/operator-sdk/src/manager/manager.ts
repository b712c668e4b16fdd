import { hostname } from 'node:os';
import { SharedCache } from '../cache/shared-cache.js';
import { KubeClient } from '../client/kube-client.js';
import { shareHttpAgent } from '../client/shared-agent.js';
import { ControllerBuilder } from '../controller/controller-builder.js';
import type { ControllerDefinition } from '../controller/controller-definition.js';
import { readControllerOptions } from '../controller/controller.decorator.js';
import { assertFinalizerSettings } from '../controller/finalizer-name.js';
import { ControllerRunner } from '../controller/internal/controller-runner.js';
import { describeError, OperatorSdkError } from '../errors/operator-sdk.error.js';
import { EventRecorder } from '../events/event-recorder.js';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';
import { LeanKubeConfig } from '../kubeconfig/lean-kube-config.js';
import type { HealthCheck } from '../health/health-check.js';
import { HealthServer } from '../health/health-server.js';
import { LeaderElector } from '../leader-election/leader-elector.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { OperatorMetrics } from '../metrics/operator-metrics.js';
import { WorkQueue } from '../queue/work-queue.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Tokens } from '../tokens.js';
import { startManagerWebhooks } from '../webhook/internal/manager-webhooks.js';
import { WebhookServer } from '../webhook/webhook-server.js';
import { ContainerServices, ranByAnotherManager } from './internal/container-services.js';
import { defaultWatchDisconnectThresholdMs, informersCheck } from './internal/informers-check.js';
import type { ManagerOptions } from './manager-options.js';
import { Tracing, tracingWanted } from '../tracing/tracing.js';

type ManagerState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * Runs a set of controllers against one cluster: it binds the SDK's services into your container,
 * discovers the classes bound to `Tokens.Controller`, shares one cache and client among them, serves
 * `/metrics`, `/healthz` and `/readyz`, and, with leader election, runs controllers only on the leader.
 * Its own requests (Events, the Lease) go through its client too, so `rest_client_*` counts them.
 *
 * Lifecycle: `create` → `start` (resolves once caches have synced and controllers run, or once this
 * replica is a standby) → `stop` (drains in-flight reconciles within `shutdownTimeoutMs`, then releases the
 * lease). `runUntilSignal` does start, waits for SIGTERM/SIGINT, and stops. Losing leadership stops the
 * manager and rejects `done`: exit the process then, as controller-runtime does.
 *
 * A container outlives its managers: `stop` unbinds the services this manager bound (never the ones you
 * bound), so a new manager created over the same container afterwards binds its own.
 */
export class Manager {
  readonly client: KubeClient;
  readonly cache: SharedCache;
  readonly metrics: OperatorMetrics;
  readonly events: EventRecorder;
  readonly logger: Logger;
  /**
   * The `kubeConfig` option, or the `LeanKubeConfig` loaded by default. For client-node's generated APIs,
   * `toClientNodeKubeConfig(manager.kubeConfig)` gives a client-node `KubeConfig` with the same contexts.
   */
  readonly kubeConfig: KubeConfigLike;
  /**
   * The admission webhook server, when `webhookServer` options were given: it serves the classes bound to
   * `Tokens.Webhook` (and what you `register` on it), starts before the caches and is on `/readyz` as `webhook`.
   */
  readonly webhooks?: WebhookServer;
  /**
   * Where the manager's spans go (reconciles, API requests, webhook calls): enabled in `start()` when the
   * `tracing` option or the environment asks for it.
   */
  readonly tracing = new Tracing();
  /** Settles when the manager has stopped: resolves on `stop`, rejects when leadership was lost. */
  readonly done: Promise<void>;

  private readonly runners: ControllerRunner[] = [];
  private readonly added: { definition: ControllerDefinition; reconciler: Reconciler }[] = [];
  private readonly health?: HealthServer;
  private readonly services: ContainerServices;
  private readonly tracingWanted: boolean;
  private elector?: LeaderElector;
  private electorRun?: Promise<unknown>;
  private state: ManagerState = 'new';
  private controllersStarted = false;
  private settle!: { resolve: () => void; reject: (err: Error) => void };

  private constructor(private readonly options: ManagerOptions) {
    const name = options.name ?? 'operator';
    this.tracingWanted = tracingWanted(options.tracing);
    this.logger = (options.logger ?? createLogger()).child({ manager: name });
    this.kubeConfig = shareHttpAgent(options.kubeConfig ?? loadDefaultKubeConfig());
    this.metrics = options.metrics ?? new OperatorMetrics();
    this.client = new KubeClient(this.kubeConfig, {
      fieldManager: name,
      metrics: this.metrics,
      logger: this.logger,
      tracing: this.tracing,
    });
    this.cache = new SharedCache({
      client: this.client,
      logger: this.logger,
      namespaces: options.cache?.namespaces,
      byKind: options.cache?.byKind,
      transform: options.cache?.transform,
    });
    this.events = new EventRecorder({
      client: this.client,
      reportingController: name,
      logger: this.logger,
    });
    if (options.probePort !== false) {
      this.health = new HealthServer({
        port: options.probePort ?? 8081,
        host: options.probeHost,
        registry: this.metrics.registry,
        logger: this.logger,
      });
      this.health.addReadinessCheck(
        'informers',
        informersCheck(this.cache, options.watchDisconnectThresholdMs ?? defaultWatchDisconnectThresholdMs),
      );
    }
    if (options.webhookServer) {
      this.webhooks = new WebhookServer({
        logger: this.logger,
        ...options.webhookServer,
        registry: this.metrics.registry,
        tracing: this.tracing,
      });
      this.health?.addReadinessCheck('webhook', this.webhooks.readinessCheck);
    }
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined);
    this.services = ContainerServices.bind(options.container, this);
  }

  /**
   * Creates a manager and binds `Tokens.KubeClient`, `SharedCache`, `Logger`, ... into the container, each
   * unless already bound; {@link stop} unbinds them again.
   */
  static create(options: ManagerOptions): Manager {
    return new Manager(options);
  }

  /**
   * Adds a liveness check to `/healthz` (a check passes by returning, fails by throwing). Only check what
   * a restart fixes. No effect when the probe server is disabled.
   */
  addHealthCheck(name: string, check: HealthCheck): this {
    this.health?.addHealthCheck(name, check);
    return this;
  }

  /** Adds a readiness check to `/readyz`, e.g. "configuration loaded". No effect without a probe server. */
  addReadinessCheck(name: string, check: HealthCheck): this {
    this.health?.addReadinessCheck(name, check);
    return this;
  }

  /** The address of the probe server once started (useful with `probePort: 0`). */
  get probeAddress(): { host: string; port: number } | undefined {
    return this.health?.address;
  }

  /** Whether controllers are running on this replica (always true without leader election, once started). */
  get isLeader(): boolean {
    return this.controllersStarted;
  }

  /**
   * Adds a controller defined without decorators (`ControllerBuilder...build()`), e.g. one whose owned
   * kinds are only known at run time. Call before {@link start}.
   * @throws OperatorSdkError `Configuration` once the manager has started.
   */
  add(definition: ControllerDefinition, reconciler: Reconciler): this {
    if (this.state !== 'new') {
      throw new OperatorSdkError(
        'Configuration',
        `failed to add controller ${definition.name}: the manager has started`,
      );
    }
    this.added.push({ definition, reconciler });
    return this;
  }

  /**
   * Discovers and starts the controllers.
   * @throws OperatorSdkError `Configuration` when a bound controller lacks `@Controller` or `reconcile`;
   *   `Timeout` when the caches do not sync within `cacheSyncTimeoutMs`.
   */
  async start(): Promise<void> {
    if (this.state !== 'new')
      throw new OperatorSdkError('Configuration', `manager cannot start: it is ${this.state}`);
    if (this.tracingWanted) await this.tracing.enable();
    this.state = 'starting';
    const names = new Map<string, string>();
    const discovered = this.discoverControllers().map((reconciler) => ({
      reconciler,
      definition: ControllerBuilder.fromOptions(readControllerOptions(reconciler.constructor)!).build(),
    }));
    for (const { reconciler, definition } of [...discovered, ...this.added]) {
      const taken = names.get(definition.name);
      if (taken !== undefined) {
        throw new OperatorSdkError(
          'Configuration',
          `failed to start controller ${reconciler.constructor.name}: controller ${taken} is named "${definition.name}" too; give one of them another name with @Controller({ name: ... })`,
        );
      }
      names.set(definition.name, reconciler.constructor.name);
      assertFinalizerSettings(definition, typeof reconciler.finalize === 'function');
      const queue = new WorkQueue({
        name: definition.name,
        metrics: this.metrics.workQueueMetrics(definition.name),
      });
      const runner = new ControllerRunner(definition, reconciler, {
        cache: this.cache,
        client: this.client,
        metrics: this.metrics,
        events: this.events,
        logger: this.logger,
        queue,
        tracing: this.tracing,
      });
      runner.watch();
      this.runners.push(runner);
    }
    await startManagerWebhooks(this.webhooks, this.options.container, this.logger);
    await this.health?.start();
    this.cache.start();
    await this.cache.waitForSync(this.options.cacheSyncTimeoutMs ?? 120_000);
    // stop() may have been called while the caches synced: then nothing may start any more.
    if (this.stopRequested()) return;
    this.logger.info('caches synced', { controllers: this.runners.map((r) => r.definition.name) });
    this.state = 'running';
    if (this.options.leaderElection) {
      this.startLeaderElection(this.options.leaderElection);
    } else {
      this.startControllers();
    }
  }

  /**
   * Stops controllers (draining in-flight reconciles), the lease, the cache and the probe server, then
   * unbinds the services it bound into the container. Idempotent.
   */
  async stop(): Promise<void> {
    return this.shutdown();
  }

  /** Stops everything once; settles `done` with `failure` (leadership lost) or successfully. */
  private async shutdown(failure?: Error): Promise<void> {
    if (this.stopRequested()) return this.done.catch(() => undefined);
    this.state = 'stopping';
    this.logger.info('stopping manager');
    if (this.elector) {
      await this.elector.stop();
      await this.electorRun;
    } else {
      await this.stopControllers();
    }
    await this.events.stop();
    await this.cache.stop();
    await this.webhooks?.stop();
    await this.health?.stop();
    try {
      await this.services.unbind();
    } catch (err) {
      // A deactivation hook of the user's failed: the manager is stopped all the same.
      this.logger.warn('failed to unbind services from the container', { err: describeError(err) });
    }
    this.state = 'stopped';
    this.logger.info('manager stopped');
    if (failure) this.settle.reject(failure);
    else this.settle.resolve();
  }

  private stopRequested(): boolean {
    return this.state === 'stopping' || this.state === 'stopped';
  }

  /** Starts, then stops on the first of `signals`; resolves when stopped. */
  async runUntilSignal(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): Promise<void> {
    const onSignal = (signal: NodeJS.Signals) => {
      this.logger.info('received signal; shutting down', { signal });
      void this.stop();
    };
    for (const signal of signals) process.once(signal, onSignal);
    try {
      await this.start();
      await this.done;
    } finally {
      for (const signal of signals) process.off(signal, onSignal);
    }
  }

  private discoverControllers(): Reconciler[] {
    const container = this.options.container;
    let found: Reconciler[] = [];
    try {
      if (container.isBound(Tokens.Controller)) found = container.getAll<Reconciler>(Tokens.Controller);
    } catch (err) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to create the controllers bound to Tokens.Controller: ${describeError(err)}; bind every constructor dependency in the container`,
        { cause: err },
      );
    }
    if (found.length === 0) {
      this.logger.warn(
        'no controllers bound; bind them with container.bind(Tokens.Controller).to(MyController)',
      );
    }
    for (const reconciler of found) {
      const className = reconciler.constructor.name;
      if (ranByAnotherManager(reconciler, this)) {
        this.logger.warn(
          'controller instance already ran under an earlier manager: services injected into it may be stopped; bind it in transient scope',
          { controller: className },
        );
      }
      if (!readControllerOptions(reconciler.constructor)) {
        throw new OperatorSdkError(
          'Configuration',
          `failed to start controller ${className}: the class has no @Controller decorator; add @Controller({ for: ... })`,
        );
      }
      if (typeof reconciler.reconcile !== 'function') {
        throw new OperatorSdkError(
          'Configuration',
          `failed to start controller ${className}: it has no reconcile(obj, ctx) method; implement Reconciler`,
        );
      }
    }
    return found;
  }

  private startControllers(): void {
    if (this.controllersStarted) return;
    this.controllersStarted = true;
    for (const runner of this.runners) runner.start();
  }

  private async stopControllers(): Promise<void> {
    if (!this.controllersStarted) return;
    const timeout = this.options.shutdownTimeoutMs ?? 30_000;
    await Promise.all(this.runners.map((runner) => runner.stop(timeout)));
    this.controllersStarted = false;
  }

  private startLeaderElection(options: Exclude<ManagerOptions['leaderElection'], false | undefined>): void {
    const name = options.name ?? `${this.options.name ?? 'operator'}-leader`;
    this.elector = new LeaderElector({
      client: this.client,
      namespace: options.namespace,
      name,
      identity: options.identity ?? `${hostname()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
      leaseDurationMs: options.leaseDurationMs,
      renewDeadlineMs: options.renewDeadlineMs,
      retryPeriodMs: options.retryPeriodMs,
      logger: this.logger,
      metrics: this.metrics,
      onStartedLeading: () => this.startControllers(),
      onStoppedLeading: () => this.stopControllers(),
    });
    this.electorRun = this.elector.run().then((outcome) => {
      if (outcome === 'lost' && this.state === 'running') {
        this.logger.error('leadership lost; stopping the manager');
        const lease = `${options.namespace}/${name}`;
        void this.shutdown(
          new OperatorSdkError(
            'Api',
            `leader election lost: failed to renew lease ${lease}; exit the process`,
          ),
        );
      }
    });
  }
}

function loadDefaultKubeConfig(): LeanKubeConfig {
  const kubeConfig = new LeanKubeConfig();
  try {
    kubeConfig.loadFromDefault();
  } catch (err) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to load a kubeconfig: ${describeError(err)}; set KUBECONFIG or run in a cluster`,
      { cause: err },
    );
  }
  return kubeConfig;
}
