// The Greeting custom resource: what a user asks for (spec) and what the operator reports (status).
// #region resource
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { KubernetesResource, Cel } from '@score-orchestrator/operator-sdk';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class GreetingSpec {
  /** The text to render. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  message!: string;

  /** How many times to repeat it (1–10). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  copies?: number;
}

export class GreetingStatus {
  @IsOptional()
  @IsInt()
  observedGeneration?: number;

  @IsOptional()
  @IsString()
  configMapName?: string;

  @IsOptional()
  @IsBoolean()
  ready?: boolean;
}

/** A greeting the operator renders into a ConfigMap and lists in the namespace's guestbook. */
@KubernetesResource({
  group: 'quickstart.example.dev',
  version: 'v1',
  kind: 'Greeting',
  shortNames: ['greet'],
  printerColumns: [
    { name: 'Ready', type: 'boolean', jsonPath: '.status.ready' },
    { name: 'Message', type: 'string', jsonPath: '.spec.message' },
  ],
})
@Cel('self.metadata.name.size() <= 50', 'greeting names are at most 50 characters')
export class Greeting {
  apiVersion = 'quickstart.example.dev/v1';
  kind = 'Greeting';
  metadata!: V1ObjectMeta;

  @ValidateNested()
  @Type(() => GreetingSpec)
  spec!: GreetingSpec;

  @IsOptional()
  @ValidateNested()
  @Type(() => GreetingStatus)
  status?: GreetingStatus;
}
// #endregion resource
