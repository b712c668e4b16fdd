// A namespace per measurement, and its removal without waiting on the orchestrator's finalizers.
import type { KubernetesObject } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from '@score-orchestrator/api';
import { BuiltinKinds, type KubeClient } from '@score-orchestrator/operator-sdk';
import { forEachBounded } from './bounded.js';

/** Creates namespace `name`. */
export async function createNamespace(client: KubeClient, name: string): Promise<string> {
  await client.create(BuiltinKinds.Namespace, { metadata: { name } });
  return name;
}

/**
 * Deletes namespace `name` once the orchestrator is stopped: drops every finalizer of the Score objects
 * in it (deletion through the orchestrator is not what is measured), deletes the namespace and waits
 * until it is gone, so the next measurement's caches do not hold it.
 */
export async function removeNamespace(client: KubeClient, name: string, timeoutMs = 300_000): Promise<void> {
  for (const kind of [WorkloadKind, ResourceClaimKind, WorkloadPlanKind]) {
    const { items } = await client.list<KubernetesObject>(kind, { namespace: name });
    const held = items.filter((obj) => (obj.metadata?.finalizers ?? []).length > 0);
    await forEachBounded(held.length, 16, (i) =>
      client
        .patch(kind, { namespace: name, name: held[i]!.metadata!.name! }, { metadata: { finalizers: null } })
        .catch(() => undefined),
    );
  }
  await client.delete(BuiltinKinds.Namespace, { name });
  const deadline = Date.now() + timeoutMs;
  while (await client.get(BuiltinKinds.Namespace, { name })) {
    if (Date.now() > deadline) throw new Error(`namespace ${name} still exists after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
