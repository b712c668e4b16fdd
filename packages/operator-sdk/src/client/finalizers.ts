import type { KubernetesObject } from '@kubernetes/client-node';

/** A JSON patch (RFC 6902) operation, as sent with `type: 'json'`. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
}

/** Whether `obj` carries the finalizer `name`. */
export function hasFinalizer(obj: KubernetesObject, name: string): boolean {
  return (obj.metadata?.finalizers ?? []).includes(name);
}

/**
 * The JSON patch that adds `name`, guarded by a `test` on resourceVersion (and uid) so it applies only to the
 * version the caller saw (a concurrent writer makes it fail instead of silently replacing their list). Undefined
 * when the finalizer is already there (nothing to write).
 */
export function addFinalizerPatch(obj: KubernetesObject, name: string): JsonPatchOperation[] | undefined {
  if (hasFinalizer(obj, name)) return undefined;
  const guard = versionGuard(obj);
  return obj.metadata?.finalizers
    ? [...guard, { op: 'add', path: '/metadata/finalizers/-', value: name }]
    : [...guard, { op: 'add', path: '/metadata/finalizers', value: [name] }];
}

/** The guarded JSON patch that removes `name`; undefined when it is not there. */
export function removeFinalizerPatch(obj: KubernetesObject, name: string): JsonPatchOperation[] | undefined {
  const index = (obj.metadata?.finalizers ?? []).indexOf(name);
  if (index < 0) return undefined;
  return [...versionGuard(obj), { op: 'remove', path: `/metadata/finalizers/${index}` }];
}

/**
 * `test` operations on resourceVersion and uid, each when known. resourceVersion pins the version read; uid
 * alone still keeps a copy without one (built by hand) from patching a newer object of the same name.
 */
function versionGuard(obj: KubernetesObject): JsonPatchOperation[] {
  const { resourceVersion, uid } = obj.metadata ?? {};
  const guard: JsonPatchOperation[] = [];
  if (resourceVersion) guard.push({ op: 'test', path: '/metadata/resourceVersion', value: resourceVersion });
  if (uid) guard.push({ op: 'test', path: '/metadata/uid', value: uid });
  return guard;
}
