// Who an object belongs to: the rule a controller checks before it writes over, adopts or deletes one.
import type { KubernetesObject, V1OwnerReference } from '@kubernetes/client-node';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { getControllerOf, isReferenceToKind } from './owner-references.js';

/**
 * What makes an existing object ours. Pass it to `applyOwned`, `checkOwnership` and `deleteOwned`.
 *
 * - `owner` alone: ours only when `owner` (matched by uid) is its controller.
 * - `owner` and `labels`: also an object with no controller at all that carries every one of `labels`
 *   (e.g. kept by a `Retain` deprovision, which dropped the owner reference): ours to adopt again.
 * - `labels` alone, for objects that cannot carry an owner reference (in another namespace, cluster-scoped,
 *   meant to outlive their owner): ours when it has no controller and carries every one of `labels`.
 *
 * Identity labels only protect what nobody else can label: use values only this controller writes (the
 * owner's name under a key of your own domain), never labels a user sets on their own objects.
 */
export interface Ownership {
  /** The object whose controller reference (same uid) marks an object as ours; read it from the API. */
  readonly owner?: KubernetesObject;
  /** Identity labels (see above); an empty map counts as none. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Where an object stands with respect to an {@link Ownership}: `absent` (no object of that name),
 * `controlled` (ours), `adoptable` (ours to take again: no controller, our identity labels) or `foreign`
 * (someone else's: never write over, adopt or delete it).
 */
export type OwnershipState = 'absent' | 'controlled' | 'adoptable' | 'foreign';

/**
 * Classifies `existing` (undefined when it does not exist). Pure.
 *
 * @throws OperatorSdkError `Validation` when `ownership` names neither an owner with a uid nor labels
 *   (nothing could then tell our objects from others').
 */
export function ownershipOf(existing: KubernetesObject | undefined, ownership: Ownership): OwnershipState {
  const ownerUid = ownership.owner?.metadata?.uid;
  const labels = Object.entries(ownership.labels ?? {});
  if (!ownerUid && labels.length === 0) {
    throw new OperatorSdkError(
      'Validation',
      'failed to check ownership: give an owner read from the API (with its uid) or identity labels',
    );
  }
  if (!existing) return 'absent';
  const controller = getControllerOf(existing);
  if (ownerUid && controller?.uid === ownerUid) return 'controlled';
  const labelled =
    labels.length > 0 && labels.every(([key, value]) => existing.metadata?.labels?.[key] === value);
  if (controller || !labelled) return 'foreign';
  return ownerUid ? 'adoptable' : 'controlled';
}

/**
 * The controller reference of `existing` when it names a predecessor of `ownership.owner`: an object of the
 * owner's API group, kind and name (owner references stay within a namespace) with another uid, and its
 * only owner (another owner would keep the object from the garbage collector). Pure.
 *
 * Such an object is `foreign` all the same (never written over, adopted or deleted: it may be on its way
 * out with its data, held by a finalizer, or kept on purpose), but it is not someone else's name clash: it
 * was made for an owner of the same name now deleted or being deleted (e.g. a Workload deleted and applied
 * again at once), and it goes when that owner's clean-up, its finalizers or the garbage collector are done.
 * So wait for it (look again soon; its deletion is an event on the kind you watch) rather than report a
 * conflict that asks someone to rename or remove something. The owned writes say so in
 * `OwnershipConflictError.predecessor`. (The owner passed in is the live one of that name; should it be a
 * stale copy of a deleted owner, the other uid is its successor, and waiting costs nothing either.)
 *
 * Undefined for any other object, and when `ownership` names no owner.
 */
export function predecessorOf(
  existing: KubernetesObject | undefined,
  ownership: Ownership,
): V1OwnerReference | undefined {
  const owner = ownership.owner;
  const controller = existing && getControllerOf(existing);
  if (!owner?.apiVersion || !owner.kind || !controller) return undefined;
  const predecessor =
    controller.uid !== owner.metadata?.uid &&
    controller.name === owner.metadata?.name &&
    isReferenceToKind(controller, { apiVersion: owner.apiVersion, kind: owner.kind }) &&
    (existing.metadata?.ownerReferences ?? []).every((ref) => ref.uid === controller.uid);
  return predecessor ? controller : undefined;
}

/** Names who `ownership` stands for, e.g. `WorkloadPlan apps/billing` or `labels score.dev/claim=db`. */
export function describeOwnership(ownership: Ownership): string {
  const owner = ownership.owner;
  if (owner) {
    const ns = owner.metadata?.namespace;
    return `${owner.kind ?? 'owner'} ${ns ? `${ns}/` : ''}${owner.metadata?.name ?? ''}`;
  }
  const labels = Object.entries(ownership.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return `labels ${labels.join(',')}`;
}
