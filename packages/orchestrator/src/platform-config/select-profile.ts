import type { PlanBatch } from '@score-orchestrator/api';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { PlatformConfig, Profile } from './platform-config.js';
import { selectorMatcher } from './selector-matcher.js';
import type { WorkloadInput } from './workload-input.js';

/** The Workload annotation that names a profile explicitly. */
export const PROFILE_ANNOTATION = 'score.dev/profile';

/** The runtime choices for one Workload. */
export interface ProfileSelection {
  /** The chosen profile's name; undefined when no profile applies (platform defaults only). */
  readonly profile?: string;
  /** How it was chosen: the annotation, a label selector, or `defaults` (profile or none). */
  readonly matchedBy: 'annotation' | 'selector' | 'default';
  readonly runtimeClass: string;
  /** The profile's options (empty without a profile), for `WorkloadPlan.spec.options`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The profile's batch settings, when its Workloads run as jobs or cronjobs. */
  readonly batch?: PlanBatch;
}

/**
 * Chooses the profile of `workload`: the one named by the `score.dev/profile` annotation; else the first
 * profile (in config order) whose selector matches the Workload's labels; else `defaults.profile`; else no
 * profile. Pure.
 *
 * @throws OrchestratorError `InvalidWorkload` when the annotation names a profile the config does not
 * define (the message names it and lists the defined ones).
 */
export function selectProfile(config: PlatformConfig, workload: WorkloadInput): ProfileSelection {
  const requested = workload.metadata.annotations?.[PROFILE_ANNOTATION];
  if (requested !== undefined) {
    const profile = config.profiles.find((p) => p.name === requested);
    if (!profile) {
      const known = config.profiles.map((p) => p.name).join(', ') || '(none defined)';
      throw new OrchestratorError(
        'InvalidWorkload',
        `failed to select a profile for Workload ${workloadName(workload)}: annotation ${PROFILE_ANNOTATION} names unknown profile ${JSON.stringify(requested)}; use one of: ${known}, or remove the annotation`,
      );
    }
    return selection(config, profile, 'annotation');
  }
  const labels = workload.metadata.labels ?? {};
  for (const profile of config.profiles) {
    if (profile.selector && selectorMatches(profile, labels)) return selection(config, profile, 'selector');
  }
  const fallback = config.profiles.find((p) => p.name === config.defaults.profile);
  if (fallback) return selection(config, fallback, 'default');
  return { matchedBy: 'default', runtimeClass: config.defaults.runtimeClass, options: {} };
}

function selection(
  config: PlatformConfig,
  profile: Profile,
  matchedBy: ProfileSelection['matchedBy'],
): ProfileSelection {
  return {
    profile: profile.name,
    matchedBy,
    runtimeClass: profile.runtimeClass ?? config.defaults.runtimeClass,
    options: profile.options,
    ...(profile.batch ? { batch: profile.batch } : {}),
  };
}

function selectorMatches(profile: Profile, labels: Readonly<Record<string, string>>): boolean {
  return selectorMatcher(profile.selector ?? {})(labels);
}

function workloadName(workload: WorkloadInput): string {
  const { namespace, name } = workload.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '<unnamed>');
}
