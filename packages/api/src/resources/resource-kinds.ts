import { resourceKindOf, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { ResourceClaim } from './resource-claim.resource.js';
import { WorkloadPlan } from './workload-plan.resource.js';
import { Workload } from './workload.resource.js';

/** The `ResourceKind` of `Workload` (`score.dev/v1b1`, `workloads`), for clients, caches and controllers. */
export const WorkloadKind: ResourceKind = resourceKindOf(Workload);
/** The `ResourceKind` of `ResourceClaim` (`resourceclaims`). */
export const ResourceClaimKind: ResourceKind = resourceKindOf(ResourceClaim);
/** The `ResourceKind` of `WorkloadPlan` (`workloadplans`). */
export const WorkloadPlanKind: ResourceKind = resourceKindOf(WorkloadPlan);
