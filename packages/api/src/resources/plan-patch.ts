import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Upper bound of one patch template's text in a plan (the platform config's `patchTemplates[].template`). */
export const PATCH_TEMPLATE_MAX_LENGTH = 32_768;
/** At most this many patch templates apply to one plan (a plan stays far below the 1.5 MiB object limit). */
export const PATCH_TEMPLATES_MAX = 16;
/** At most this many applied operations are listed in `WorkloadPlan.status.patches`. */
export const APPLIED_PATCHES_MAX = 50;

/**
 * A platform patch template the runtime applies to the manifests it produces (`WorkloadPlan.spec.patchTemplates`),
 * copied by the orchestrator from the platform config's `patchTemplates`, in order. score-k8s's format: a Go
 * template that renders a list of `{op, path, value, description}`; see docs/platform/patch-templates.md.
 */
export class PlanPatchTemplate {
  /** The template's name in the platform config; errors and status name it. */
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string;

  /** The Go template text. */
  @IsString()
  @MinLength(1)
  @MaxLength(PATCH_TEMPLATE_MAX_LENGTH)
  template!: string;
}

/**
 * One patch operation a runtime applied (`WorkloadPlan.status.patches`): which template, what and where, and
 * the template's description; never the value, which may be anything the template computed.
 */
export class AppliedPatch {
  /** The patch template's name. */
  @IsString()
  template!: string;

  @IsIn(['set', 'delete'])
  op!: 'set' | 'delete';

  /** The path the operation applied at (score-k8s syntax, e.g. `0.spec.replicas`). */
  @IsString()
  path!: string;

  @IsOptional()
  @IsString()
  description?: string;
}
