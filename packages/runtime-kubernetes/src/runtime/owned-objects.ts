import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  OperatorSdkError,
  OWNER_UID_INDEX,
  getControllerOf,
  type ResourceKind,
} from '@score-orchestrator/operator-sdk';
import type { RuntimeContext } from '@score-orchestrator/api';
import { planIdentity, type PlanObject } from '../mapping/plan-object.js';
import { LabelKeys, MANAGED_BY, selectorLabels } from '../mapping/workload-labels.js';

// Reads go to the shared cache when the host keeps an informer for the kind, else to the API server. The
// cache holds only labelled Secrets, ConfigMaps and Pods (see managedObjectFilters in the api package).

/** The kinds the runtime creates (and prunes, and declares in `@Runtime({ owns })`). */
export const OwnedKinds: readonly ResourceKind[] = [
  BuiltinKinds.Deployment,
  BuiltinKinds.StatefulSet,
  BuiltinKinds.Job,
  BuiltinKinds.CronJob,
  BuiltinKinds.Service,
  BuiltinKinds.ConfigMap,
  BuiltinKinds.Secret,
];

/** Objects of `kind` the plan controls (controller owner reference with the plan's uid). */
export async function listControlledBy(
  ctx: RuntimeContext,
  kind: ResourceKind,
  plan: PlanObject,
): Promise<KubernetesObject[]> {
  const { namespace, name } = planIdentity(plan);
  const uid = plan.metadata?.uid ?? '';
  const cached = fromCache(() =>
    ctx.cache.list(kind, { namespace, index: { name: OWNER_UID_INDEX, value: uid } }),
  );
  const items =
    cached ??
    (
      await ctx.client.list(kind, {
        namespace,
        labelSelector: `${LabelKeys.instance}=${name},${LabelKeys.managedBy}=${MANAGED_BY}`,
      })
    ).items;
  return items.filter((obj) => getControllerOf(obj)?.uid === uid);
}

/** The plan's pods (by its selector labels). */
export async function listPods(ctx: RuntimeContext, plan: PlanObject): Promise<V1Pod[]> {
  const { namespace } = planIdentity(plan);
  const matchLabels = selectorLabels(plan);
  const cached = fromCache(() =>
    ctx.cache.list<V1Pod>(BuiltinKinds.Pod, { namespace, labelSelector: { matchLabels } }),
  );
  if (cached) return cached;
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return (await ctx.client.list<V1Pod>(BuiltinKinds.Pod, { namespace, labelSelector })).items;
}

/**
 * The resourceVersion of each named Secret in the plan's namespace (undefined when missing or unreadable):
 * what the files hash covers for Secrets mounted as files, so the runtime never handles secret values.
 */
export async function secretVersions(
  ctx: RuntimeContext,
  namespace: string,
  names: readonly string[],
): Promise<Map<string, string | undefined>> {
  const versions = new Map<string, string | undefined>();
  for (const name of names) {
    const key = { namespace, name };
    let secret = fromCache(() => ctx.cache.get(BuiltinKinds.Secret, key));
    // The hosts cache only the Secrets the orchestrator labelled (managedObjectFilters): one a user made is
    // read by name. A read by name is all this needs: its resourceVersion, never its data.
    if (secret === undefined) secret = await ctx.client.get(BuiltinKinds.Secret, key).catch(() => undefined);
    versions.set(name, secret?.metadata?.resourceVersion);
  }
  return versions;
}

/** Runs a cache read; undefined when no informer covers the kind. */
function fromCache<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (OperatorSdkError.is(err) && err.kind === 'Configuration') return undefined;
    throw err;
  }
}
