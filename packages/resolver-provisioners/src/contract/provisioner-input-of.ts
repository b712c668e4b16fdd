// Builds score-k8s's provisioner input from a claim's resource request and the stored state.
import type { ResourceRequest } from '@score-orchestrator/api';
import type { NetworkService, ProvisionerInput } from './provisioner-input.js';

/** The Workload that owns the claim (its first Workload owner), or '' for a claim without one. */
export function sourceWorkloadOf(request: ResourceRequest): string {
  const owner = (request.claim.metadata?.ownerReferences ?? []).find((ref) => ref.kind === 'Workload');
  return owner?.name ?? '';
}

/**
 * score-k8s's resource id: the shared id, else `<workload>.<resource>` for a private resource (the
 * resource name is the claim name without the `<workload>-` prefix the orchestrator gives it).
 */
export function resourceIdOf(request: ResourceRequest): string {
  if (request.id !== undefined) return request.id;
  const workload = sourceWorkloadOf(request);
  const resource =
    workload && request.claimName.startsWith(`${workload}-`)
      ? request.claimName.slice(workload.length + 1)
      : request.claimName;
  return workload ? `${workload}.${resource}` : resource;
}

/**
 * The input a provisioner gets for `request`, with the claim's last `state`, the namespace's `shared` state
 * and its workload `services`.
 */
export function provisionerInputOf(
  request: ResourceRequest,
  state: Readonly<Record<string, unknown>>,
  shared: Readonly<Record<string, unknown>>,
  services: Readonly<Record<string, NetworkService>>,
): ProvisionerInput {
  const id = resourceIdOf(request);
  return {
    resource_guid: request.claim.metadata?.uid ?? '',
    resource_uid: `${request.type}.${request.class}#${id}`,
    resource_type: request.type,
    resource_class: request.class,
    resource_id: id,
    resource_params: request.params,
    resource_metadata: request.metadata,
    source_workload: sourceWorkloadOf(request),
    workload_services: services,
    resource_state: state,
    shared_state: shared,
  };
}
