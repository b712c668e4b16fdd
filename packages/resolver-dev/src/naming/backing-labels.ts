import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import { setControllerReference, type Ownership } from '@score-orchestrator/operator-sdk';
import type { ResourceRequest } from '@score-orchestrator/api';
import { labelValue } from './backing-names.js';

/** Label naming the claim a backing object belongs to; also how PVCs of a claim are found. */
export const claimLabel = 'score.dev/claim';
/** Label naming the Score resource type a backing object serves. */
export const resourceTypeLabel = 'score.dev/resource-type';
/** `app.kubernetes.io/managed-by` of everything the dev resolvers create. */
export const managedBy = 'score-orchestrator-resolver-dev';

/** The labels that select a backing service's pods: stable for the life of the StatefulSet. */
export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': name };
}

/** Every label of a backing object: `app.kubernetes.io/*`, `score.dev/claim` and `score.dev/resource-type`. */
export function backingLabels(
  request: ResourceRequest,
  name: string,
  component: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    ...selectorLabels(name),
    'app.kubernetes.io/managed-by': managedBy,
    [claimLabel]: labelValue(request.claimName),
    [resourceTypeLabel]: labelValue(request.type),
  };
}

/** Metadata of a backing object: name, the claim's namespace, labels. */
export function backingMetadata(request: ResourceRequest, name: string, component: string): V1ObjectMeta {
  return { name, namespace: request.namespace, labels: backingLabels(request, name, component) };
}

/**
 * Makes the claim the controller of `obj`, so garbage collection removes it with the claim and changes to it
 * re-run `provision`. Returns `obj`.
 */
export function ownedByClaim<T extends KubernetesObject>(request: ResourceRequest, obj: T): T {
  return setControllerReference(request.claim, obj);
}

/**
 * Whose a backing object is: the claim's when the claim controls it, or when it has no controller and
 * carries the claim's identity labels (`score.dev/claim` and managed-by, as a `Retain` deprovision leaves
 * it). Anything else of the same name is someone else's: never written, adopted, read or deleted.
 */
export function claimOwnership(request: ResourceRequest): Ownership {
  return {
    owner: request.claim,
    labels: { [claimLabel]: labelValue(request.claimName), 'app.kubernetes.io/managed-by': managedBy },
  };
}
