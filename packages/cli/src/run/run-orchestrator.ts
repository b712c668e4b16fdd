// What `score-orchestrator run` does once its flags are parsed: load the kubeconfig and the platform config,
// import the plugins, and run the orchestrator's manager until the signal. Loaded by the command on demand.
import {
  ConfigMapConfigSource,
  createOrchestrator,
  FileConfigSource,
  loadPlugins,
  OrchestratorError,
  parsePlatformConfig,
  type PlatformConfigSource,
} from '@score-orchestrator/orchestrator';
import {
  createLogger,
  KubeClient,
  LeanKubeConfig,
  type KubeConfigLike,
  type Logger,
} from '@score-orchestrator/operator-sdk';
import { resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import type { ConfigLocation, RunOptions } from '../commands/run.command.js';
import { CliError, describeCause, ExitCode } from '../errors/cli.error.js';
import { ClusterReadiness, describeProblem } from './cluster-readiness.js';
import { takeFirstReading } from './first-reading.js';

/**
 * Runs the orchestrator with `options` until `context.signal` aborts or the manager stops.
 * @throws CliError `Failure` naming what failed, with the cluster's problem and its fix when there is one.
 */
export async function runOrchestrator(options: RunOptions, context: CliContext): Promise<number> {
  const logger = createLogger({
    level: options.logLevel,
    defaultMeta: { component: 'score-orchestrator' },
  });
  const kubeConfig = loadKubeConfig(options.kubeconfig, context.cwd);
  // No API server, refused credentials or missing CRDs: said at error level with the fix, and on /readyz.
  const cluster = new ClusterReadiness({ kubeConfig, logger });
  void cluster.start();
  try {
    const { first, source } = await takeFirstReading(
      configSource(options.config, kubeConfig, logger, context.cwd),
    );
    if ('error' in first) throw first.error;
    const plugins = await loadPlugins(parsePlatformConfig(first.text).plugins);
    logger.info('loaded plugins', { plugins: plugins.map((p) => p.packageName) });
    const manager = await createOrchestrator({
      kubeConfig,
      configSource: source,
      plugins: plugins.map((p) => p.module),
      logger,
      probePort: options.probePort,
      probeHost: options.probeHost,
      leaderElection: options.leaderElection ?? false,
      watchNamespaces: options.watchNamespaces,
      watchDisconnectThresholdMs: options.watchDisconnectThresholdMs,
      ...(options.concurrency?.workload ? { workload: { concurrency: options.concurrency.workload } } : {}),
      resolverHost: { concurrency: options.concurrency?.resolver },
      runtimeHost: { concurrency: options.concurrency?.runtime },
    });
    manager.addReadinessCheck('api-server', cluster.apiServerCheck);
    manager.addReadinessCheck('score-crds', cluster.crdsCheck);
    const stop = (): void => void manager.stop();
    context.signal?.addEventListener('abort', stop, { once: true });
    try {
      await manager.start();
      await manager.done;
    } finally {
      context.signal?.removeEventListener('abort', stop);
    }
  } catch (err) {
    const problem = cluster.current;
    const why =
      problem === undefined ? '' : ` (${describeProblem(problem).message}: ${describeProblem(problem).fix})`;
    if (OrchestratorError.is(err))
      throw new CliError('Failure', `failed to run the orchestrator: ${err.message}${why}`, { cause: err });
    throw new CliError('Failure', `failed to run the orchestrator: ${describeCause(err)}${why}`, {
      cause: err,
    });
  } finally {
    cluster.stop();
  }
  return ExitCode.Ok;
}

/**
 * The kubeconfig from `--kubeconfig`, else as client-node's `KubeConfig.loadFromDefault` finds it (`KUBECONFIG`,
 * `~/.kube/config`, in-cluster), loaded without client-node's generated client.
 */
export function loadKubeConfig(path: string | undefined, cwd: string): LeanKubeConfig {
  const kubeConfig = new LeanKubeConfig();
  try {
    if (path !== undefined) kubeConfig.loadFromFile(resolve(cwd, path));
    else kubeConfig.loadFromDefault();
  } catch (err) {
    throw new CliError(
      'Failure',
      `failed to load kubeconfig ${path ?? ''}: ${describeCause(err)}`.replace('  ', ' '),
      {
        cause: err,
      },
    );
  }
  return kubeConfig;
}

function configSource(
  location: ConfigLocation,
  kubeConfig: KubeConfigLike,
  logger: Logger,
  cwd: string,
): PlatformConfigSource {
  if (location.kind === 'file') return new FileConfigSource({ path: resolve(cwd, location.path), logger });
  const client = new KubeClient(kubeConfig, { fieldManager: 'score-orchestrator', logger });
  return new ConfigMapConfigSource({
    client,
    namespace: location.namespace,
    name: location.name,
    key: location.key,
    logger,
  });
}
