import type { KubernetesObject } from '@kubernetes/client-node';
import { OperatorSdkError, type ObjectKey, type ResourceKind } from '@score-orchestrator/operator-sdk';
import type { ResolverContext } from '@score-orchestrator/api';

/**
 * Reads one object from the shared cache when an informer covers its kind and holds it, else from the API
 * server (an object created a moment ago may not be cached yet). Undefined when it does not exist.
 */
export async function readObject<T extends KubernetesObject>(
  ctx: ResolverContext,
  kind: ResourceKind,
  key: ObjectKey,
): Promise<T | undefined> {
  try {
    const cached = ctx.cache.get<T>(kind, key);
    if (cached) return cached;
  } catch (err) {
    if (!(OperatorSdkError.is(err) && err.kind === 'Configuration')) throw err;
  }
  return ctx.client.get<T>(kind, key);
}
