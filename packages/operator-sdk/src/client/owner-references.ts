import type { KubernetesObject, V1OwnerReference } from '@kubernetes/client-node';
import { formatObjectKey, objectKeyOf, splitApiVersion, type ResourceKind } from '../api/resource-kind.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';

/**
 * Makes `owner` the controller of `obj` (in memory; write `obj` afterwards), so garbage collection deletes
 * `obj` with its owner and `owns:` watches map `obj` back to it. Idempotent: an existing reference to the
 * same owner is updated in place.
 *
 * @throws OperatorSdkError `Conflict` when another object already controls `obj`; `Validation` when the owner
 *   has no uid or sits in another namespace (the garbage collector would delete `obj` at once).
 */
export function setControllerReference<T extends KubernetesObject>(owner: KubernetesObject, obj: T): T {
  const current = getControllerOf(obj);
  const ref = referenceTo(owner, obj, true);
  if (current && current.uid !== ref.uid) {
    throw new OperatorSdkError(
      'Conflict',
      `failed to set controller of ${describe(obj)}: it is already controlled by ${current.kind} ${current.name}`,
    );
  }
  return upsert(obj, ref);
}

/**
 * Adds `owner` as a non-controlling owner of `obj` (in memory). Keeps the `controller` flag of an existing
 * reference to the same owner. Idempotent. Throws like {@link setControllerReference} on invalid owners.
 */
export function setOwnerReference<T extends KubernetesObject>(owner: KubernetesObject, obj: T): T {
  const ref = referenceTo(owner, obj, false);
  const existing = obj.metadata?.ownerReferences?.find((r) => r.uid === ref.uid);
  if (existing?.controller) ref.controller = true;
  if (existing?.blockOwnerDeletion) ref.blockOwnerDeletion = true;
  return upsert(obj, ref);
}

/** The owner reference with `controller: true`, if any. */
export function getControllerOf(obj: KubernetesObject): V1OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** Whether `obj` lists `owner` (matched by uid) among its owners, controlling or not. */
export function isOwnedBy(obj: KubernetesObject, owner: KubernetesObject): boolean {
  const uid = owner.metadata?.uid;
  return uid !== undefined && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
}

/**
 * Whether the owner reference `ref` points at an object of `kind`: the same kind in the same API group, at
 * any version. Pure.
 *
 * Version-agnostic on purpose, as controller-runtime's owner handlers are (they compare group and kind): a
 * reference keeps the apiVersion its owner was written at, and the versions of one group and kind are views
 * of the same objects. After a CRD gains a version (or its controller moves to it), references written
 * before still name the old one yet point at the same owner; the garbage collector resolves them so too.
 * Matching the version would lose those owners. Core-group kinds (`v1`) match only core references.
 *
 * @example
 * const claims = (obj.metadata?.ownerReferences ?? []).filter((ref) => isReferenceToKind(ref, ClaimKind));
 */
export function isReferenceToKind(
  ref: Pick<V1OwnerReference, 'apiVersion' | 'kind'>,
  kind: Pick<ResourceKind, 'apiVersion' | 'kind'>,
): boolean {
  return (
    ref.kind === kind.kind && splitApiVersion(ref.apiVersion).group === splitApiVersion(kind.apiVersion).group
  );
}

function referenceTo(owner: KubernetesObject, obj: KubernetesObject, controller: boolean): V1OwnerReference {
  const meta = owner.metadata ?? {};
  if (!meta.uid || !meta.name || !owner.apiVersion || !owner.kind) {
    throw new OperatorSdkError(
      'Validation',
      `failed to reference owner of ${describe(obj)}: the owner needs apiVersion, kind, name and uid; read it from the API first`,
    );
  }
  const ownerNamespace = meta.namespace || undefined;
  const objNamespace = obj.metadata?.namespace || undefined;
  if (ownerNamespace && ownerNamespace !== objNamespace) {
    throw new OperatorSdkError(
      'Validation',
      `failed to reference owner of ${describe(obj)}: owner ${owner.kind} ${ownerNamespace}/${meta.name} is in another namespace; owners must be cluster-scoped or share the namespace`,
    );
  }
  const ref: V1OwnerReference = {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: meta.name,
    uid: meta.uid,
  };
  if (controller) {
    ref.controller = true;
    ref.blockOwnerDeletion = true;
  }
  return ref;
}

function upsert<T extends KubernetesObject>(obj: T, ref: V1OwnerReference): T {
  obj.metadata ??= {};
  const refs = obj.metadata.ownerReferences ?? [];
  const index = refs.findIndex((r) => r.uid === ref.uid);
  obj.metadata.ownerReferences = index < 0 ? [...refs, ref] : refs.map((r, i) => (i === index ? ref : r));
  return obj;
}

function describe(obj: KubernetesObject): string {
  return `${obj.kind ?? 'object'} ${formatObjectKey(objectKeyOf(obj))}`;
}
