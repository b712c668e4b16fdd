// The labels of a Workload's Namespace, which resolver rules may match (`namespaceSelector`), and the
// watch that re-enqueues a namespace's Workloads when they change.
import type { V1Namespace } from '@kubernetes/client-node';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import {
  BuiltinKinds,
  Predicates,
  type ReconcileContext,
  type SharedCache,
  type WatchesOptions,
} from '@score-orchestrator/operator-sdk';
import type { PlatformConfig } from '../platform-config/platform-config.js';
import { readsNamespaceLabels } from '../platform-config/select-resolver.js';

/**
 * Where the Workload controller reads Namespace labels: `cache`, the Namespace informer of a cluster-wide
 * orchestrator (see {@link namespaceLabelsWatch}); `api`, a GET by name per reconcile, for an orchestrator
 * limited to `watchNamespaces` (a RoleBinding in a namespace grants `get` on that Namespace only, never the
 * cluster-wide list and watch an informer needs).
 */
export type NamespaceLabelSource = 'cache' | 'api';

/**
 * The labels of `namespace`, or undefined when `config` has no rule with a `namespaceSelector` (nothing is
 * read then). From the cache, else (not cached yet, or `source` is `api`) by a GET; a Namespace that is
 * gone has no labels.
 *
 * @throws what the client throws (e.g. Forbidden without `get` on namespaces): the reconcile is retried, and
 *   no claim is made with a rule chosen without the labels.
 */
export async function namespaceLabelsFor(
  config: PlatformConfig,
  namespace: string,
  source: NamespaceLabelSource,
  ctx: Pick<ReconcileContext, 'cache' | 'client'>,
): Promise<Readonly<Record<string, string>> | undefined> {
  if (!readsNamespaceLabels(config)) return undefined;
  const key = { name: namespace };
  const cached = source === 'cache' ? ctx.cache.get<V1Namespace>(BuiltinKinds.Namespace, key) : undefined;
  const ns = cached ?? (await ctx.client.get<V1Namespace>(BuiltinKinds.Namespace, key));
  return ns?.metadata?.labels ?? {};
}

/**
 * The Workload controller's watch on Namespaces (cluster-wide orchestrators only): a change of a
 * namespace's labels re-enqueues its Workloads while the config in force (`currentConfig()`) has a rule
 * with a `namespaceSelector`. Their claims not made yet follow the new labels; claims already provisioned
 * keep their resolver (the resolver host latches it).
 */
export function namespaceLabelsWatch(
  cache: SharedCache,
  currentConfig: () => PlatformConfig,
): WatchesOptions {
  return {
    kind: BuiltinKinds.Namespace,
    // Label changes only: a namespace's add (the informer's first list, a new namespace) holds no
    // Workloads that are not reconciled anyway.
    predicates: [(event) => event.type === 'update', Predicates.labelsChanged()],
    map: (ns: V1Namespace) => {
      const namespace = ns.metadata?.name;
      if (namespace === undefined || !readsNamespaceLabels(currentConfig())) return [];
      return cache
        .list<Workload>(WorkloadKind, { namespace })
        .map((workload) => ({ namespace, name: workload.metadata.name! }));
    },
  };
}
