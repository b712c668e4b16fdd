import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { ClaimSummary } from './claim-summary.js';
import { CONDITION_LIST_SCHEMA, StatusCondition } from './condition.js';
import type { WorkloadCondition } from './conditions.js';

/** The status of a `Workload`, written only by the orchestrator. No runtime nouns: users read it. */
export class WorkloadStatus {
  @IsOptional()
  @IsInt()
  @Min(0)
  observedGeneration?: number;

  /** Where the workload answers (one URL), or empty. */
  @IsOptional()
  @IsString()
  endpoint?: string;

  /** `InputsValid`, `ClaimsReady`, `RuntimeReady` and `Ready`, with the reasons in `WorkloadReason`. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StatusCondition)
  @SchemaProperty(CONDITION_LIST_SCHEMA)
  conditions?: WorkloadCondition[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ClaimSummary)
  @SchemaProperty({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] })
  claims?: ClaimSummary[];
}
