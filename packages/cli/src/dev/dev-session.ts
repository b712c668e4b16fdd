import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { WorkloadKind } from '@score-orchestrator/api';
import { createOrchestrator, loadPlugins, parsePlatformConfig } from '@score-orchestrator/orchestrator';
import {
  createLogger,
  KubeClient,
  renderCrdYaml,
  crdFileName,
  type Manager,
} from '@score-orchestrator/operator-sdk';
import type { CliContext } from '../cli-context.js';
import { scoreCrds } from '../crds/score-crds.js';
import { CliError, ExitCode } from '../errors/cli.error.js';
import { ConvergenceTracker, type Convergence } from './convergence.js';
import { LiveView } from './live-view.js';
import { isWorkload } from './prepare-manifests.js';
import { StepReporter } from './step-reporter.js';
import { loadTestKit } from './test-kit.js';
import { watchWorkloads } from './watch-workloads.js';
import { workloadVerdict } from './workload-progress.js';
import { renderProgressLine } from '../output/progress-view.js';

/** What a dev session runs with, decided by the `dev` command. */
export interface DevSessionOptions {
  /** Objects to apply once the orchestrator runs (Score files already converted). */
  readonly objects: readonly KubernetesObject[];
  /** Platform config text. */
  readonly config: string;
  readonly namespace: string;
  readonly exitOnReady: boolean;
  /** Real nodes (containerd, kubelet, locally built images) instead of kwok's fake ones. */
  readonly realNodes?: boolean;
  readonly timeoutMs: number;
  readonly logLevel: string;
  /** Copy the cluster's admin kubeconfig here too. */
  readonly writeKubeconfig?: string;
}

/**
 * A whole `dev` run: control-plane binaries, a LocalCluster with the Score CRDs, the orchestrator in-process
 * with its plugins, the objects applied, then Workload progress shown until every Workload is Ready (with
 * `exitOnReady`) or until the context's signal. Tears everything down before it returns.
 *
 * @returns the exit code: 0 when Ready (or stopped by a signal), 1 when a Workload failed or timed out.
 */
export async function runDevSession(options: DevSessionOptions, context: CliContext): Promise<number> {
  const env = context.env.variables as NodeJS.ProcessEnv;
  const { ensureControlPlaneAssets, ensureLocalImages, LocalCluster, realNodesUnavailable } =
    await loadTestKit();
  // Say what is missing before building anything: real nodes need root and a few Debian packages.
  const unavailable = options.realNodes === true ? realNodesUnavailable(env) : undefined;
  if (unavailable !== undefined) throw new CliError('Failure', `dev --real-nodes: ${unavailable}`);
  const steps = new StepReporter(context.stderr);
  const workDir = await mkdtemp(join(tmpdir(), 'score-orchestrator-dev-'));
  const logPath = join(workDir, 'orchestrator.log');
  const logStream = createWriteStream(logPath);
  const logger = createLogger({
    level: options.logLevel,
    stream: logStream,
    defaultMeta: { component: 'score-orchestrator' },
  });
  const cleanups: (() => Promise<unknown>)[] = [() => rm(workDir, { recursive: true, force: true })];
  const cleanup = async (): Promise<void> => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  };
  try {
    await steps.step('preparing the control-plane binaries', () =>
      ensureControlPlaneAssets({ env, progress: (line) => steps.detail(line) }),
    );
    if (options.realNodes === true) {
      // No registry: the nodes load the locally built images (pause, busybox, nginx, postgres, redis).
      await steps.step('preparing the real-node images', () =>
        ensureLocalImages({ env, progress: (line) => steps.detail(line) }),
      );
    }
    const crdDir = join(workDir, 'crds');
    await mkdir(crdDir);
    for (const crd of scoreCrds()) await writeFile(join(crdDir, crdFileName(crd)), renderCrdYaml(crd));
    const cluster = await steps.step('starting the local cluster and installing the Score CRDs', () =>
      LocalCluster.start({
        crds: crdDir,
        env,
        useExistingCluster: false,
        nodeKind: options.realNodes === true ? 'kubelet' : 'kwok',
      }),
    );
    cleanups.push(() => cluster.stop());
    const plugins = await steps.step('loading plugins', () =>
      loadPlugins(parsePlatformConfig(options.config).plugins),
    );
    const manager: Manager = await steps.step('starting the orchestrator', async () => {
      const m = await createOrchestrator({
        kubeConfig: cluster.kubeConfig,
        config: options.config,
        plugins: plugins.map((p) => p.module),
        logger,
        probePort: false,
        leaderElection: false,
      });
      await m.start();
      return m;
    });
    cleanups.push(() => manager.stop());
    const client = new KubeClient(cluster.kubeConfig, { fieldManager: 'score-orchestrator-dev', logger });
    client.registerKind(WorkloadKind);
    const workloads = [
      ...new Set(
        options.objects.filter(isWorkload).map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`),
      ),
    ];
    await steps.step(`applying ${options.objects.length} object(s)`, async () => {
      const namespaces = new Set(
        options.objects.map((o) => o.metadata?.namespace).filter((n): n is string => !!n),
      );
      namespaces.add(options.namespace);
      for (const name of namespaces) {
        await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      }
      for (const object of options.objects) await client.apply(object);
    });
    if (options.writeKubeconfig !== undefined) {
      await mkdir(dirname(options.writeKubeconfig), { recursive: true });
      await copyFile(cluster.kubeconfigPath, options.writeKubeconfig);
    }
    const kubeconfig = options.writeKubeconfig ?? cluster.kubeconfigPath;
    context.stderr.write(`  kubeconfig:       ${kubeconfig}\n  orchestrator log: ${logPath}\n\n`);
    if (!options.exitOnReady) {
      context.stderr.write(
        `  export KUBECONFIG=${kubeconfig}\n  kubectl get workloads -A\n\npress Ctrl-C to stop\n\n`,
      );
      cleanups.push(async () => {
        if (options.writeKubeconfig !== undefined) await rm(options.writeKubeconfig, { force: true });
      });
    }
    const outcome = await follow(workloads, client, logger, options, context);
    return report(outcome, context);
  } finally {
    await cleanup();
    logStream.end();
  }
}

type FollowOutcome =
  | Convergence
  | { readonly outcome: 'timeout'; readonly pending: readonly string[] }
  | { readonly outcome: 'stopped' };

async function follow(
  keys: readonly string[],
  client: KubeClient,
  logger: ReturnType<typeof createLogger>,
  options: DevSessionOptions,
  context: CliContext,
): Promise<FollowOutcome> {
  const tracker = new ConvergenceTracker(keys);
  const live = context.stdout.isTTY === true && !context.env.ci;
  const view = new LiveView(context.stdout, live);
  if (keys.length === 0) {
    context.stderr.write('no Workloads to follow\n');
    if (options.exitOnReady) return { outcome: 'ready' };
  } else view.show(tracker.progress);
  const started = Date.now();
  return new Promise<FollowOutcome>((resolvePromise, reject) => {
    let settled = false;
    let stopWatch: (() => Promise<void>) | undefined;
    const finish = (outcome: FollowOutcome): void => {
      if (settled) return;
      settled = true;
      clearInterval(tick);
      context.signal?.removeEventListener('abort', onAbort);
      view.release();
      void (stopWatch?.() ?? Promise.resolve()).finally(() => resolvePromise(outcome));
    };
    const check = (): void => {
      const now = Date.now();
      if (options.exitOnReady) {
        const outcome = tracker.outcome(now);
        if (outcome !== undefined) return finish(outcome);
        if (now - started >= options.timeoutMs) {
          return finish({
            outcome: 'timeout',
            pending: tracker.progress
              .filter((p) => workloadVerdict(p).state !== 'ready')
              .map(renderProgressLine),
          });
        }
      }
    };
    const onAbort = (): void => finish({ outcome: 'stopped' });
    const tick = setInterval(check, 500);
    context.signal?.addEventListener('abort', onAbort, { once: true });
    if (context.signal?.aborted === true) onAbort();
    watchWorkloads(client, logger, (progress) => {
      if (tracker.update(progress, Date.now())) view.show(tracker.progress);
      check();
    }).then(
      (stop) => {
        stopWatch = stop;
        if (settled) void stop();
      },
      (err: unknown) => {
        if (!settled) {
          settled = true;
          clearInterval(tick);
          reject(err);
        }
      },
    );
  });
}

function report(outcome: FollowOutcome, context: CliContext): number {
  switch (outcome.outcome) {
    case 'ready':
      context.stderr.write('✓ every Workload is Ready\n');
      return ExitCode.Ok;
    case 'stopped':
      context.stderr.write('stopping\n');
      return ExitCode.Ok;
    case 'failed': {
      const { key, verdict } = outcome;
      throw new CliError(
        'Failure',
        `Workload ${key} failed: ${verdict.condition}=False, reason ${verdict.reason}${verdict.message ? `: ${verdict.message}` : ''}`,
      );
    }
    case 'timeout':
      throw new CliError(
        'Failure',
        `timed out waiting for every Workload to become Ready; still converging:\n${outcome.pending.map((line) => `  ${line}`).join('\n')}`,
      );
  }
}
