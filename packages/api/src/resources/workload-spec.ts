import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import { WorkloadContainer } from './container.js';
import {
  CelRule,
  keyPatternRule,
  NAME_EXPECTED,
  NAME_PATTERN,
  WorkloadBounds,
} from './workload-cel-rules.js';
import { WorkloadResource } from './workload-resource.js';
import { WorkloadService } from './workload-service.js';

/**
 * The spec of a `Workload`: the Score workload without its envelope (see `ScoreWorkload`). Score
 * metadata keys that have no place in Kubernetes object metadata live in `metadataExtras`.
 */
// `[x].all(c, ...)` binds the container to a name, because `has()` takes only a field of a name (in
// cel-js). `in` on maps, not string comparison, and `before` iterated through `self.containers[name]`,
// not `c`: both keep the API server's cost estimate within budget (it rejects the other spellings).
@CelRule({
  rule:
    'self.containers.all(name, [self.containers[name]].all(c, !has(c.before) || ' +
    '(!(name in c.before) && self.containers[name].before.all(b, b in self.containers))))',
  message: 'before must name other containers of this workload (not the container itself)',
  fieldPath: '.containers',
})
// A container with `before` entries starts before the ones it names (an init container or sidecar); one
// must have none, to run as the workload. Longer cycles are refused by `containerStartOrder` (CEL cannot
// follow paths within the API server's cost budget).
@CelRule({
  rule:
    'size(self.containers) == 0 || ' +
    'self.containers.exists(name, [self.containers[name]].all(c, !has(c.before) || size(c.before) == 0))',
  message: 'at least one container must have no before entries, to run as the workload',
  fieldPath: '.containers',
})
export class WorkloadSpec {
  @IsObject()
  @MapOf(() => WorkloadContainer)
  @SchemaProperty({ minProperties: 1, maxProperties: WorkloadBounds.containers })
  @CelRule(keyPatternRule(NAME_PATTERN, `container names must be ${NAME_EXPECTED}`))
  containers!: Record<string, WorkloadContainer>;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkloadService)
  service?: WorkloadService;

  @IsOptional()
  @MapOf(() => WorkloadResource)
  @SchemaProperty({ maxProperties: WorkloadBounds.resources })
  @CelRule(keyPatternRule(NAME_PATTERN, `resource names must be ${NAME_EXPECTED}`))
  resources?: Record<string, WorkloadResource>;

  /** Score metadata keys other than name, annotations and labels (usable as `${metadata.KEY}`). */
  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  metadataExtras?: Record<string, unknown>;
}
