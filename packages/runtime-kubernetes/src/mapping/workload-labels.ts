import type { PlanObject } from './plan-object.js';

/** Label and annotation keys the runtime writes. */
export const LabelKeys = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  /**
   * Annotation of every object the runtime creates (not of pods): the Workload's name, under score-k8s's key,
   * so patch templates written for score-k8s find the objects of a workload as they do there.
   */
  workloadName: 'k8s.score.dev/workload-name',
  /** Pod-template annotation: a hash of every mounted file, so changed files roll the pods. */
  filesHash: 'score.dev/files-hash',
} as const;

/** The value of `app.kubernetes.io/managed-by`. */
export const MANAGED_BY = 'score-orchestrator';

/**
 * The immutable selector of a plan's pods: `name` (the Workload) and `instance` (the plan). Both are the
 * Workload's name today; they are kept apart so a future plan-per-environment keeps working.
 */
export function selectorLabels(plan: PlanObject): Record<string, string> {
  return {
    [LabelKeys.name]: plan.spec.workload?.name ?? plan.metadata?.name ?? '',
    [LabelKeys.instance]: plan.metadata?.name ?? '',
  };
}

/**
 * Labels of everything the runtime creates: the plan's labels, then the conventional ones (which win, so
 * a plan cannot break the selector): name, instance, managed-by, and part-of when
 * `spec.options.partOf` names an application.
 */
export function objectLabels(plan: PlanObject): Record<string, string> {
  const partOf = plan.spec.options?.['partOf'];
  return {
    ...(plan.spec.labels ?? {}),
    ...selectorLabels(plan),
    [LabelKeys.managedBy]: MANAGED_BY,
    ...(typeof partOf === 'string' && partOf !== '' ? { [LabelKeys.partOf]: partOf } : {}),
  };
}

/** Annotations of everything the runtime creates: the plan's. */
export function objectAnnotations(plan: PlanObject): Record<string, string> | undefined {
  const annotations = plan.spec.annotations ?? {};
  return Object.keys(annotations).length > 0 ? { ...annotations } : undefined;
}
