// The platform's patch templates (score-k8s's `--patch-templates`) over the objects a plan maps to.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  APPLIED_PATCHES_MAX,
  applyPatchTemplates,
  PatchTemplateCache,
  ScoreApiError,
  type AppliedPatch,
  type PatchTemplate,
} from '@score-orchestrator/api';
import { setControllerReference } from '@score-orchestrator/operator-sdk';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { planIdentity, type PlanObject } from '../mapping/plan-object.js';
import type { WorkloadManifests, WorkloadObject } from '../mapping/workload-manifests.js';
import { LabelKeys, MANAGED_BY, selectorLabels } from '../mapping/workload-labels.js';
import { OwnedKinds } from '../runtime/owned-objects.js';
import { workloadSpecInput } from './workload-spec-input.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);

/** The manifests after the plan's patch templates, and what was applied (for `status.patches`). */
export interface PatchedManifests {
  readonly manifests: WorkloadManifests;
  /** Template, op, path and description of each applied operation (never values), at most 50. */
  readonly applied: AppliedPatch[];
}

/**
 * Applies `plan.spec.patchTemplates` in order to `manifests`, as score-k8s does (`.Manifests`, `.Workloads`,
 * `.Namespace`), then holds the result to what the runtime may write: every object of a kind it manages and
 * prunes (`OwnedKinds`), in the plan's namespace, without owner references of the template's own (each gets
 * the plan as controller again), no two with the same kind and name, and the workload object still there
 * (its kind may change, e.g. Deployment to StatefulSet); every object gets the plan's identity labels
 * (`app.kubernetes.io/name`, `instance`, `managed-by`) back. Objects are still applied only where the name is
 * free or the plan's: a patch cannot take over someone else's object. Templates are compiled through
 * `compiled` (the runtime keeps one cache, so each text is parsed once, not on every apply; default: a
 * cache for this call only). Pure; same plan, same result.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` naming the template (and operation) or the broken rule.
 */
export function patchManifests(
  plan: PlanObject,
  manifests: WorkloadManifests,
  compiled: PatchTemplateCache = new PatchTemplateCache(),
): PatchedManifests {
  const sources = plan.spec.patchTemplates ?? [];
  if (sources.length === 0) return { manifests, applied: [] };
  const { namespace, name } = planIdentity(plan);
  let result: ReturnType<typeof applyPatchTemplates>;
  try {
    const templates: PatchTemplate[] = sources.map((t) => compiled.compile(t.name, t.template));
    result = applyPatchTemplates(templates, {
      // The input is what score-k8s would show: plain objects, without the runtime's owner references.
      Manifests: manifests.all.map((obj) => {
        const copy = structuredClone(obj) as KubernetesObject;
        delete copy.metadata?.ownerReferences;
        return copy as Record<string, unknown>;
      }),
      Workloads: { [plan.spec.workload.name]: workloadSpecInput(plan) },
      Namespace: namespace,
    });
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    throw invalid(err.message, err);
  }
  // The identity labels go on every object, also on those a template adds: pruning finds objects by them
  // (the cache holds only labelled ConfigMaps and Secrets), so nothing a template made is left behind.
  const identity = { ...selectorLabels(plan), [LabelKeys.managedBy]: MANAGED_BY };
  const all = result.manifests.map((obj, i) => checked(obj as KubernetesObject, i, namespace, identity));
  const keys = all.map((obj) => `${obj.kind}/${obj.metadata!.name}`);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate) throw invalid(`two manifests are ${duplicate}`);
  const workload = all.find((obj) => WORKLOAD_KINDS.has(obj.kind!) && obj.metadata!.name === name);
  if (!workload) throw invalid(`no Deployment, StatefulSet, Job or CronJob named ${name} is left`);
  for (const obj of all) setControllerReference(plan, obj);
  const of = <T>(kind: string) => all.filter((obj) => obj.kind === kind) as T[];
  return {
    manifests: {
      workload: workload as WorkloadObject,
      services: of('Service'),
      configMaps: of('ConfigMap'),
      all,
    },
    applied: result.applied.slice(0, APPLIED_PATCHES_MAX).map((op) => ({
      template: op.template,
      op: op.op,
      path: op.path,
      ...(op.description === undefined ? {} : { description: op.description }),
    })),
  };
}

function checked(
  obj: KubernetesObject,
  index: number,
  namespace: string,
  identity: Record<string, string>,
): KubernetesObject {
  const at = `manifest ${index}${obj.kind ? ` (${obj.kind}${obj.metadata?.name ? ` ${obj.metadata.name}` : ''})` : ''}`;
  const kind = OwnedKinds.find((k) => k.kind === obj.kind && k.apiVersion === obj.apiVersion);
  if (!kind)
    throw invalid(
      `${at}: ${obj.apiVersion}/${obj.kind} is not a kind this runtime manages; use one of ${OwnedKinds.map((k) => `${k.apiVersion}/${k.kind}`).join(', ')}`,
    );
  if (typeof obj.metadata?.name !== 'string' || obj.metadata.name === '')
    throw invalid(`${at}: metadata.name is required`);
  if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== namespace)
    throw invalid(`${at}: metadata.namespace must be the Workload's namespace ${namespace} (or absent)`);
  if (obj.metadata.ownerReferences !== undefined)
    throw invalid(`${at}: metadata.ownerReferences is the runtime's to set; remove the patch that sets it`);
  return {
    ...obj,
    metadata: { ...obj.metadata, namespace, labels: { ...obj.metadata.labels, ...identity } },
  };
}

function invalid(message: string, cause?: unknown): RuntimeKubernetesError {
  return new RuntimeKubernetesError('InvalidPlan', `failed to apply patch templates: ${message}`, { cause });
}
