// The Widget custom resource used by the snippets of docs/sdk: a spec with nested classes, a map, CEL rules
// on a property and on a class, and a status.
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { Cel, KubernetesResource, MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

// #region spec
export class ContainerSpec {
  @IsString()
  @MinLength(1)
  @SchemaProperty({ description: 'Container image reference.' })
  image!: string;

  @IsOptional()
  @MapOf(() => String)
  @SchemaProperty({ maxProperties: 32 }) // bounds the CEL rule's cost, which the API server checks
  @Cel('self.all(k, k.matches("^[A-Z_][A-Z0-9_]*$"))', 'variable names must be upper-case identifiers')
  variables?: Record<string, string>;
}

@Cel('!has(self.maxReplicas) || self.replicas <= self.maxReplicas', 'replicas must not exceed maxReplicas', {
  fieldPath: '.replicas',
})
export class WidgetSpec {
  @IsIn(['Active', 'Paused'])
  mode!: 'Active' | 'Paused';

  @IsInt()
  @Min(0)
  replicas!: number;

  @IsOptional()
  @IsInt()
  @Max(10)
  maxReplicas?: number;

  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => ContainerSpec)
  containers!: ContainerSpec[];
}
// #endregion spec

export class WidgetStatus {
  @IsOptional()
  @IsInt()
  observedGeneration?: number;

  @IsOptional()
  @IsBoolean()
  ready?: boolean;

  @IsOptional()
  @IsString()
  configMapName?: string;
}

// #region resource
@KubernetesResource({ group: 'snippets.example.dev', version: 'v1', kind: 'Widget', shortNames: ['wdg'] })
export class Widget {
  apiVersion = 'snippets.example.dev/v1';
  kind = 'Widget';
  metadata!: V1ObjectMeta;

  @ValidateNested()
  @Type(() => WidgetSpec)
  spec!: WidgetSpec;

  @IsOptional()
  @ValidateNested()
  @Type(() => WidgetStatus)
  status?: WidgetStatus;
}
// #endregion resource
