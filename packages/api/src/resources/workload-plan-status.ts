import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { CONDITION_LIST_SCHEMA, StatusCondition } from './condition.js';
import { PlanPhase, type Condition } from './conditions.js';
import { PlanBatchStatus } from './plan-batch.js';
import { APPLIED_PATCHES_MAX, AppliedPatch } from './plan-patch.js';

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

  /**
   * The patch operations of `spec.patchTemplates` applied to what the runtime last wrote (template, op, path,
   * description; never values), at most 50; absent when none applied.
   */
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(APPLIED_PATCHES_MAX)
  @Type(() => AppliedPatch)
  patches?: AppliedPatch[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StatusCondition)
  @SchemaProperty(CONDITION_LIST_SCHEMA)
  conditions?: Condition[];
}
