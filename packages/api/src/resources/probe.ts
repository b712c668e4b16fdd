import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Cel } from '@score-orchestrator/operator-sdk';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';
import type {
  ScoreContainerProbe,
  ScoreExecProbe,
  ScoreHttpHeader,
  ScoreHttpProbe,
} from '../score-file/score-workload.js';

export class HttpHeader implements ScoreHttpHeader {
  @IsString()
  @Matches(scoreSchemaRules.headerName.pattern)
  name!: string;

  @IsString()
  @MinLength(1)
  value!: string;
}

/** An HTTP GET probe. */
export class HttpProbe implements ScoreHttpProbe {
  @IsOptional()
  @IsIn(['HTTP', 'HTTPS'])
  scheme?: 'HTTP' | 'HTTPS';

  @IsOptional()
  @IsString()
  @MinLength(1)
  host?: string;

  @IsString()
  path!: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => HttpHeader)
  httpHeaders?: HttpHeader[];
}

/**
 * A probe that runs a command in the container. The Score schema allows `command: []`; it is refused here
 * (`minItems: 1`) because such a probe can never run: Kubernetes refuses it in a pod.
 */
export class ExecProbe implements ScoreExecProbe {
  @IsString({ each: true })
  @ArrayMinSize(1)
  command!: string[];
}

/**
 * A liveness or readiness probe: at least one of `httpGet` or `exec` (the Score schema's `anyOf`). With
 * both, the runtime uses `exec`, as the schema prefers.
 */
@Cel('has(self.httpGet) || has(self.exec)', 'at least one of httpGet or exec must be set')
export class ContainerProbe implements ScoreContainerProbe {
  @IsOptional()
  @ValidateNested()
  @Type(() => HttpProbe)
  httpGet?: HttpProbe;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExecProbe)
  exec?: ExecProbe;
}
