import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * Identifies one kind of Kubernetes resource: what the API server needs to list, watch and write it.
 * Built-in kinds and custom resources are described the same way.
 */
export interface ResourceKind {
  /** `group/version`, or `v1` for the core group. */
  readonly apiVersion: string;
  readonly kind: string;
  /** Lower-case plural used in URLs, e.g. `deployments`. */
  readonly plural: string;
  /** Whether objects live in a namespace. */
  readonly namespaced: boolean;
}

/** The namespace/name pair that identifies one object; the unit of work of a controller. */
export interface ObjectKey {
  readonly namespace?: string;
  readonly name: string;
}

/** Renders a key as `namespace/name` (or `name` for cluster-scoped objects). */
export function formatObjectKey(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

/** Parses `namespace/name` or `name` back into a key. */
export function parseObjectKey(text: string): ObjectKey {
  const slash = text.indexOf('/');
  return slash < 0 ? { name: text } : { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** The key of an object. */
export function objectKeyOf(obj: KubernetesObject): ObjectKey {
  return { namespace: obj.metadata?.namespace || undefined, name: obj.metadata?.name ?? '' };
}

/** Splits an apiVersion into its group ('' for core) and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `kind.group` (or `kind` for the core group): a stable name for metrics and logs. */
export function qualifiedKindName(kind: ResourceKind): string {
  const { group } = splitApiVersion(kind.apiVersion);
  return group ? `${kind.kind}.${group}` : kind.kind;
}
