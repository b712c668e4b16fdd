import type { KubeClient, Logger, SharedCache } from '@score-orchestrator/operator-sdk';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { PlanBatchStatus } from '../resources/plan-batch.js';
import type { AppliedPatch } from '../resources/plan-patch.js';

/** The runtime's view of a plan it runs. */
export type RuntimePhase = 'Progressing' | 'Ready' | 'Degraded' | 'Failed';

/** What {@link Runtime.apply} observes after materialising a plan. */
export interface RuntimeObservation {
  readonly phase: RuntimePhase;
  /** A reason from a fixed vocabulary, e.g. `RolloutInProgress`, `ImagePullError`, `CrashLoop`, `Unschedulable`. */
  readonly reason: string;
  /** What a user can act on, with no runtime internals they cannot see and no secret values. */
  readonly message: string;
  /** Where the workload answers (a URL), once known. */
  readonly endpoint?: string;
  /** For a plan with `spec.batch`: where its runs stand (written to `status.batch`; absent removes it). */
  readonly batch?: PlanBatchStatus;
  /** The patch operations applied to what the runtime wrote (written to `status.patches`; absent removes it). */
  readonly patches?: readonly AppliedPatch[];
}

/** What a runtime gets besides the plan. */
export interface RuntimeContext {
  readonly client: KubeClient;
  readonly cache: SharedCache;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

/**
 * A runtime runs WorkloadPlans of its runtime class (declared with `@Runtime`).
 *
 * Contract: `apply` is level-based and idempotent — materialise the plan (server-side apply, owner
 * references to the plan, prune what the plan no longer needs, repair drift) and report what it observes.
 * It runs on every change of the plan or of the objects it owns. Deleting the plan garbage-collects what
 * it owns; `delete` is for anything owner references cannot reach.
 */
export interface Runtime {
  apply(plan: KubernetesObject, ctx: RuntimeContext): Promise<RuntimeObservation>;
  delete?(plan: KubernetesObject, ctx: RuntimeContext): Promise<void>;
}
