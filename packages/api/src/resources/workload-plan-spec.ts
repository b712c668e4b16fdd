import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  MinLength,
  ValidateNested,
  MaxLength,
} from 'class-validator';
import { MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import { PlanBatch } from './plan-batch.js';
import { PlanContainer } from './plan-container.js';
import { PATCH_TEMPLATES_MAX, PlanPatchTemplate } from './plan-patch.js';
import { WorkloadBounds } from './workload-cel-rules.js';
import { WorkloadService } from './workload-service.js';

/** The Workload a plan was projected from. */
export class PlanWorkloadRef {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsString()
  @MinLength(1)
  uid!: string;

  /** The Workload's `metadata.generation` the plan was projected from. */
  @IsInt()
  @Min(0)
  generation!: number;
}

/** What a runtime may use to build the endpoint, e.g. the host of a `route` claim. */
export class EndpointHints {
  @IsOptional()
  @IsString()
  host?: string;

  @IsOptional()
  @IsString()
  path?: string;
}

/**
 * The platform's endpoint rules for this plan's backend (`{{ .fact }}` templates from the platform
 * config's `backends[]`); a runtime uses its own defaults for what is absent.
 */
export class EndpointTemplates {
  /** Used when the workload has a route (facts such as `host`, `path`). */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  route?: string;

  /** Used otherwise (facts such as `serviceName`, `namespace`, `port`). */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  service?: string;
}

/**
 * What a runtime runs: the Workload with every placeholder resolved. Secrets appear only as references.
 * Written by the orchestrator.
 */
export class WorkloadPlanSpec {
  /** Selects the runtime that materialises the plan. */
  @IsString()
  @MinLength(1)
  runtimeClass!: string;

  @ValidateNested()
  @Type(() => PlanWorkloadRef)
  workload!: PlanWorkloadRef;

  /** Labels to put on what the runtime creates. */
  @IsOptional()
  @MapOf(() => String)
  labels?: Record<string, string>;

  /** Annotations to put on what the runtime creates. */
  @IsOptional()
  @MapOf(() => String)
  annotations?: Record<string, string>;

  /** Runtime profile options, e.g. `{ workloadKind: StatefulSet }`. */
  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  options?: Record<string, unknown>;

  /**
   * How the workload runs when it runs to completion (`job`) or on a schedule (`cronjob`); absent for a
   * service, kept running. Filled from the profile's `batch` and the Workload's `k8s.score.dev/*` annotations.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanBatch)
  batch?: PlanBatch;

  @IsObject()
  @MapOf(() => PlanContainer)
  @SchemaProperty({ minProperties: 1, maxProperties: WorkloadBounds.containers })
  containers!: Record<string, PlanContainer>;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkloadService)
  service?: WorkloadService;

  @IsOptional()
  @ValidateNested()
  @Type(() => EndpointHints)
  endpointHints?: EndpointHints;

  @IsOptional()
  @ValidateNested()
  @Type(() => EndpointTemplates)
  endpointTemplates?: EndpointTemplates;

  /**
   * The platform's patch templates for this plan, applied in order to the manifests the runtime produces
   * (score-k8s's `--patch-templates`); absent: none.
   */
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(PATCH_TEMPLATES_MAX)
  @Type(() => PlanPatchTemplate)
  patchTemplates?: PlanPatchTemplate[];
}
