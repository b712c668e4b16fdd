import { WorkloadKind } from '@score-orchestrator/api';
import { Informer, listWatchFor, type KubeClient, type Logger } from '@score-orchestrator/operator-sdk';
import type { KubernetesObject } from '@kubernetes/client-node';
import { workloadProgress, type WorkloadProgress } from './workload-progress.js';

/**
 * Watches Workloads (an informer: list, then watch, reconnecting on its own) and calls `onChange` with each
 * one's progress as it changes. Returns the function that stops watching.
 */
export async function watchWorkloads(
  client: KubeClient,
  logger: Logger,
  onChange: (progress: WorkloadProgress) => void,
): Promise<() => Promise<void>> {
  const informer = new Informer<KubernetesObject>({
    kind: WorkloadKind,
    source: listWatchFor(client, WorkloadKind),
    logger,
  });
  informer.addEventHandler({
    onAdd: (obj) => onChange(workloadProgress(obj)),
    onUpdate: (_old, obj) => onChange(workloadProgress(obj)),
  });
  informer.start();
  await informer.waitForSync(60_000);
  return () => informer.stop();
}
