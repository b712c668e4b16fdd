import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectKey } from '@score-orchestrator/operator-sdk';
import { LabelKeys, MANAGED_BY } from '../mapping/workload-labels.js';

/**
 * Maps a Pod to the key of the WorkloadPlan that runs it, or undefined for pods the runtime did not
 * create. Pods are owned by ReplicaSets, not by the plan, so an `owns:` watch cannot reach them: a host
 * that watches Pods uses this to re-run `apply` when a pod starts failing (image pull, crash loop,
 * scheduling), which the Deployment's status alone does not always show.
 */
export function planKeyOfPod(pod: KubernetesObject): ObjectKey | undefined {
  const labels = pod.metadata?.labels ?? {};
  const plan = labels[LabelKeys.instance];
  if (!plan || labels[LabelKeys.managedBy] !== MANAGED_BY) return undefined;
  return { namespace: pod.metadata?.namespace, name: plan };
}
