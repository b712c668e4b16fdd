import {
  claimDeprovisionPolicy,
  ResourceClaimKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
  type WorkloadPlan,
  type WorkloadStatus,
} from '@score-orchestrator/api';
import {
  isNotFound,
  OWNER_UID_INDEX,
  Result,
  type ReconcileContext,
  type ReconcileResult,
} from '@score-orchestrator/operator-sdk';
import { ClaimWriter } from '../claims/claim-writer.js';
import type { DesiredCondition } from '../status/desired-condition.js';
import type { DesiredWorkloadStatus } from '../status/workload-status.js';
import { WorkloadEventReason } from './workload-events.js';

/** What {@link finalizeWorkload} needs besides the Workload. */
export interface DeletionSettings {
  readonly deletionTimeoutMs: number;
  readonly now: Date;
  readonly writeStatus: (desired: DesiredWorkloadStatus) => Promise<WorkloadStatus>;
}

/**
 * Deletion of a Workload, in reverse order of its making. Runs under the controller's finalizer, on every
 * change of the plan or of a claim the Workload still owns; idempotent.
 *
 * 1. Delete the plan and wait until it is gone (its runtime may hold it with a finalizer while it tears
 *    the workload down).
 * 2. Release every claim (see `ClaimWriter.release`): claims shared with other Workloads lose only this
 *    owner; `Orphan` claims are left ownerless; `Delete` and `Retain` claims are deleted and waited for
 *    (their resolver deprovisions by the policy).
 * 3. Done: the finalizer is removed.
 *
 * Guarantee: a Workload is never stuck for good. If the plan or a claim is still there
 * `deletionTimeoutMs` after deletion began (a missing runtime or resolver), the claims are released
 * anyway, `Ready=False` reason `DeletionStalled` and a Warning event name what blocks, and the finalizer
 * is removed, leaving those objects behind. Until then the only timer is one wake-up at the deadline.
 */
export async function finalizeWorkload(
  workload: Workload,
  ctx: ReconcileContext,
  settings: DeletionSettings,
): Promise<ReconcileResult> {
  const deleting = workload.metadata.deletionTimestamp;
  const started = (deleting === undefined ? NaN : new Date(deleting).getTime()) || settings.now.getTime();
  const remainingMs = started + settings.deletionTimeoutMs - settings.now.getTime();
  const timedOut = remainingMs <= 0;
  const blockers: string[] = [];

  const plan = ctx.cache.get<WorkloadPlan>(WorkloadPlanKind, ctx.key);
  if (plan && (plan.metadata.ownerReferences ?? []).some((ref) => ref.uid === workload.metadata.uid)) {
    if (!plan.metadata.deletionTimestamp) await deleteIgnoringAbsence(ctx, plan);
    blockers.push(`WorkloadPlan ${plan.metadata.name}`);
  }
  if (blockers.length === 0 || timedOut) {
    const writer = new ClaimWriter(ctx.client);
    const owned = ctx.cache.list<ResourceClaim>(ResourceClaimKind, {
      namespace: workload.metadata.namespace,
      index: { name: OWNER_UID_INDEX, value: workload.metadata.uid! },
    });
    for (const claim of owned) {
      if ((await writer.release(workload, claim)) === 'deleting') {
        blockers.push(
          `ResourceClaim ${claim.metadata.name} (${claim.spec.type}.${claim.spec.class}, deprovisionPolicy ${claimDeprovisionPolicy(claim)})`,
        );
      }
    }
  }
  if (blockers.length === 0) {
    ctx.logger.info('workload released its plan and claims');
    return Result.done();
  }
  if (timedOut) {
    const message = `deletion did not finish within ${Math.round(settings.deletionTimeoutMs / 1000)}s; left behind: ${blockers.join(', ')}`;
    await settings.writeStatus(
      deletionStatus(workload, { type: 'Ready', status: 'False', reason: 'DeletionStalled', message }),
    );
    ctx.events.warning(WorkloadEventReason.DeletionStalled, message, 'Delete');
    ctx.logger.warn('deletion stalled; releasing the workload', { blockers: blockers.join(', ') });
    return Result.done();
  }
  const message = `deleting: waiting for ${blockers.join(', ')}`;
  await settings.writeStatus(
    deletionStatus(workload, { type: 'Ready', status: 'False', reason: 'Deleting', message }),
  );
  return Result.requeueAfter(remainingMs);
}

function deletionStatus(workload: Workload, ready: DesiredCondition): DesiredWorkloadStatus {
  const status = workload.status ?? {};
  const others = (status.conditions ?? [])
    .filter((c) => c.type !== 'Ready')
    .map(({ lastTransitionTime: _t, observedGeneration: _g, ...rest }) => rest as DesiredCondition);
  return {
    observedGeneration: status.observedGeneration ?? workload.metadata.generation ?? 0,
    endpoint: status.endpoint,
    conditions: [...others, ready],
    claims: status.claims ?? [],
  };
}

async function deleteIgnoringAbsence(ctx: ReconcileContext, plan: WorkloadPlan): Promise<void> {
  try {
    await ctx.client.delete(WorkloadPlanKind, ctx.key, { preconditions: { uid: plan.metadata.uid } });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
