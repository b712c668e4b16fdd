import type { V1OwnerReference } from '@kubernetes/client-node';
import {
  ResourceClaimKind,
  WorkloadKind,
  type ResourceClaim,
  type ResourceClaimSpec,
  type Workload,
} from '@score-orchestrator/api';
import { isReferenceToKind, setOwnerReference } from '@score-orchestrator/operator-sdk';
import { toJson } from '../internal/json-equal.js';
import type { ClaimIntent } from './claim-intent.js';

/** The label every object the orchestrator creates carries. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Its value. */
export const MANAGED_BY = 'score-orchestrator';

/** The spec a claim gets from an intent whose params are resolved, as the API server stores it. Pure. */
export function claimSpecOf(intent: ClaimIntent): ResourceClaimSpec {
  return toJson({
    type: intent.type,
    class: intent.class,
    id: intent.id,
    params: nonEmpty(intent.params),
    metadata: nonEmpty(intent.metadata),
    deprovisionPolicy: intent.deprovisionPolicy,
    resolver: intent.resolver,
    resolverRule: intent.resolverRule,
  }) as ResourceClaimSpec;
}

/** A new claim for `intent`, owned by `workload` (a non-controller owner reference: the reference count). */
export function newClaim(workload: Workload, intent: ClaimIntent): ResourceClaim {
  const claim = {
    apiVersion: ResourceClaimKind.apiVersion,
    kind: ResourceClaimKind.kind,
    metadata: {
      name: intent.claim,
      namespace: workload.metadata.namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
    },
    spec: claimSpecOf(intent),
  } as ResourceClaim;
  return setOwnerReference(workload, claim);
}

/** The Workloads owning `claim` (the reference count), in the order they joined. Pure. */
export function workloadOwners(claim: ResourceClaim): V1OwnerReference[] {
  return (claim.metadata.ownerReferences ?? []).filter((ref) => isReferenceToKind(ref, WorkloadKind));
}

/**
 * Whether `workload` decides the spec of `claim`: a private claim's owner always does; of a shared claim,
 * the first Workload among its owners does (or any Workload adopting an ownerless claim), so Workloads with
 * different params for one shared resource never overwrite each other in turn. Pure.
 */
export function decidesSpec(claim: ResourceClaim, workload: Workload): boolean {
  const owners = workloadOwners(claim);
  return owners.length === 0 || owners[0].uid === workload.metadata.uid;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value === undefined || Object.keys(value).length === 0 ? undefined : value;
}
