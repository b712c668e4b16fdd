/**
 * The condition types and fixed reason vocabularies of the Score resources, as constants, so writers and
 * readers of `status.conditions` spell them one way.
 */

/** `True`, `False` or `Unknown`, as in every Kubernetes condition. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** One entry of `status.conditions`, typed by its condition type and reason vocabulary. */
export interface Condition<TType extends string = string, TReason extends string = string> {
  readonly type: TType;
  readonly status: ConditionStatus;
  readonly reason: TReason;
  readonly message?: string;
  /** RFC 3339 time the status last changed. */
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

/** The condition types of `Workload.status.conditions`. */
export const WorkloadConditionType = {
  InputsValid: 'InputsValid',
  ClaimsReady: 'ClaimsReady',
  RuntimeReady: 'RuntimeReady',
  Ready: 'Ready',
} as const;
export type WorkloadConditionType = (typeof WorkloadConditionType)[keyof typeof WorkloadConditionType];

/** Reasons of the `InputsValid` condition. */
export const InputsValidReason = {
  Valid: 'Valid',
  InvalidSpec: 'InvalidSpec',
  PolicyViolation: 'PolicyViolation',
} as const;
export type InputsValidReason = (typeof InputsValidReason)[keyof typeof InputsValidReason];

/** Reasons of the `ClaimsReady` condition. */
export const ClaimsReadyReason = {
  AllClaimsBound: 'AllClaimsBound',
  NoResources: 'NoResources',
  ClaimsPending: 'ClaimsPending',
  ClaimFailed: 'ClaimFailed',
  ResolverNotFound: 'ResolverNotFound',
} as const;
export type ClaimsReadyReason = (typeof ClaimsReadyReason)[keyof typeof ClaimsReadyReason];

/** Reasons of the `RuntimeReady` condition. */
export const RuntimeReadyReason = {
  Ready: 'Ready',
  ProjectionError: 'ProjectionError',
  PlanPending: 'PlanPending',
  RuntimeProgressing: 'RuntimeProgressing',
  RuntimeDegraded: 'RuntimeDegraded',
  RuntimeFailed: 'RuntimeFailed',
  RuntimeNotFound: 'RuntimeNotFound',
  /** The runtime refused an object of the Workload's names that is someone else's (see the plan's message). */
  NameConflict: 'NameConflict',
  ClaimsNotReady: 'ClaimsNotReady',
  InputsInvalid: 'InputsInvalid',
  /** A batch workload (job) is running; not ready until it completes. */
  Running: 'Running',
  /** A batch workload (job) has completed successfully: ready. */
  Succeeded: 'Succeeded',
  /** A batch workload (job) has failed for good (retries or deadline used up; the message says which). */
  Failed: 'Failed',
  /** A scheduled batch workload (cronjob) is in place and not suspended: ready. */
  Scheduled: 'Scheduled',
  /** A scheduled batch workload (cronjob) is suspended: no run starts. */
  Suspended: 'Suspended',
} as const;
export type RuntimeReadyReason = (typeof RuntimeReadyReason)[keyof typeof RuntimeReadyReason];

/** Reasons of the `Ready` condition. */
export const ReadyReason = {
  Ready: 'Ready',
  NotReady: 'NotReady',
  Deleting: 'Deleting',
  DeletionStalled: 'DeletionStalled',
} as const;
export type ReadyReason = (typeof ReadyReason)[keyof typeof ReadyReason];

/** The reason vocabulary of each Workload condition type. */
export const WorkloadReason = {
  InputsValid: InputsValidReason,
  ClaimsReady: ClaimsReadyReason,
  RuntimeReady: RuntimeReadyReason,
  Ready: ReadyReason,
} as const;

/** The reasons allowed for condition type `T`. */
export type WorkloadReason<T extends WorkloadConditionType = WorkloadConditionType> = {
  InputsValid: InputsValidReason;
  ClaimsReady: ClaimsReadyReason;
  RuntimeReady: RuntimeReadyReason;
  Ready: ReadyReason;
}[T];

/** A Workload condition whose reason belongs to its type's vocabulary. */
export type WorkloadCondition = {
  [T in WorkloadConditionType]: Condition<T, WorkloadReason<T>>;
}[WorkloadConditionType];

/** Phases of `ResourceClaim.status.phase`. */
export const ClaimPhase = {
  Pending: 'Pending',
  Provisioning: 'Provisioning',
  Bound: 'Bound',
  Failed: 'Failed',
  Deprovisioning: 'Deprovisioning',
} as const;
export type ClaimPhase = (typeof ClaimPhase)[keyof typeof ClaimPhase];

/**
 * The condition types of `ResourceClaim.status.conditions`, written by the resolver host: `Ready` (the
 * claim is `Bound`) and `OutputsAvailable` (Workloads may use its outputs: it is `Bound`, or its resolver
 * reported the outputs final while the resource is still starting; see `ProvisionResult.outputsFinal`).
 */
export const ClaimConditionType = {
  Ready: 'Ready',
  OutputsAvailable: 'OutputsAvailable',
} as const;
export type ClaimConditionType = (typeof ClaimConditionType)[keyof typeof ClaimConditionType];

/** Phases of `WorkloadPlan.status.phase`. */
export const PlanPhase = {
  Pending: 'Pending',
  Progressing: 'Progressing',
  Ready: 'Ready',
  Degraded: 'Degraded',
  Failed: 'Failed',
} as const;
export type PlanPhase = (typeof PlanPhase)[keyof typeof PlanPhase];
