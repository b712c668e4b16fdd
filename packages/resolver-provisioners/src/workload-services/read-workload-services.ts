// Reads a namespace's Workloads for `workload_services`: from the shared cache, else from the API server.
import type { KubernetesObject } from '@kubernetes/client-node';
import { WorkloadKind, type ResolverContext } from '@score-orchestrator/api';
import { OperatorSdkError, type ObjectKey } from '@score-orchestrator/operator-sdk';
import type { NetworkService } from '../contract/provisioner-input.js';
import type { ServiceDependencies } from './service-dependencies.js';
import { workloadServicesOf } from './workload-services.js';

/** The Workloads of `namespace` in the cache, or undefined when no informer covers them there. */
function cachedWorkloads(ctx: ResolverContext, namespace: string): KubernetesObject[] | undefined {
  try {
    return ctx.cache.list(WorkloadKind, { namespace });
  } catch (err) {
    if (OperatorSdkError.is(err) && err.kind === 'Configuration') return undefined;
    throw err;
  }
}

/**
 * The `workload_services` of `claim`'s namespace, recorded in `dependencies` as what `claim` saw of the
 * Workloads it names (`workloads`). Read from the cache the resolver host fills through its Workload watch,
 * synchronously with the record so no event is missed; without such a cache (a resolver called directly),
 * listed from the API server.
 */
export async function readWorkloadServices(
  ctx: ResolverContext,
  claim: ObjectKey & { namespace: string },
  workloads: readonly string[],
  dependencies: ServiceDependencies,
): Promise<Record<string, NetworkService>> {
  const listed =
    cachedWorkloads(ctx, claim.namespace) ??
    (await ctx.client.list<KubernetesObject>(WorkloadKind, { namespace: claim.namespace })).items;
  const services = workloadServicesOf(listed);
  dependencies.record(claim, workloads, services);
  return services;
}
