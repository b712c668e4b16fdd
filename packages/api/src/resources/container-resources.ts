import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';
import type { ScoreContainerResources, ScoreResourcesLimits } from '../score-file/score-workload.js';

/** CPU and memory amounts, with the Score schema's patterns. */
export class ResourceAmounts implements ScoreResourcesLimits {
  /** Whole or fractional CPUs, or milli-CPUs: `2`, `0.5`, `125m`. */
  @IsOptional()
  @IsString()
  @Matches(scoreSchemaRules.cpu.pattern)
  cpu?: string;

  /** Bytes with an optional unit: `128Mi`, `1.5G`. */
  @IsOptional()
  @IsString()
  @Matches(scoreSchemaRules.memory.pattern)
  memory?: string;
}

/** A container's compute resources. */
export class ContainerResources implements ScoreContainerResources {
  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceAmounts)
  limits?: ResourceAmounts;

  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceAmounts)
  requests?: ResourceAmounts;
}
