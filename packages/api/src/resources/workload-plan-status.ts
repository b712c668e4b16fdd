import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { CONDITION_LIST_SCHEMA, StatusCondition } from './condition.js';
import { PlanPhase, type Condition } from './conditions.js';
import { PlanBatchStatus } from './plan-batch.js';

/** The status of a `WorkloadPlan`, written only by the runtime host. */
export class WorkloadPlanStatus {
  @IsOptional()
  @IsInt()
  @Min(0)
  observedGeneration?: number;

  @IsOptional()
  @IsIn(Object.values(PlanPhase))
  phase?: PlanPhase;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsString()
  message?: string;

  /** Where the workload answers (a URL), once known. */
  @IsOptional()
  @IsString()
  endpoint?: string;

  /** A batch workload's runs (absent for a service): state, run times, last and next schedule. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanBatchStatus)
  batch?: PlanBatchStatus;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StatusCondition)
  @SchemaProperty(CONDITION_LIST_SCHEMA)
  conditions?: Condition[];
}
