// ctx.finalizer: the controller's finalizer bound to its kind, the manager's client and the reconcile's signal.
import type { ResourceKind } from '../../api/resource-kind.js';
import { hasFinalizer } from '../../client/finalizers.js';
import type { KubeClient } from '../../client/kube-client.js';
import type { FinalizerControl } from '../../reconcile/finalizer-control.js';

/** The {@link FinalizerControl} of one reconcile. */
export function finalizerControl(
  client: KubeClient,
  kind: ResourceKind,
  name: string,
  signal: AbortSignal,
): FinalizerControl {
  return {
    name,
    isSet: (obj) => hasFinalizer(obj, name),
    add: (obj) => client.ensureFinalizer(kind, obj, name, { signal }),
    remove: (obj) => client.removeFinalizer(kind, obj, name, { signal }),
  };
}
