// URL paths of the Kubernetes REST API for one kind.
import { splitApiVersion, type ResourceKind } from '../../api/resource-kind.js';

/** `/api/v1` for the core group, `/apis/<group>/<version>` otherwise. */
export function groupVersionPath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/**
 * The collection path (no name) or the object path (with name), optionally a subresource.
 * A namespaced kind without a namespace addresses all namespaces (list and watch only).
 */
export function resourcePath(
  kind: ResourceKind,
  target: { namespace?: string; name?: string; subresource?: string } = {},
): string {
  let path = groupVersionPath(kind.apiVersion);
  if (kind.namespaced && target.namespace) path += `/namespaces/${encodeURIComponent(target.namespace)}`;
  path += `/${kind.plural}`;
  if (target.name !== undefined) path += `/${encodeURIComponent(target.name)}`;
  if (target.subresource) path += `/${target.subresource}`;
  return path;
}
