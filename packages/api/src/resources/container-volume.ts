import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Cel } from '@score-orchestrator/operator-sdk';
import type { ScoreContainerVolume } from '../score-file/score-workload.js';

/** A volume mounted into a container; `Workload` containers key these by target path. */
export class ContainerVolume implements ScoreContainerVolume {
  /** The external volume reference, usually `${resources.NAME}`. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  source!: string;

  /**
   * Sub path inside the volume, from its root (a leading `/` is allowed, as in Score's own samples); no `..`
   * segments, which Kubernetes refuses in a `subPath`.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @Cel("!self.matches('(^|/)[.][.](/|$)')", 'must be a path inside the volume, without ".." segments')
  path?: string;

  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;
}
