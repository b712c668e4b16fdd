// Coalescing of the WorkloadPlan status writes that only report progress.
import {
  PlanPhase,
  PlanReason,
  type AppliedPatch,
  type PlanBatchStatus,
  type WorkloadPlan,
} from '@score-orchestrator/api';

/** How long a progress-only plan status change waits for a transition to carry it, unless configured. */
export const DEFAULT_PLAN_PROGRESS_DELAY_MS = 10_000;

/** What one reconcile concluded about a plan (see `PlanApplier`). */
export interface PlanOutcome {
  readonly phase: PlanPhase;
  readonly reason: string;
  readonly message: string;
  /** Undefined keeps the current endpoint; null removes it. */
  readonly endpoint?: string | null;
  /** Undefined keeps the current batch status; null removes it. */
  readonly batch?: PlanBatchStatus | null;
  /** Undefined keeps the listed patch operations; null removes them. */
  readonly patches?: AppliedPatch[] | null;
}

/**
 * Whether writing `outcome` over `written` (the plan's status as stored) would only report progress: the
 * runtime still says `Progressing` for the same generation with the same reason, and only its message or
 * endpoint (which users need once the plan is Ready) moved on; or the plan has no phase yet and the runtime
 * took it up without a problem (its first status then waits too, so a plan that turns Ready soon gets one
 * write for its generation). A batch plan's runs and any change of phase, reason, generation or patch list
 * are transitions, as are the host's error reasons. Pure.
 */
export function planProgressOnly(
  written: WorkloadPlan['status'] | undefined,
  outcome: PlanOutcome,
  generation: number | undefined,
): boolean {
  if (outcome.phase !== PlanPhase.Progressing || outcome.batch) return false;
  if (outcome.reason === PlanReason.ApplyError) return false;
  if (!written?.phase) return true;
  return (
    written.phase === outcome.phase &&
    written.reason === outcome.reason &&
    written.observedGeneration === generation &&
    !written.batch &&
    JSON.stringify(written.patches ?? null) === JSON.stringify(outcome.patches ?? null)
  );
}
