import type {
  KubernetesObject,
  V1CronJob,
  V1Deployment,
  V1Job,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { inject, optional } from 'inversify';
import {
  PatchTemplateCache,
  Runtime,
  type AppliedPatch,
  type Runtime as RuntimeContract,
  type RuntimeContext,
  type RuntimeObservation,
} from '@score-orchestrator/api';
import {
  applyOwned,
  BuiltinKinds,
  checkOwnership,
  formatObjectKey,
  objectKeyOf,
} from '@score-orchestrator/operator-sdk';
import { planEndpoint } from '../endpoint/plan-endpoint.js';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { planIdentity, type PlanObject } from '../mapping/plan-object.js';
import { patchManifests } from '../patching/patch-manifests.js';
import {
  planToManifests,
  type WorkloadManifests,
  type WorkloadObject,
} from '../mapping/workload-manifests.js';
import {
  resolveRuntimeSettings,
  type KubernetesRuntimeSettingsInput,
  type ResolvedRuntimeSettings,
} from '../settings/runtime-settings.js';
import { observeCronJob, observeJob } from '../status/observe-batch.js';
import { observeRollout } from '../status/observe-rollout.js';
import { RuntimeKubernetesTokens } from '../tokens.js';
import { AppliedObjects } from './applied-objects.js';
import { deleteReplacedJob, existingJobAction } from './job-replacement.js';
import { listControlledBy, listPods, OwnedKinds, secretVersions } from './owned-objects.js';
import { planKeyOfPod } from './pod-watch.js';

/**
 * Runs WorkloadPlans of runtime class `kubernetes` as a Deployment (or a StatefulSet when
 * `spec.options.workloadKind` says so; a Job or CronJob for `spec.batch`), a Service, and ConfigMaps for
 * files; see the package README for the whole mapping. The plan's `spec.patchTemplates` (score-k8s patch
 * templates from the platform config) patch those objects before anything is checked or written, and the
 * operations applied are reported (`patches`); see `patchManifests`.
 *
 * `apply` is level-based and idempotent: it server-side applies every object with its own field manager
 * (forcing conflicts, so hand edits of fields it owns are put back and deleted objects recreated), but only
 * objects the plan controls or that do not exist yet: when any name is taken by an object that is not the
 * plan's, nothing is written and the SDK's `OwnershipConflictError` is thrown (the host reports it as
 * `NameConflict`). Names are checked in the cache where it lists a kind in full (no GET for an absent
 * object, which is then applied create-only; see `checkOwnership`), else read from the API server. An object
 * whose cached copy is still the one it last applied the same manifest to is skipped, see `AppliedObjects`), deletes
 * objects the plan controls that the plan no longer needs, and reports what it observes: `Ready` only once
 * the rollout is complete; `Degraded`/`Failed` with `ImagePullError`, `CrashLoop`, `ContainerConfigError`,
 * `Unschedulable` or `RolloutStalled`; `Failed`/`InvalidPlan` for a plan that cannot run (nothing is
 * written then); else `Progressing`. A batch plan reports its runs instead (`Running`, `Succeeded`,
 * `Failed`; `Scheduled`, `Suspended`, with `batch` status, see `observeJob`/`observeCronJob`); a Job whose
 * inputs changed is replaced, and one whose inputs did not is left alone (see `existingJobAction`). Pods are watched (mapped to their plan by label), so a pod that starts
 * failing re-runs `apply` even when the Deployment's status does not change. API errors are thrown (the host retries with backoff). There is no
 * `delete`: owner references let garbage collection remove everything with the plan.
 */
@Runtime({
  runtimeClass: 'kubernetes',
  owns: OwnedKinds,
  // Pods belong to ReplicaSets, not to the plan: their failures (image pull, crash loop) re-run apply.
  watches: [{ kind: BuiltinKinds.Pod, map: planKeyOfPod }],
})
export class KubernetesRuntime implements RuntimeContract {
  private readonly settings: ResolvedRuntimeSettings;
  private readonly applied = new AppliedObjects();
  // Plans carry their patch templates as text; parsing them on every apply cost ~1 ms with three.
  private readonly patchTemplates = new PatchTemplateCache();

  /** @throws RuntimeKubernetesError `Configuration` for a bad endpoint template. */
  constructor(
    @inject(RuntimeKubernetesTokens.Settings) @optional() settings?: KubernetesRuntimeSettingsInput,
  ) {
    this.settings = resolveRuntimeSettings(settings);
  }

  async apply(obj: KubernetesObject, ctx: RuntimeContext): Promise<RuntimeObservation> {
    const plan = obj as PlanObject;
    const { namespace, name } = planIdentity(plan);
    const secrets = await secretVersions(ctx, namespace, secretFileNames(plan));
    let manifests: WorkloadManifests;
    let patches: AppliedPatch[];
    try {
      ({ manifests, applied: patches } = patchManifests(
        plan,
        planToManifests(plan, {
          defaultReplicas: this.settings.defaultReplicas,
          secretVersion: (secret) => secrets.get(secret),
        }),
        this.patchTemplates,
      ));
    } catch (err) {
      if (!RuntimeKubernetesError.is(err, 'InvalidPlan')) throw err;
      ctx.logger.info('plan cannot run', { namespace, name, err: err.message });
      return { phase: 'Failed', reason: 'InvalidPlan', message: err.message };
    }
    // Every name must be free or the plan's before anything is written: never take someone else's object.
    const ownership = { owner: plan };
    const found = await checkOwnership(ctx.client, manifests.all, ownership, {
      cache: ctx.cache,
      signal: ctx.signal,
    });
    let workload: WorkloadObject | undefined;
    for (const [i, desired] of manifests.all.entries()) {
      ctx.signal.throwIfAborted();
      let current = found[i];
      const job = existingJobAction(desired, current);
      if (job === 'replace') {
        await deleteReplacedJob(current!, ctx);
        current = undefined;
      }
      let applied: KubernetesObject;
      if (current && (job === 'keep' || this.applied.upToDate(desired, current))) {
        applied = current;
      } else {
        applied = await applyOwned(ctx.client, desired, {
          ownership,
          current: current ?? null,
          // Not read (current is given): told of creates, so the next reconcile finds them before their events.
          cache: ctx.cache,
          fieldManager: this.settings.fieldManager,
          force: true,
          signal: ctx.signal,
        });
        this.applied.record(desired, applied);
      }
      if (desired === manifests.workload) workload = applied as WorkloadObject;
    }
    await this.prune(plan, manifests, ctx);
    const observed = await this.observe(workload ?? manifests.workload, plan, ctx);
    const endpoint = planEndpoint(plan, this.settings);
    return { ...observed, ...(endpoint ? { endpoint } : {}), ...(patches.length > 0 ? { patches } : {}) };
  }

  /** What the workload object and the plan's pods say: a rollout, a Job's run or a CronJob's schedule. */
  private async observe(workload: WorkloadObject, plan: PlanObject, ctx: RuntimeContext) {
    switch (workload.kind) {
      case 'CronJob':
        return observeCronJob(workload as V1CronJob, new Date());
      case 'Job':
        return observeJob(workload as V1Job, await listPods(ctx, plan));
      default:
        return observeRollout(workload as V1Deployment | V1StatefulSet, await listPods(ctx, plan));
    }
  }

  /** Deletes objects the plan controls that are not in `manifests` (found by owner uid). */
  private async prune(plan: PlanObject, manifests: WorkloadManifests, ctx: RuntimeContext): Promise<void> {
    const wanted = new Set(manifests.all.map((o) => `${o.kind}/${o.metadata?.name}`));
    for (const kind of OwnedKinds) {
      for (const existing of await listControlledBy(ctx, kind, plan)) {
        if (wanted.has(`${kind.kind}/${existing.metadata?.name}`)) continue;
        ctx.signal.throwIfAborted();
        const key = objectKeyOf(existing);
        await ctx.client.delete(kind, key, {
          propagationPolicy: 'Background',
          preconditions: { uid: existing.metadata?.uid },
        });
        ctx.logger.info('pruned object', { kind: kind.kind, object: formatObjectKey(key) });
      }
    }
  }
}

function secretFileNames(plan: PlanObject): string[] {
  const names = new Set<string>();
  for (const container of Object.values(plan.spec.containers ?? {})) {
    for (const file of container.files ?? []) if (file.secretRef) names.add(file.secretRef.name);
  }
  return [...names].sort();
}
