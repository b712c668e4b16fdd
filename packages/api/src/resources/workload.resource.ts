import type { V1ObjectMeta } from '@kubernetes/client-node';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { KubernetesResource } from '@score-orchestrator/operator-sdk';
import { WORKLOAD_NAME_RULES } from './workload-cel-rules.js';
import { WorkloadSpec } from './workload-spec.js';
import { WorkloadStatus } from './workload-status.js';

/**
 * A Score workload as a Kubernetes custom resource (`score.dev/v1b1`), the only kind users author.
 * The CRD enforces the Score schema's rules (patterns, exactly-one-of choices, `before` naming real
 * containers, well-formed placeholders) and what Kubernetes would refuse later (names that cannot name a
 * Service, environment variable names, mount paths); `validateWorkload` runs the same rules offline.
 */
@KubernetesResource({
  group: 'score.dev',
  version: 'v1b1',
  kind: 'Workload',
  shortNames: ['wl'],
  categories: ['score'],
  metadataName: WORKLOAD_NAME_RULES,
  printerColumns: [
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Endpoint', type: 'string', jsonPath: '.status.endpoint' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
})
export class Workload {
  apiVersion = 'score.dev/v1b1' as const;
  kind = 'Workload' as const;
  metadata: V1ObjectMeta = {};

  @ValidateNested()
  @Type(() => WorkloadSpec)
  spec!: WorkloadSpec;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkloadStatus)
  status?: WorkloadStatus;
}
