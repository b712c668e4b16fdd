import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';
import type { ScoreResource } from '../score-file/score-workload.js';

/**
 * One entry of a Workload's `resources`: a dependency a resolver provisions. Identity is
 * `type.class#id`; `class` defaults to `default` when the claim is made.
 */
export class WorkloadResource implements ScoreResource {
  @IsString()
  @Matches(scoreSchemaRules.resourceType.pattern)
  type!: string;

  @IsOptional()
  @IsString()
  @Matches(scoreSchemaRules.resourceClass.pattern)
  class?: string;

  /** Shares one resource between workloads that use the same type, class and id. */
  @IsOptional()
  @IsString()
  @MaxLength(scoreSchemaRules.resourceId.maxLength)
  @Matches(scoreSchemaRules.resourceId.pattern)
  id?: string;

  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  metadata?: Record<string, unknown>;

  /** Provisioning parameters; string values may hold placeholders. */
  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  params?: Record<string, unknown>;
}
