import type { V1ObjectMeta } from '@kubernetes/client-node';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { KubernetesResource } from '@score-orchestrator/operator-sdk';
import { ResourceClaimSpec } from './resource-claim-spec.js';
import { ResourceClaimStatus } from './resource-claim-status.js';

/**
 * One provisioned dependency: the contract between the orchestrator (writes `spec`, one claim per
 * Workload resource, shared ones owned by every Workload using them) and a resolver (writes `status`).
 * Internal: users see claims only through `Workload.status.claims`.
 */
@KubernetesResource({
  group: 'score.dev',
  version: 'v1b1',
  kind: 'ResourceClaim',
  shortNames: ['sclaim', 'scoreclaim'],
  categories: ['score', 'score-internal'],
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    { name: 'Class', type: 'string', jsonPath: '.spec.class' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Resolver', type: 'string', jsonPath: '.status.resolver' },
    { name: 'Rule', type: 'string', jsonPath: '.status.resolverRule', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
})
export class ResourceClaim {
  apiVersion = 'score.dev/v1b1' as const;
  kind = 'ResourceClaim' as const;
  metadata: V1ObjectMeta = {};

  @ValidateNested()
  @Type(() => ResourceClaimSpec)
  spec!: ResourceClaimSpec;

  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceClaimStatus)
  status?: ResourceClaimStatus;
}
