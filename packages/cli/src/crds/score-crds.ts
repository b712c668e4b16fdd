import { ResourceClaim, Workload, WorkloadPlan } from '@score-orchestrator/api';
import { generateCrd, type CustomResourceDefinition, type ResourceClass } from '@score-orchestrator/operator-sdk';

/**
 * The classes the CRDs are generated from. The CLI ships its CRDs this way, generated from the api package
 * it runs with, rather than copying the checked-in `crds/` folder: the two cannot disagree, because a test
 * in the api package fails when `crds/` is stale, and one here checks the output against that folder.
 */
export const scoreResourceClasses: readonly ResourceClass[] = [Workload, ResourceClaim, WorkloadPlan];

/** The Score CRDs (Workload, ResourceClaim, WorkloadPlan), as `kubectl apply` takes them. */
export function scoreCrds(): CustomResourceDefinition[] {
  return scoreResourceClasses.map((cls) => generateCrd(cls));
}
