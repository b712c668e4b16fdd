import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Cel, MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';
import { STANDARD_BASE64 } from './binary-content.js';
import { ContainerBefore } from './container.js';
import { ContainerResources } from './container-resources.js';
import { ContainerProbe } from './probe.js';
import { WorkloadBounds } from './workload-cel-rules.js';

/** A key of a Secret in the plan's namespace. */
export class SecretKeyRef {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsString()
  @MinLength(1)
  key!: string;
}

/** One part of a secret template: literal text or a secret key. */
@Cel('has(self.text) != has(self.secretKeyRef)', 'exactly one of text or secretKeyRef must be set')
export class EnvTemplatePart {
  @IsOptional()
  @IsString()
  text?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SecretKeyRef)
  secretKeyRef?: SecretKeyRef;
}

/**
 * An environment variable with its final value: plain `value`, a whole secret (`secretKeyRef`), or a
 * `template` of text and secret parts the runtime composes without reading the secret itself.
 */
@Cel(
  '[has(self.value), has(self.secretKeyRef), has(self.template)].filter(x, x).size() == 1',
  'exactly one of value, secretKeyRef or template must be set',
)
export class PlanEnvVar {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @IsString()
  value?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SecretKeyRef)
  secretKeyRef?: SecretKeyRef;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => EnvTemplatePart)
  @ArrayMaxSize(64)
  template?: EnvTemplatePart[];
}

/** A file with its final content: text, base64 bytes, or a whole secret key mounted as the file. */
@Cel(
  '[has(self.content), has(self.binaryContent), has(self.secretRef)].filter(x, x).size() == 1',
  'exactly one of content, binaryContent or secretRef must be set',
)
export class PlanFile {
  @IsString()
  @MinLength(1)
  target!: string;

  @IsOptional()
  @IsString()
  @Matches(scoreSchemaRules.fileMode.pattern)
  mode?: string;

  @IsOptional()
  @IsString()
  content?: string;

  /** Standard base64 (`STANDARD_BASE64`), the bytes of the file exactly. */
  @IsOptional()
  @IsString()
  @Matches(STANDARD_BASE64)
  binaryContent?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SecretKeyRef)
  secretRef?: SecretKeyRef;
}

/** A volume with its resolved source. */
export class PlanVolume {
  @IsString()
  @MinLength(1)
  target!: string;

  @IsString()
  @MinLength(1)
  source!: string;

  @IsOptional()
  @IsString()
  path?: string;

  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;
}

/** A container of a plan: the Workload's container with every placeholder projected. */
export class PlanContainer {
  @IsString()
  @MinLength(1)
  image!: string;

  @IsOptional()
  @IsString({ each: true })
  command?: string[];

  @IsOptional()
  @IsString({ each: true })
  args?: string[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PlanEnvVar)
  @ArrayMaxSize(WorkloadBounds.variables)
  @SchemaProperty({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] })
  env?: PlanEnvVar[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PlanFile)
  @ArrayMaxSize(WorkloadBounds.files)
  @SchemaProperty({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['target'] })
  files?: PlanFile[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PlanVolume)
  @ArrayMaxSize(WorkloadBounds.volumes)
  @SchemaProperty({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['target'] })
  volumes?: PlanVolume[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ContainerResources)
  resources?: ContainerResources;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContainerProbe)
  livenessProbe?: ContainerProbe;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContainerProbe)
  readinessProbe?: ContainerProbe;

  @IsOptional()
  @MapOf(() => ContainerBefore)
  before?: Record<string, ContainerBefore>;
}
