// What every scenario works with: the cluster, an admin client, where the orchestrator's inputs are.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeClient } from '@score-orchestrator/operator-sdk';
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
