// Which Secrets, ConfigMaps and Pods the orchestrator's hosts cache: the ones its own parts labelled.
import {
  BuiltinKinds,
  OperatorSdkError,
  type CacheKindFilter,
  type ResourceKind,
} from '@score-orchestrator/operator-sdk';
import { podCacheShape, rolloutCacheShape } from './cached-shapes.js';

/** The label that marks what the orchestrator and its plugins create. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The `app.kubernetes.io/managed-by` value of what the orchestrator, its hosts and the provisioners create. */
export const ORCHESTRATOR_MANAGED_BY = 'score-orchestrator';

/**
 * The `app.kubernetes.io/managed-by` values the hosts' caches select by default: the orchestrator's own
 * (Workload children, runtime objects, outputs and provisioner Secrets) and the dev resolvers'.
 */
export const DEFAULT_MANAGED_BY_VALUES: readonly string[] = [
  ORCHESTRATOR_MANAGED_BY,
  'score-orchestrator-resolver-dev',
];

/**
 * The kinds a cluster holds many of that are not ours (every team's Secrets, ConfigMaps and Pods): the
 * hosts cache only the ones carrying {@link MANAGED_BY_LABEL} with one of the managed-by values. A plugin
 * that owns or watches one of these kinds labels what it creates (pod templates included, since Pods are
 * created by ReplicaSets), and reads anything else by name through `ctx.client`.
 */
export const LABEL_FILTERED_KINDS: readonly ResourceKind[] = [
  BuiltinKinds.Secret,
  BuiltinKinds.ConfigMap,
  BuiltinKinds.Pod,
];

/**
 * The cache filters that keep every unlabelled Secret, ConfigMap and Pod out of memory, and Pods,
 * Deployments and StatefulSets in the shape plugins read them ({@link podCacheShape},
 * {@link rolloutCacheShape}): pass them as `Manager.create({ cache: { byKind } })`. `managedBy` lists the accepted values (default
 * {@link DEFAULT_MANAGED_BY_VALUES}; add the value a third-party plugin labels its objects with).
 *
 * @throws OperatorSdkError `Configuration` when `managedBy` is empty or a value is not a label value.
 */
export function managedObjectFilters(
  managedBy: readonly string[] = DEFAULT_MANAGED_BY_VALUES,
): CacheKindFilter[] {
  const values = [...new Set(managedBy)];
  if (values.length === 0) throw badManagedBy('give at least one app.kubernetes.io/managed-by value');
  for (const value of values) {
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(value))
      throw badManagedBy(`"${value}" is not a label value (letters, digits, '-', '_', '.'; at most 63)`);
  }
  const labelSelector = `${MANAGED_BY_LABEL} in (${values.join(',')})`;
  const filters: CacheKindFilter[] = LABEL_FILTERED_KINDS.map((kind) => ({
    kind,
    labelSelector,
    ...(kind === BuiltinKinds.Pod && { transform: podCacheShape }),
  }));
  for (const kind of [BuiltinKinds.Deployment, BuiltinKinds.StatefulSet])
    filters.push({ kind, transform: rolloutCacheShape });
  return filters;
}

function badManagedBy(problem: string): OperatorSdkError {
  return new OperatorSdkError('Configuration', `failed to build the cache filters: managedBy: ${problem}`);
}
