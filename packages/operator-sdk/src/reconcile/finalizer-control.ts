import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * The controller's finalizer, for reconcilers that decide themselves when it goes on and comes off
 * (`@Controller({ finalizerMode: 'manual' })`), as controller-runtime's `controllerutil.AddFinalizer` /
 * `RemoveFinalizer` / `ContainsFinalizer` and kube-rs's `finalizer()` helper do. `ctx.finalizer` is there
 * in both modes; under the default `managed` mode the SDK has already added it before `reconcile` runs.
 *
 * Writes are JSON patches guarded by the object's `resourceVersion`, re-read and retried when another
 * writer got there first, and carry the reconcile's `ctx.signal`.
 */
export interface FinalizerControl {
  /** The finalizer's name (`@Controller({ finalizer })`, default `<group>/<controller name>-finalizer`). */
  readonly name: string;
  /** Whether `obj` carries the finalizer (no request: it looks at the object as given). */
  isSet(obj: KubernetesObject): boolean;
  /**
   * Adds the finalizer unless `obj` carries it (no write then), and returns the object as stored: keep
   * using that copy, its `resourceVersion` is the current one. Add it before creating what `finalize`
   * must clean up, so nothing is created that a deletion could leave behind.
   *
   * @throws KubeApiError `NotFound` when the object is gone; `Conflict` when racing writers win 5 times;
   *   `Aborted` when the reconcile's signal aborts.
   */
  add<T extends KubernetesObject>(obj: T): Promise<T>;
  /**
   * Removes the finalizer if `obj` carries it, e.g. once the object no longer holds anything to clean up.
   * Returns the object as stored, or undefined when it is gone (a deleting object goes once its last
   * finalizer is removed). `finalize` need not call it: the SDK removes the finalizer when `finalize`
   * returns done.
   *
   * @throws KubeApiError as {@link FinalizerControl.add}, except that a missing object is no error.
   */
  remove<T extends KubernetesObject>(obj: T): Promise<T | undefined>;
}
