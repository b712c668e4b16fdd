import type { KubernetesObject } from '@kubernetes/client-node';
import type { WorkloadPlanSpec } from '@score-orchestrator/api';

/** A WorkloadPlan as the runtime receives it: a plain object read from the API (or built in memory). */
export interface PlanObject extends KubernetesObject {
  spec: WorkloadPlanSpec;
}

/** The plan's namespace and name, which every object the runtime creates derives from. */
export function planIdentity(plan: PlanObject): { namespace: string; name: string } {
  return { namespace: plan.metadata?.namespace ?? 'default', name: plan.metadata?.name ?? '' };
}
