import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { SchemaProperty, type JsonSchemaProps } from '@score-orchestrator/operator-sdk';
import type { Condition, ConditionStatus } from './conditions.js';

/**
 * The schema of one `status.conditions` entry (the shape of `metav1.Condition`), shared by the three
 * kinds. Code reads and writes conditions through the typed `Condition` interface.
 */
export class StatusCondition implements Condition {
  @IsString()
  @MinLength(1)
  @MaxLength(316)
  type!: string;

  @IsIn(['True', 'False', 'Unknown'])
  status!: ConditionStatus;

  @IsString()
  @MaxLength(1024)
  reason!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32768)
  message?: string;

  @IsString()
  @SchemaProperty({ format: 'date-time' })
  lastTransitionTime!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  observedGeneration?: number;
}

/** `conditions` lists are keyed by `type`, as Kubernetes conditions are. */
export const CONDITION_LIST_SCHEMA: JsonSchemaProps = {
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
  maxItems: 16,
};
