import { endpointTemplatesFor } from '../projection/endpoint-templates.js';
import { patchTemplatesFor } from '../projection/patch-templates.js';
import { inject, optional } from 'inversify';
import {
  ResourceClaim,
  ResourceClaimKind,
  Workload,
  WorkloadKind,
  WorkloadPlan,
  WorkloadPlanKind,
  type WorkloadStatus,
} from '@score-orchestrator/api';
import {
  Controller,
  OWNER_UID_INDEX,
  Predicates,
  Result,
  type ReconcileContext,
  type ReconcileResult,
  type Reconciler,
} from '@score-orchestrator/operator-sdk';
import { claimName } from '../claims/claim-name.js';
import { workloadOwners } from '../claims/claim-object.js';
import { claimOwners } from '../claims/claim-owners-map.js';
import { ClaimWriter } from '../claims/claim-writer.js';
import type { PlatformConfigStore } from '../platform-config/platform-config-store.js';
import type { PolicyEvaluator } from '../policy/policy-engine.js';
import { endpointHintsOf } from '../projection/endpoint-hints.js';
import { toPlanContainers } from '../projection/plan-containers.js';
import { buildWorkloadPlan, planUpToDate } from '../projection/workload-plan.js';
import {
  claimsOutputsReady,
  ClaimSummaryReason,
  specConflictNote,
  summarizeClaims,
  type ClaimNote,
} from '../status/claim-summaries.js';
import {
  claimsReadyCondition,
  inputsValidCondition,
  readyCondition,
  runtimeReadyCondition,
  type RuntimeFacts,
} from '../status/workload-conditions.js';
import {
  mergeWorkloadStatus,
  statusUnchanged,
  type DesiredWorkloadStatus,
} from '../status/workload-status.js';
import { ProgressWrites } from '../status/progress-writes.js';
import { OrchestratorTokens, WorkloadTokens } from '../tokens.js';
import { evaluateWorkload } from './evaluate-workload.js';
import { namespaceLabelsFor, type NamespaceLabelSource } from './namespace-labels.js';
import {
  DEFAULT_DELETION_TIMEOUT_MS,
  DEFAULT_WORKLOAD_CONCURRENCY,
  TERMINATING_CLAIM_RETRY_MS,
  type WorkloadControllerOptions,
} from './workload-controller-options.js';
import { projectionEvent, ProjectionEvents } from './projection-events.js';
import { finalizeWorkload } from './workload-deletion.js';
import { recordTransitions, WorkloadEventReason } from './workload-events.js';
import { WrittenStatuses } from './written-statuses.js';

/** The finalizer the Workload controller puts on every Workload. */
export const WORKLOAD_FINALIZER = 'score.dev/workload-finalizer';

/**
 * Turns each Workload into ResourceClaims and a WorkloadPlan and reports on them in `Workload.status`
 * (see ARCHITECTURE.md, "The flow of one Workload"). Level-based: every reconcile reads the Workload, its
 * claims and its plan from the cache and converges them; with nothing changed it writes nothing.
 *
 * Triggered by watches only: the Workload, its plan (controller-owned), and every claim it owns (claims
 * map to all their owning Workloads). Platform config changes re-enqueue every Workload (see
 * `requeueAllWorkloads`); where resolver rules match namespace labels, a cluster-wide orchestrator also
 * re-enqueues a namespace's Workloads when its labels change (see `namespaceLabelsWatch`). The only timer
 * is the bounded wait of a deletion.
 *
 * Invalid inputs (spec or policy): no claim and no plan is made or changed, but what exists is kept (a
 * running workload is not torn down by an edit that breaks it) and the status says why. The same holds for
 * placeholders that cannot be resolved (`RuntimeReady=False ProjectionError`): claims are kept up to date,
 * but the plan from before, if any, is neither changed nor deleted until they resolve.
 */
@Controller({
  for: Workload,
  owns: [WorkloadPlan],
  watches: [{ kind: ResourceClaim, map: claimOwners }],
  // Its own status writes change nothing it reads: without this each one would reconcile it again.
  predicates: [Predicates.specOrMetadataChanged()],
  concurrency: DEFAULT_WORKLOAD_CONCURRENCY,
  name: 'workload',
  finalizer: WORKLOAD_FINALIZER,
})
export class WorkloadController implements Reconciler<Workload> {
  private readonly deletionTimeoutMs: number;
  private readonly now: () => Date;
  private readonly projectionEvents = new ProjectionEvents();
  private readonly writtenStatuses = new WrittenStatuses();
  private readonly progressWrites: ProgressWrites;

  constructor(
    @inject(OrchestratorTokens.PlatformConfigStore) private readonly store: PlatformConfigStore,
    @inject(OrchestratorTokens.PolicyEngine) private readonly policy: PolicyEvaluator,
    @inject(WorkloadTokens.WorkloadControllerOptions)
    @optional()
    options?: WorkloadControllerOptions,
    @inject(WorkloadTokens.NamespaceLabelSource)
    @optional()
    private readonly namespaceLabelSource: NamespaceLabelSource = 'api',
  ) {
    this.deletionTimeoutMs = options?.deletionTimeoutMs ?? DEFAULT_DELETION_TIMEOUT_MS;
    this.now = options?.now ?? (() => new Date());
    this.progressWrites = new ProgressWrites(options?.progressStatusDelayMs, () => this.now().getTime());
  }

  async reconcile(workload: Workload, ctx: ReconcileContext): Promise<ReconcileResult> {
    const owned = ctx.cache.list<ResourceClaim>(ResourceClaimKind, {
      namespace: workload.metadata.namespace,
      index: { name: OWNER_UID_INDEX, value: workload.metadata.uid! },
    });
    const seen = claimsInSight(workload, owned, ctx);
    const config = this.store.current;
    const evaluation = evaluateWorkload({
      workload,
      config,
      policy: this.policy,
      claims: seen,
      namespaceLabels: await namespaceLabelsFor(
        config,
        workload.metadata.namespace!,
        this.namespaceLabelSource,
        ctx,
      ),
    });
    const claims = new Map(seen);
    let plan = ctx.cache.get<WorkloadPlan>(WorkloadPlanKind, ctx.key);
    if (plan && !ownedBy(plan, workload)) plan = undefined;
    const notes = new Map<string, ClaimNote>();
    let retryAfterMs: number | undefined;
    let runtime: RuntimeFacts;
    let planApplied = false;

    if (!evaluation.valid) {
      runtime = { state: 'inputsInvalid', plan };
    } else {
      const writer = new ClaimWriter(ctx.client);
      for (const intent of evaluation.intents) {
        const outcome = await writer.ensure(workload, intent, seen.get(intent.claim));
        if (outcome.state === 'ready' || outcome.state === 'specConflict') {
          claims.set(intent.claim, outcome.claim);
          if (outcome.written)
            ctx.logger.info('claim written', { claim: intent.claim, resource: intent.resource });
          if (outcome.state === 'specConflict')
            notes.set(intent.resource, specConflictNote(outcome.conflict));
        } else if (outcome.state === 'terminating') {
          notes.set(intent.resource, {
            reason: ClaimSummaryReason.ClaimTerminating,
            message: `claim ${intent.claim} is being deleted; a new one is made once it is gone`,
          });
          retryAfterMs = TERMINATING_CLAIM_RETRY_MS;
        } else if (outcome.state === 'conflict') {
          notes.set(intent.resource, { reason: ClaimSummaryReason.ClaimConflict, message: outcome.message });
        }
      }
      const wanted = new Set(evaluation.intents.map((intent) => intent.claim));
      for (const claim of owned) {
        if (wanted.has(claim.metadata.name!)) continue;
        await writer.release(workload, claim);
        claims.delete(claim.metadata.name!);
      }
      const summaries = summarizeClaims(evaluation.intents, claims, notes);
      // The plan is made once every claim's outputs are available: bound, or final while the resource
      // starts, so the workload rolls out beside it (Ready still waits for the claims to be bound).
      const outputsReady = claimsOutputsReady(summaries);
      if (!evaluation.projection.resolved) {
        // No new plan; one from before keeps running unchanged until the placeholders resolve.
        runtime = {
          state: 'projectionError',
          unresolved: evaluation.projection.unresolved,
          claims: summaries,
          plan,
        };
      } else if (!outputsReady) {
        runtime = { state: 'claimsNotReady', plan };
      } else {
        const desired = buildWorkloadPlan(workload, {
          profile: evaluation.profile,
          run: evaluation.run,
          containers: toPlanContainers(evaluation.projection.value),
          endpointHints: endpointHintsOf(evaluation.intents, evaluation.bindings),
          endpointTemplates: endpointTemplatesFor(this.store.current, evaluation.profile.runtimeClass),
          patchTemplates: patchTemplatesFor(this.store.current, evaluation.profile.profile),
        });
        if (!planUpToDate(plan, desired)) {
          plan = await ctx.client.apply(desired);
          planApplied = true;
          ctx.logger.info('plan applied', { runtimeClass: desired.spec.runtimeClass });
        }
        runtime = { state: 'planned', plan, runtimeClass: evaluation.profile.runtimeClass };
      }
    }

    const summaries = summarizeClaims(evaluation.intents, claims, notes);
    const inputs = inputsValidCondition(evaluation.valid ? { reason: 'Valid' } : evaluation.verdict);
    const claimsCondition = claimsReadyCondition(summaries);
    const runtimeCondition = runtimeReadyCondition(runtime);
    const desired: DesiredWorkloadStatus = {
      observedGeneration: workload.metadata.generation ?? 0,
      endpoint: plan?.status?.endpoint,
      conditions: [
        inputs,
        claimsCondition,
        runtimeCondition,
        readyCondition([inputs, claimsCondition, runtimeCondition]),
      ],
      claims: summaries,
    };
    // The status last written, which the cached Workload may not show yet: what writes and transitions
    // compare with.
    const known = this.writtenStatuses.latest(workload);
    const { status: next, heldBackMs } = await this.writeStatus(known, desired, ctx, { coalesce: true });
    if (heldBackMs > 0) retryAfterMs = Math.min(retryAfterMs ?? heldBackMs, heldBackMs);
    if (planApplied) {
      ctx.events.normal(
        WorkloadEventReason.PlanApplied,
        `applied the plan for runtime class ${plan?.spec.runtimeClass} (generation ${workload.metadata.generation ?? 0})`,
      );
    }
    // A held-back status is no transition yet: what was written is what users see.
    if (heldBackMs === 0) recordTransitions(ctx.events, known.status, next);
    if (runtime.state === 'projectionError') {
      const event = projectionEvent(runtime.unresolved, runtimeCondition.message ?? '', summaries);
      this.projectionEvents.record(workload.metadata.uid!, ctx.events, event);
    } else {
      this.projectionEvents.end(workload.metadata.uid!);
    }
    return retryAfterMs === undefined ? Result.done() : Result.requeueAfter(retryAfterMs);
  }

  async finalize(workload: Workload, ctx: ReconcileContext): Promise<ReconcileResult> {
    const uid = workload.metadata.uid!;
    this.projectionEvents.end(uid);
    try {
      return await finalizeWorkload(workload, ctx, {
        deletionTimeoutMs: this.deletionTimeoutMs,
        now: this.now(),
        writeStatus: async (desired) => (await this.writeStatus(workload, desired, ctx)).status,
      });
    } finally {
      // Deletion records no transitions; a finalize run again starts from the cache.
      this.writtenStatuses.forget(uid);
      this.progressWrites.forget(uid);
    }
  }

  /**
   * Writes the status unless it would not change, compared with `workload` (the cached Workload, or the
   * status last written when the cache lags: see `WrittenStatuses`), and remembers what was stored. With
   * `coalesce`, a change that only reports progress is held back for a while (see `ProgressWrites`):
   * `heldBackMs` says when to look again, and `status` is the one computed (not written).
   */
  private async writeStatus(
    workload: Workload,
    desired: DesiredWorkloadStatus,
    ctx: ReconcileContext,
    { coalesce = false } = {},
  ): Promise<{ status: WorkloadStatus; heldBackMs: number }> {
    const uid = workload.metadata.uid!;
    const next = mergeWorkloadStatus(workload.status, desired, this.now());
    if (statusUnchanged(workload.status, next)) {
      this.progressWrites.forget(uid);
      return { status: next, heldBackMs: 0 };
    }
    const heldBackMs = coalesce ? this.progressWrites.holdBack(uid, workload.status, next) : 0;
    if (heldBackMs > 0) return { status: next, heldBackMs };
    // The first attempt starts from `workload` (no extra GET); a conflict re-reads.
    const { object } = await ctx.client.updateStatus<Workload>(
      WorkloadKind,
      ctx.key,
      (current) => {
        current.status = mergeWorkloadStatus(current.status, desired, this.now());
      },
      { current: workload },
    );
    this.writtenStatuses.remember(object);
    return { status: object.status ?? next, heldBackMs: 0 };
  }
}

/**
 * The claims this Workload owns, plus those it asks for that exist without it yet: shared claims other
 * Workloads made, and ownerless ones it may adopt. A private claim of another Workload is left out, so its
 * outputs never leak into this one.
 */
function claimsInSight(
  workload: Workload,
  owned: readonly ResourceClaim[],
  ctx: ReconcileContext,
): Map<string, ResourceClaim> {
  const claims = new Map(owned.map((claim) => [claim.metadata.name!, claim]));
  for (const [resourceName, resource] of Object.entries(workload.spec.resources ?? {})) {
    const name = claimName(workload.metadata.name!, resourceName, resource);
    if (claims.has(name)) continue;
    const claim = ctx.cache.get<ResourceClaim>(ResourceClaimKind, {
      namespace: workload.metadata.namespace,
      name,
    });
    if (claim && (claim.spec.id !== undefined || workloadOwners(claim).length === 0)) claims.set(name, claim);
  }
  return claims;
}

function ownedBy(plan: WorkloadPlan, workload: Workload): boolean {
  return (plan.metadata.ownerReferences ?? []).some(
    (ref) => ref.uid === workload.metadata.uid && ref.controller,
  );
}
