// Coalescing of the Workload status writes that only report progress.
import type { WorkloadCondition, WorkloadStatus } from '@score-orchestrator/api';
import { LruMap } from '@score-orchestrator/operator-sdk';
import { ProgressHoldBack } from '@score-orchestrator/plugin-host';
import { MAX_TRACKED_WORKLOADS } from '../internal/tracked-workloads.js';
import { conditionOf } from './workload-status.js';

/** Condition reasons that say work is under way (nothing is wrong, nothing to do but wait). */
const PROGRESS_REASONS: ReadonlySet<string> = new Set([
  'ClaimsPending',
  'ClaimsNotReady',
  'PlanPending',
  'RuntimeProgressing',
]);

/**
 * `ClaimsReady` turning True from waiting on claims: no claim failed or lacked a resolver before (those
 * turning True are fixes users wait to see), and every claim is bound now.
 */
function claimsBound(old: WorkloadCondition, next: WorkloadCondition | undefined): boolean {
  return (
    next !== undefined &&
    old.reason === 'ClaimsPending' &&
    next.status === 'True' &&
    next.reason === 'AllClaimsBound'
  );
}

/** Whether `ClaimsReady` or `RuntimeReady` is True in `next` and False in what was `written`. */
function conditionTurnedTrue(written: WorkloadStatus | undefined, next: WorkloadStatus): boolean {
  return (['ClaimsReady', 'RuntimeReady'] as const).some(
    (type) => conditionOf(written, type)?.status === 'False' && conditionOf(next, type)?.status === 'True',
  );
}

/**
 * `RuntimeReady` turning True from a progress reason, or from placeholders waiting for outputs while the
 * claims were pending (`claimsWaited`): the workload runs while its claims are still being bound (their
 * outputs were final before their resources were ready; see `ProvisionResult.outputsFinal`).
 */
function runtimeUp(
  old: WorkloadCondition,
  next: WorkloadCondition | undefined,
  claimsWaited: boolean,
): boolean {
  const fromProgress = PROGRESS_REASONS.has(old.reason) || (claimsWaited && old.reason === 'ProjectionError');
  return next !== undefined && old.status === 'False' && fromProgress && next.status === 'True';
}

/** How long a progress-only status change waits for a transition to carry it, unless configured. */
export const DEFAULT_PROGRESS_STATUS_DELAY_MS = 10_000;

/**
 * Whether `next` differs from `written` only in progress: the same `observedGeneration` and conditions
 * with the same statuses, each reason the same or one progress reason for another (`ClaimsNotReady` to
 * `PlanPending`); messages, claim summaries and, while not Ready, the endpoint may differ. `ClaimsReady`
 * turning True (`ClaimsPending` to `AllClaimsBound`) counts as progress too while `Ready` stays False and
 * every other condition is True or has a progress reason, and so does `RuntimeReady` turning True from a
 * progress reason while the claims are still being bound; and, while the claims were pending,
 * `RuntimeReady` going from `ProjectionError` (placeholders waiting for the claims' outputs) to
 * `PlanPending` (the outputs arrived, bound or final early): the Workload is still on its way, and the
 * write that turns `Ready` (or reports a failure) usually carries it, one write fewer per Workload with
 * resources. Anything failing, `ClaimsReady` turning False, `Ready` turning and a new
 * generation are transitions. Except the runtime's own progress (`RuntimeReady` becoming or staying
 * `RuntimeProgressing` with a new message): the runtime host already held it back
 * (`PluginHostOptions.progressStatusDelayMs`), so holding it again would only make it late twice over.
 * Pure.
 */
export function progressOnly(written: WorkloadStatus | undefined, next: WorkloadStatus): boolean {
  if (!written || written.observedGeneration !== next.observedGeneration) return false;
  // The runtime names the endpoint as soon as it takes the plan up; it only matters to users once Ready.
  const ready = next.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  if (written.endpoint !== next.endpoint && ready) return false;
  const before = new Map((written.conditions ?? []).map((c) => [c.type, c]));
  if (before.size !== (next.conditions ?? []).length) return false;
  // On its way: not Ready, and whatever blocks it is progress (a ProjectionError, say, is not: claims bound
  // turn a placeholder waiting for outputs into one that names an output the claim does not have).
  const onItsWay = (next.conditions ?? []).every((c) =>
    c.type === 'Ready' ? c.status === 'False' : c.status === 'True' || PROGRESS_REASONS.has(c.reason ?? ''),
  );
  const claims = before.get('ClaimsReady');
  const claimsWaited = onItsWay && claims?.reason === 'ClaimsPending';
  const bound = claimsWaited && claimsBound(claims, conditionOf(next, 'ClaimsReady'));
  const runtime = before.get('RuntimeReady');
  const up =
    onItsWay && runtime !== undefined && runtimeUp(runtime, conditionOf(next, 'RuntimeReady'), claimsWaited);
  return (next.conditions ?? []).every((c) => {
    const old = before.get(c.type);
    if (!old) return false;
    if (old.status !== c.status) {
      return (bound && c.type === 'ClaimsReady') || (up && c.type === 'RuntimeReady');
    }
    // Placeholders that waited for the claims' outputs resolve as the claims bind, or as their resolvers
    // report the outputs final: the plan is made.
    if (claimsWaited && c.type === 'RuntimeReady' && old.reason === 'ProjectionError')
      return c.reason === 'PlanPending';
    const runtimeProgress = c.type === 'RuntimeReady' && c.reason === 'RuntimeProgressing';
    if (runtimeProgress && (old.reason !== c.reason || old.message !== c.message)) return false;
    return (
      old.reason === c.reason ||
      (PROGRESS_REASONS.has(old.reason ?? '') && PROGRESS_REASONS.has(c.reason ?? ''))
    );
  });
}

/**
 * When to write a Workload's status: a progress-only change (see {@link progressOnly}) is held back by the
 * plugin host's `ProgressHoldBack` (the runtime host holds plan progress back the same way): it waits
 * `delayMs` from the first such change for a transition (a condition turning, a failure reason, a new
 * generation, the endpoint) to carry it, and a Workload that stays in progress shows its latest progress
 * `delayMs` late at most. Claims bound or the runtime up (`ClaimsReady` or `RuntimeReady` turning
 * True while the Workload only waits) start the wait afresh, once per write: the plan and the runtime follow, and Ready usually comes within the
 * delay of the claims binding, but not of the claim's first progress (at 200 redis Workloads the wait
 * ran out in between: 2.94 status writes per Workload without the restart, 2.15 with it). So progress
 * from before the claims bound can be up to twice `delayMs` late; `ClaimsReady=True` itself is `delayMs`
 * late at most. Per process, bounded like `WrittenStatuses`.
 */
export class ProgressWrites {
  private readonly pending: ProgressHoldBack;
  /** Workloads whose wait claims bound have restarted since their status was last written. */
  private readonly restarted: LruMap<string, true>;

  constructor(
    delayMs: number = DEFAULT_PROGRESS_STATUS_DELAY_MS,
    now: () => number = Date.now,
    maxWorkloads = MAX_TRACKED_WORKLOADS,
  ) {
    this.pending = new ProgressHoldBack(delayMs, now, maxWorkloads);
    this.restarted = new LruMap(maxWorkloads);
  }

  /**
   * How long to hold back writing `next` over `written` for Workload `uid` (0: write now). Call it only
   * for a status that would change; a held-back change must be looked at again after the time returned.
   */
  holdBack(uid: string, written: WorkloadStatus | undefined, next: WorkloadStatus): number {
    const progress = progressOnly(written, next);
    if (progress && conditionTurnedTrue(written, next) && !this.restarted.get(uid)) {
      this.pending.forget(uid);
      this.restarted.set(uid, true);
    }
    const heldBackMs = this.pending.holdBack(uid, progress);
    if (heldBackMs === 0) this.restarted.delete(uid);
    return heldBackMs;
  }

  /** Nothing pending for `uid` any more (its status is as desired, or it is gone). Idempotent. */
  forget(uid: string): void {
    this.pending.forget(uid);
    this.restarted.delete(uid);
  }
}
