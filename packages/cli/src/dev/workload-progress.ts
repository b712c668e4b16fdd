import { WorkloadConditionType, type Condition } from '@score-orchestrator/api';

/** A Workload's user-facing status, reduced to what `dev` shows. */
export interface WorkloadProgress {
  /** `namespace/name`. */
  readonly key: string;
  readonly generation: number;
  readonly observedGeneration?: number;
  /** The four Workload conditions by type; absent until the orchestrator sets them. */
  readonly conditions: Readonly<Partial<Record<WorkloadConditionType, Condition>>>;
  readonly endpoint?: string;
}

/** Where a Workload stands: still converging, Ready, or stuck on a reason waiting will not fix. */
export type WorkloadVerdict =
  | { readonly state: 'pending' }
  | { readonly state: 'ready' }
  | {
      readonly state: 'failed';
      readonly condition: WorkloadConditionType;
      readonly reason: string;
      readonly message: string;
    };

/** Reasons that mean the Workload will not become Ready without a change by someone. */
export const TERMINAL_REASONS: ReadonlySet<string> = new Set([
  'InvalidSpec',
  'PolicyViolation',
  'ClaimFailed',
  'ResolverNotFound',
  'ProjectionError',
  'RuntimeFailed',
  'RuntimeNotFound',
  'DeletionStalled',
]);

export const CONDITION_ORDER: readonly WorkloadConditionType[] = [
  WorkloadConditionType.InputsValid,
  WorkloadConditionType.ClaimsReady,
  WorkloadConditionType.RuntimeReady,
  WorkloadConditionType.Ready,
];

interface WorkloadLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly generation?: number };
  readonly status?: {
    readonly observedGeneration?: number;
    readonly conditions?: readonly Condition[];
    readonly endpoint?: string;
  };
}

/** Reads a Workload object (as the API server returns it) into a {@link WorkloadProgress}. */
export function workloadProgress(obj: WorkloadLike): WorkloadProgress {
  const conditions: Partial<Record<WorkloadConditionType, Condition>> = {};
  for (const condition of obj.status?.conditions ?? []) {
    if ((CONDITION_ORDER as readonly string[]).includes(condition.type)) {
      conditions[condition.type as WorkloadConditionType] = condition;
    }
  }
  return {
    key: `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`,
    generation: obj.metadata?.generation ?? 0,
    observedGeneration: obj.status?.observedGeneration,
    conditions,
    ...(obj.status?.endpoint === undefined || obj.status.endpoint === ''
      ? {}
      : { endpoint: obj.status.endpoint }),
  };
}

/**
 * Judges a Workload: `ready` when `Ready` is True for the current generation; `failed` when a condition is
 * False with a {@link TERMINAL_REASONS terminal reason} for the current generation (`ProjectionError` only
 * once `ClaimsReady` is True: before that, placeholders are waiting for outputs); `pending` otherwise.
 */
export function workloadVerdict(progress: WorkloadProgress): WorkloadVerdict {
  const current = (condition: Condition): boolean =>
    (condition.observedGeneration ?? progress.observedGeneration ?? 0) >= progress.generation;
  const ready = progress.conditions.Ready;
  if (ready !== undefined && ready.status === 'True' && current(ready)) return { state: 'ready' };
  for (const type of CONDITION_ORDER) {
    const condition = progress.conditions[type];
    if (condition === undefined || condition.status !== 'False' || !current(condition)) continue;
    // Placeholders wait for claims: a ProjectionError only sticks once every claim is bound.
    const waitingForClaims =
      condition.reason === 'ProjectionError' && progress.conditions.ClaimsReady?.status !== 'True';
    if (TERMINAL_REASONS.has(condition.reason) && !waitingForClaims) {
      return { state: 'failed', condition: type, reason: condition.reason, message: condition.message ?? '' };
    }
  }
  return { state: 'pending' };
}
