// The runtime host's reconcile and finalize: dispatch a plan to its runtime and report what it observes.
import { isDeepStrictEqual } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  describeError,
  isTerminalError,
  Result,
  type ReconcileContext,
  type ReconcileResult,
} from '@score-orchestrator/operator-sdk';
import {
  PlanPhase,
  WorkloadPlanKind,
  type WorkloadPlan,
  type RuntimeOptions,
  type Runtime,
  type RuntimeContext,
  PlanReason,
} from '@score-orchestrator/api';
import { ownershipRefusalOf } from './name-conflict.js';
import { ProgressHoldBack } from '../progress-hold-back.js';
import { DEFAULT_PLAN_PROGRESS_DELAY_MS, planProgressOnly, type PlanOutcome } from './plan-progress.js';
import type { PluginInstance } from './plugin-instances.js';
import { setOrDelete, withReadyCondition } from './ready-condition.js';

export type BoundRuntime = PluginInstance<Runtime, RuntimeOptions>;

/** Dispatches plans to runtimes by `spec.runtimeClass`. */
export class PlanApplier {
  private readonly progress: ProgressHoldBack;

  /** `progressStatusDelayMs`: see `PluginHostOptions.progressStatusDelayMs`. */
  constructor(
    private readonly runtimes: readonly BoundRuntime[],
    private readonly reportUnmatched: boolean,
    progressStatusDelayMs?: number,
  ) {
    this.progress = new ProgressHoldBack(progressStatusDelayMs ?? DEFAULT_PLAN_PROGRESS_DELAY_MS);
  }

  async reconcile(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    let plan = obj as WorkloadPlan;
    const bound = this.runtimeFor(plan);
    if (!bound) {
      if (this.reportUnmatched) {
        const installed = this.runtimes.map((r) => r.options.runtimeClass).join(', ') || 'none';
        await this.report(ctx, plan, {
          phase: PlanPhase.Pending,
          reason: PlanReason.RuntimeNotFound,
          message: `no runtime serves runtimeClass "${plan.spec.runtimeClass}"; installed runtime classes: ${installed}`,
        });
      }
      return Result.done();
    }
    const { instance: runtime, options } = bound;
    // Only a runtime with `delete` has something to clean up: other plans are never held back from deletion.
    if (runtime.delete) plan = await ctx.finalizer.add(plan);
    let observation;
    try {
      observation = await runtime.apply(plan, contextOf(ctx, options));
    } catch (err) {
      // Someone else's object fails the plan; one of an earlier plan of this name, left to the garbage
      // collector, is waited for (it goes by itself).
      const refusal = ownershipRefusalOf(err, ctx.events, `runtime ${options.runtimeClass}`);
      if (refusal) {
        const { predecessor, message } = refusal;
        ctx.logger.info(
          predecessor
            ? "waiting for an earlier plan's object of that name to go"
            : "plan refused: an object of that name is not the plan's",
        );
        await this.report(ctx, plan, {
          phase: predecessor ? PlanPhase.Progressing : PlanPhase.Failed,
          reason: predecessor ? PlanReason.WaitingForPredecessor : PlanReason.NameConflict,
          message,
        });
        return Result.requeueAfter(refusal.recheckMs);
      }
      const terminal = isTerminalError(err);
      await this.report(ctx, plan, {
        phase: terminal ? PlanPhase.Failed : (plan.status?.phase ?? PlanPhase.Progressing),
        reason: terminal ? PlanReason.ApplyFailed : PlanReason.ApplyError,
        message: `runtime ${options.runtimeClass} failed to apply the plan: ${err instanceof Error ? err.message : describeError(err)}`,
      });
      throw err;
    }
    const heldBackMs = await this.report(
      ctx,
      plan,
      {
        phase: observation.phase,
        reason: observation.reason,
        message: observation.message,
        endpoint: observation.endpoint ?? null,
        batch: observation.batch ?? null,
        patches: observation.patches?.length ? [...observation.patches] : null,
      },
      { coalesce: true },
    );
    return heldBackMs > 0 ? Result.requeueAfter(heldBackMs) : Result.done();
  }

  /** Runs the runtime's `delete` (only runtimes with one get a finalizer); without the runtime, releases. */
  async finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const plan = obj as WorkloadPlan;
    const bound = this.runtimeFor(plan);
    if (!bound?.instance.delete) {
      ctx.logger.info('no runtime to delete the plan; releasing it');
      ctx.events.warning(
        'DeleteSkipped',
        'no installed runtime cleans up this plan; owner references clean up',
      );
      return Result.done();
    }
    await bound.instance.delete(plan, contextOf(ctx, bound.options));
    ctx.logger.info('deleted plan from runtime', { runtimeClass: bound.options.runtimeClass });
    return Result.done();
  }

  private runtimeFor(plan: WorkloadPlan): BoundRuntime | undefined {
    return this.runtimes.find((r) => r.options.runtimeClass === plan.spec.runtimeClass);
  }

  /**
   * Writes the plan's status, starting from `current` (this reconcile's copy) instead of a read. With
   * `coalesce`, a change that only reports progress is held back (see `ProgressHoldBack`, `planProgressOnly`): the result
   * says how long (0 when written or unchanged), and the plan must be looked at again then.
   */
  private async report(
    ctx: ReconcileContext,
    current: WorkloadPlan,
    outcome: PlanOutcome,
    { coalesce = false } = {},
  ): Promise<number> {
    const now = new Date().toISOString();
    const mutate = (plan: WorkloadPlan) => {
      const status = plan.status ?? {};
      const generation = plan.metadata?.generation;
      status.observedGeneration = generation;
      status.phase = outcome.phase;
      status.reason = outcome.reason;
      status.message = outcome.message;
      if (outcome.endpoint !== undefined) setOrDelete(status, 'endpoint', outcome.endpoint || undefined);
      if (outcome.batch !== undefined) setOrDelete(status, 'batch', outcome.batch ?? undefined);
      if (outcome.patches !== undefined) setOrDelete(status, 'patches', outcome.patches ?? undefined);
      status.conditions = withReadyCondition(
        status.conditions,
        {
          ready: outcome.phase === PlanPhase.Ready,
          reason: outcome.reason,
          message: outcome.message,
          observedGeneration: generation,
        },
        now,
      );
      plan.status = status;
    };
    const uid = current.metadata?.uid ?? '';
    if (coalesce) {
      const next = structuredClone(current);
      mutate(next);
      if (isDeepStrictEqual(current.status, next.status)) {
        this.progress.forget(uid);
        return 0;
      }
      const progressOnly = planProgressOnly(current.status, outcome, current.metadata?.generation);
      const heldBackMs = this.progress.holdBack(uid, progressOnly);
      if (heldBackMs > 0) return heldBackMs;
    } else {
      this.progress.forget(uid);
    }
    await ctx.client.updateStatus<WorkloadPlan>(WorkloadPlanKind, ctx.key, mutate, { current });
    return 0;
  }
}

function contextOf(ctx: ReconcileContext, options: RuntimeOptions): RuntimeContext {
  return {
    client: ctx.client,
    cache: ctx.cache,
    logger: ctx.logger.child({ runtimeClass: options.runtimeClass }),
    signal: ctx.signal,
  };
}
