import type { KubernetesObject } from '@kubernetes/client-node';
import { objectKeyOf, type ObjectKey, type ResourceKind } from '../api/resource-kind.js';
import { isReferenceToKind } from '../client/owner-references.js';

/**
 * Maps an object seen by a watch to the keys of the primary objects to reconcile. Must be pure and
 * cheap; it runs on every event. Returning `[]` drops the event.
 */
export type MapFunction<T extends KubernetesObject = KubernetesObject> = (obj: T) => ObjectKey[];

/** Ready-made map functions: the event handlers of controller-runtime, as plain functions. */
export const Handlers = {
  /** The object itself: used for the controller's primary kind. */
  forObject(): MapFunction {
    return (obj) => [objectKeyOf(obj)];
  },
  /**
   * The object's controller owner, when it is of `ownerKind` (matched by API group and kind, so an owner
   * at another version still maps). Owners live in the object's namespace, or are cluster-scoped.
   */
  controllerOwner(ownerKind: ResourceKind): MapFunction {
    return (obj) => {
      const ref = obj.metadata?.ownerReferences?.find(
        (candidate) => candidate.controller === true && isReferenceToKind(candidate, ownerKind),
      );
      if (!ref) return [];
      return [{ namespace: ownerKind.namespaced ? obj.metadata?.namespace : undefined, name: ref.name }];
    };
  },
} as const;
