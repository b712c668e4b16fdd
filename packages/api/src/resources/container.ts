import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import type {
  ScoreContainer,
  ScoreContainerBefore,
  ScoreReadyCondition,
} from '../score-file/score-workload.js';
import { ContainerFile } from './container-file.js';
import { ContainerResources } from './container-resources.js';
import { ContainerVolume } from './container-volume.js';
import { ContainerProbe } from './probe.js';
import {
  CelRule,
  mountTargetRule,
  placeholderStringMap,
  variableNameRule,
  WorkloadBounds,
} from './workload-cel-rules.js';

/** The state this container must reach before the container it names starts (see `ScoreContainerBefore`). */
export class ContainerBefore implements ScoreContainerBefore {
  @IsIn(['started', 'healthy', 'complete'])
  ready!: ScoreReadyCondition;
}

/** One container of a Workload: the Score container spec. */
// `healthy` is told by a probe: without one, the containers this one runs before could never start.
@CelRule({
  rule:
    '!has(self.before) || has(self.readinessProbe) || has(self.livenessProbe) || ' +
    "self.before.all(k, self.before[k].ready != 'healthy')",
  message: 'before with ready: healthy needs a readinessProbe or livenessProbe on this container',
  fieldPath: '.before',
})
// Score keys files and volumes by target path, so each map has one entry per path; a path in both would be
// two mounts at one place, which Kubernetes refuses.
@CelRule({
  rule: '!has(self.files) || !has(self.volumes) || self.files.all(t, !(t in self.volumes))',
  message: 'files and volumes must not share a target path',
  fieldPath: '.files',
})
export class WorkloadContainer implements ScoreContainer {
  @IsString()
  @MinLength(1)
  @SchemaProperty({ description: 'Container image reference.' })
  image!: string;

  @IsOptional()
  @IsString({ each: true })
  command?: string[];

  @IsOptional()
  @IsString({ each: true })
  args?: string[];

  /** Environment variables; values may hold placeholders. */
  @IsOptional()
  @MapOf(() => String)
  @SchemaProperty({
    ...placeholderStringMap(WorkloadBounds.variableValueLength),
    maxProperties: WorkloadBounds.variables,
  })
  @CelRule(variableNameRule)
  variables?: Record<string, string>;

  /** Files to mount, keyed by target path. */
  @IsOptional()
  @MapOf(() => ContainerFile)
  @SchemaProperty({ maxProperties: WorkloadBounds.files })
  @CelRule(mountTargetRule('file'))
  files?: Record<string, ContainerFile>;

  /** Volumes to mount, keyed by target path. */
  @IsOptional()
  @MapOf(() => ContainerVolume)
  @SchemaProperty({ maxProperties: WorkloadBounds.volumes })
  @CelRule(mountTargetRule('volume'))
  volumes?: Record<string, ContainerVolume>;

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

  /**
   * Containers of this workload that this one runs **before**, keyed by container name: `migrate.before.main`
   * starts `migrate` first and `main` once `migrate` reached `ready` (as score-compose reads it). A container
   * with entries here starts early (an init container or sidecar on Kubernetes); see `containerStartOrder`.
   */
  @IsOptional()
  @MapOf(() => ContainerBefore)
  @SchemaProperty({ maxProperties: WorkloadBounds.before })
  before?: Record<string, ContainerBefore>;
}
