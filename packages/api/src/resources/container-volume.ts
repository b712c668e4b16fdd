import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { ScoreContainerVolume } from '../score-file/score-workload.js';

/** A volume mounted into a container; `Workload` containers key these by target path. */
export class ContainerVolume implements ScoreContainerVolume {
  /** The external volume reference, usually `${resources.NAME}`. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  source!: string;

  /** Sub path inside the volume. */
  @IsOptional()
  @IsString()
  path?: string;

  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;
}
