import type { PlanPatchTemplate } from '@score-orchestrator/api';
import type { PlatformConfig } from '../platform-config/platform-config.js';

/**
 * The platform's patch templates for a Workload of profile `profile` (undefined: no profile), in config
 * order, as a plan carries them to the runtime: those without `profiles` and those that list the profile.
 * Undefined when none applies, so plans of platforms without patch templates do not change.
 */
export function patchTemplatesFor(
  config: PlatformConfig,
  profile: string | undefined,
): PlanPatchTemplate[] | undefined {
  const templates = config.patchTemplates
    .filter((t) => t.profiles === undefined || (profile !== undefined && t.profiles.includes(profile)))
    .map((t) => ({
      name: t.name,
      ...(t.description === undefined ? {} : { description: t.description }),
      template: t.template,
    }));
  return templates.length === 0 ? undefined : templates;
}
