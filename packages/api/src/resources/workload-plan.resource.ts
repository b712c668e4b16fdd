import type { V1ObjectMeta } from '@kubernetes/client-node';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { KubernetesResource } from '@score-orchestrator/operator-sdk';
import { WorkloadPlanSpec } from './workload-plan-spec.js';
import { WorkloadPlanStatus } from './workload-plan-status.js';

/**
 * The projection of one Workload that a runtime materialises: named like the Workload and
 * controller-owned by it. The orchestrator writes `spec`; the runtime host writes `status`. Internal.
 */
@KubernetesResource({
  group: 'score.dev',
  version: 'v1b1',
  kind: 'WorkloadPlan',
  shortNames: ['wplan', 'scoreplan'],
  categories: ['score', 'score-internal'],
  printerColumns: [
    { name: 'RuntimeClass', type: 'string', jsonPath: '.spec.runtimeClass' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Endpoint', type: 'string', jsonPath: '.status.endpoint', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
})
export class WorkloadPlan {
  apiVersion = 'score.dev/v1b1' as const;
  kind = 'WorkloadPlan' as const;
  metadata: V1ObjectMeta = {};

  @ValidateNested()
  @Type(() => WorkloadPlanSpec)
  spec!: WorkloadPlanSpec;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkloadPlanStatus)
  status?: WorkloadPlanStatus;
}
