// Maps apiVersion + kind to a ResourceKind: known kinds first, then API discovery (cached).
import type { ResourceKind } from '../../api/resource-kind.js';
import { BuiltinKinds } from '../../api/builtin-kinds.js';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { apiErrorFromResponse } from '../kube-api.error.js';
import type { HttpTransport } from './http-transport.js';
import { groupVersionPath } from './resource-path.js';

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/** Resolves the plural and scope of a kind, the way controller-runtime's RESTMapper does. */
export class KindMapper {
  private readonly known = new Map<string, ResourceKind>();
  private readonly pending = new Map<string, Promise<ResourceKind>>();

  constructor(private readonly transport: HttpTransport) {
    for (const kind of Object.values(BuiltinKinds)) this.register(kind);
  }

  register(kind: ResourceKind): void {
    this.known.set(`${kind.apiVersion}|${kind.kind}`, kind);
  }

  /** Resolves from the registry, else asks discovery once per group/version. Rejects with Configuration. */
  async resolve(apiVersion: string | undefined, kind: string | undefined): Promise<ResourceKind> {
    if (!apiVersion || !kind) {
      throw new OperatorSdkError(
        'Validation',
        'failed to resolve kind: the object has no apiVersion or kind',
      );
    }
    const key = `${apiVersion}|${kind}`;
    const hit = this.known.get(key);
    if (hit) return hit;
    let lookup = this.pending.get(key);
    if (!lookup) {
      lookup = this.discover(apiVersion, kind);
      this.pending.set(key, lookup);
      // A failed lookup must not be cached: the CRD may be installed a moment later.
      lookup.catch(() => this.pending.delete(key));
    }
    return lookup;
  }

  private async discover(apiVersion: string, kind: string): Promise<ResourceKind> {
    const res = await this.transport.request({ method: 'GET', path: groupVersionPath(apiVersion) });
    if (res.status !== 200) throw apiErrorFromResponse(`discover ${apiVersion}`, res.status, res.body);
    const found = (res.body as ApiResourceList).resources?.find(
      (r) => r.kind === kind && !r.name.includes('/'),
    );
    if (!found) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to resolve ${kind} in ${apiVersion}: the API server does not serve it; install its CRD or register the kind`,
      );
    }
    const resolved: ResourceKind = { apiVersion, kind, plural: found.name, namespaced: found.namespaced };
    this.register(resolved);
    return resolved;
  }
}
