// What every scenario works with: the cluster, an admin client, where the orchestrator's inputs are.
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from '@score-orchestrator/api';
import { createLogger, KubeClient } from '@score-orchestrator/operator-sdk';
import type { LocalCluster } from '@score-orchestrator/testing';
import type { ChildSettings } from '../orchestrator/child-protocol.js';
import { OrchestratorProcess } from '../orchestrator/orchestrator-process.js';

export interface BenchContext {
  readonly kubeConfig: KubeConfig;
  readonly kubeconfigPath: string;
  readonly platformConfigPath: string;
  /** The bench's own client (field manager `bench`). */
  readonly client: KubeClient;
  readonly logLevel: string;
  /** Prints a progress line. */
  progress(message: string): void;
}

/**
 * The context on `cluster`: an admin client that knows the Score kinds, and `examples/hello/platform.yaml`
 * under the repository `root` as the orchestrator's platform config.
 */
export function benchContext(
  cluster: LocalCluster,
  root: string,
  logLevel: string,
  progress: (message: string) => void,
): BenchContext {
  const client = new KubeClient(cluster.kubeConfig, {
    fieldManager: 'bench',
    logger: createLogger({ silent: true }),
  });
  for (const kind of [WorkloadKind, ResourceClaimKind, WorkloadPlanKind]) client.registerKind(kind);
  return {
    kubeConfig: cluster.kubeConfig,
    kubeconfigPath: cluster.kubeconfigPath,
    platformConfigPath: join(root, 'examples', 'hello', 'platform.yaml'),
    client,
    logLevel,
    progress,
  };
}

/** Starts the orchestrator child with `concurrency` for the Workload controller and both hosts. */
export function startOrchestrator(ctx: BenchContext, concurrency: number): Promise<OrchestratorProcess> {
  const settings: ChildSettings = {
    kubeconfigPath: ctx.kubeconfigPath,
    platformConfigPath: ctx.platformConfigPath,
    workloadConcurrency: concurrency,
    hostConcurrency: concurrency,
    logLevel: ctx.logLevel,
  };
  return OrchestratorProcess.start(settings);
}
