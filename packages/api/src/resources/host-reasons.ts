/**
 * The reasons the plugin hosts write into `ResourceClaim.status.reason` and `WorkloadPlan.status.reason`
 * (and into the `Ready` condition they keep beside the phase), as constants so readers spell them one way.
 */

/** Reasons of a claim's status, written by the resolver host. */
export const ClaimReason = {
  /** No bound resolver serves the claim's type/class/id, or `spec.resolver` names one that is not installed. */
  ResolverNotFound: 'ResolverNotFound',
  /** The resolver is working on it, or reported `ready: false`. */
  Provisioning: 'Provisioning',
  /** The resolver reported the resource ready; outputs are published. */
  Bound: 'Bound',
  /**
   * Reason of `OutputsAvailable=True` while the claim is still `Provisioning`: its resolver reported the
   * outputs final before the resource is ready (`ProvisionResult.outputsFinal`).
   */
  OutputsFinal: 'OutputsFinal',
  /** `provision` threw an error that is retried with backoff. */
  ProvisionError: 'ProvisionError',
  /** `provision` threw a `TerminalError` (e.g. bad params): not retried until the claim changes. */
  ProvisionFailed: 'ProvisionFailed',
  /** The claim is deleted and the resolver's `deprovision` runs. */
  Deprovisioning: 'Deprovisioning',
  /** `deprovision` threw; retried with backoff while the claim waits for its finalizer. */
  DeprovisionError: 'DeprovisionError',
  /**
   * An object the resolver would write exists and is not the claim's (phase `Failed`): nothing was written
   * or adopted. The message names the object's kind and name. Looked at again every minute.
   */
  NameConflict: 'NameConflict',
  /**
   * An object the resolver would write is still controlled by an earlier claim of this name, deleted a
   * moment ago (e.g. a PVC its finalizer keeps until the pod using it stops): phase `Provisioning`, nothing
   * written or taken. The claim goes on once that object is gone; no `NameConflict`, no Warning.
   */
  WaitingForPredecessor: 'WaitingForPredecessor',
} as const;
export type ClaimReason = (typeof ClaimReason)[keyof typeof ClaimReason];

/** Reasons of the Events the resolver host records on claims (beside the status reasons above). */
export const ClaimEventReason = {
  /** Warning: a resolver refused an object of the claim's names that is someone else's. */
  NameConflict: 'NameConflict',
  /**
   * Warning: the claim's `spec.deprovisionPolicy` (the platform config's current choice) differs from the
   * policy latched in its status when it was first provisioned, which is kept.
   */
  DeprovisionPolicyKept: 'DeprovisionPolicyKept',
  /**
   * Warning: the resolver the claim's spec chooses now (the platform config's rules, which may match on the
   * namespace's labels) differs from the resolver latched in its status when it was first provisioned,
   * which keeps serving it.
   */
  ResolverKept: 'ResolverKept',
} as const;
export type ClaimEventReason = (typeof ClaimEventReason)[keyof typeof ClaimEventReason];

/** Reasons of a plan's status written by the runtime host itself (otherwise the runtime's own reason). */
export const PlanReason = {
  /** No bound runtime serves the plan's `spec.runtimeClass`. */
  RuntimeNotFound: 'RuntimeNotFound',
  /** `apply` threw an error that is retried with backoff. */
  ApplyError: 'ApplyError',
  /** `apply` threw a `TerminalError`: not retried until the plan changes. */
  ApplyFailed: 'ApplyFailed',
  /**
   * An object the runtime would write exists and is not the plan's (phase `Failed`): nothing of it was
   * written. The message names the object's kind and name. Looked at again every minute.
   */
  NameConflict: 'NameConflict',
  /**
   * An object the runtime would write is still controlled by an earlier plan of this name (its Workload was
   * deleted and applied again before the garbage collector took the old objects): phase `Progressing`,
   * nothing written. The plan is applied once that object is gone; no `NameConflict`, no Warning.
   */
  WaitingForPredecessor: 'WaitingForPredecessor',
} as const;
export type PlanReason = (typeof PlanReason)[keyof typeof PlanReason];
