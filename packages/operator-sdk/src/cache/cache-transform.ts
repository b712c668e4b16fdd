import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * Reshapes an object on its way into the cache, as client-go's `SetTransform` and controller-runtime's
 * `cache.Options.DefaultTransform` / `ByObject.Transform`: what it drops is never held in memory, so keep
 * exactly what the cache's readers (reconcilers, map functions, predicates, indexes) read. It gets an
 * object freshly parsed from the API server (and owns it: change it in place or return another one), and
 * runs once per list item and watch event, before the object is frozen, indexed and handed to handlers.
 * It must keep `metadata.name`, `namespace`, `resourceVersion` and `uid`: the cache keys and diffs by them.
 * `metadata.managedFields` is gone already; what `alreadyApplied` needs of it is kept beside the object.
 */
export type CacheTransform = (obj: KubernetesObject) => KubernetesObject;

/** The annotation `kubectl apply` (client-side) keeps a whole copy of the object in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The cache's default transform: drops the `kubectl.kubernetes.io/last-applied-configuration` annotation,
 * a second JSON copy of the object that only `kubectl apply` reads (controller-runtime strips
 * managedFields the same way with `TransformStripManagedFields`).
 */
export const dropLastAppliedConfiguration: CacheTransform = (obj) => {
  const annotations = obj.metadata?.annotations;
  if (annotations && LAST_APPLIED_ANNOTATION in annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete obj.metadata!.annotations;
  }
  return obj;
};

/** Runs `transforms` in order, skipping absent ones; undefined when none is given. */
export function chainTransforms(
  ...transforms: readonly (CacheTransform | undefined)[]
): CacheTransform | undefined {
  const present = transforms.filter((t): t is CacheTransform => t !== undefined);
  if (present.length <= 1) return present[0];
  return (obj) => present.reduce((current, transform) => transform(current), obj);
}
