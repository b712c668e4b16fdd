// The SharedCache of docs/sdk/client-and-cache.md, used on its own (a manager builds one for you).
import type { KubernetesObject, V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import type { Container } from 'inversify';
import {
  BuiltinKinds,
  dropLastAppliedConfiguration,
  Manager,
  OWNER_UID_INDEX,
  SharedCache,
  type CacheTransform,
  type KubeClient,
  type Logger,
} from '@score-orchestrator/operator-sdk';

/** The label that names the widget a ConfigMap belongs to. */
export const WIDGET_LABEL = 'snippets.example.dev/widget';

// #region standalone
export async function startConfigMapCache(client: KubeClient, namespace: string, logger?: Logger) {
  const cache = new SharedCache({ client, logger });
  // One informer per kind and namespace scope, shared by everyone who asks for it.
  const informer = cache.informerFor<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace });
  // Custom indexes: name → values an object is found under (pure; runs on every change).
  cache.addIndex<V1ConfigMap>(BuiltinKinds.ConfigMap, 'byWidget', (cm) => {
    const widget = cm.metadata?.labels?.[WIDGET_LABEL];
    return widget ? [widget] : [];
  });
  const seen: string[] = [];
  informer.addEventHandler({
    onAdd: (cm) => seen.push(`add ${cm.metadata?.name}`), // keep handlers short: they run on the loop
    onDelete: (cm) => seen.push(`delete ${cm.metadata?.name}`),
  });
  cache.start();
  await cache.waitForSync(30_000); // rejects with a Timeout error naming the kind
  return { cache, seen };
}
// #endregion standalone

// #region reads
export function readFromCache(cache: SharedCache, namespace: string, owner: KubernetesObject) {
  const one = cache.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: 'settings' }); // or undefined
  const web = cache.list<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, labelSelector: 'app=web' });
  const ofWidget = cache.list<V1ConfigMap>(BuiltinKinds.ConfigMap, {
    index: { name: 'byWidget', value: 'w1' },
  });
  const owned = cache.list<V1ConfigMap>(BuiltinKinds.ConfigMap, {
    index: { name: OWNER_UID_INDEX, value: owner.metadata!.uid! }, // built in, as is NAMESPACE_INDEX
  });
  // Cached objects are deep-frozen: copy before changing one.
  const copy = one ? structuredClone(one) : undefined;
  if (copy) copy.data = { ...copy.data, touched: 'yes' };
  return { one, web, ofWidget, owned, copy };
}
// #endregion reads

// #region scoped
export function scopedManager(container: Container): Manager {
  return Manager.create({
    container,
    cache: {
      // DefaultNamespaces: one informer per listed namespace for every namespaced kind.
      namespaces: ['team-a', 'team-b'],
      // ByObject: the API server filters these kinds; nothing else of them reaches memory or handlers.
      byKind: [{ kind: BuiltinKinds.Secret, labelSelector: 'app.kubernetes.io/managed-by=widget-operator' }],
    },
  });
}
// #endregion scoped

// #region shaped
/** Keeps of a Pod what this operator reads: metadata, container names and images, container statuses. */
export const podSummary: CacheTransform = (obj) => {
  const pod = obj as V1Pod;
  const containers = (pod.spec?.containers ?? []).map(({ name, image }) => ({ name, image }));
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: pod.metadata,
    spec: { containers },
    status: { phase: pod.status?.phase, containerStatuses: pod.status?.containerStatuses },
  } as KubernetesObject;
};

export function shapedCache(client: KubeClient): SharedCache {
  return new SharedCache({
    client,
    // DefaultTransform, for every kind (this one is the default; null keeps objects as sent).
    transform: dropLastAppliedConfiguration,
    // ByObject: only the operator's Pods, and of them only what it reads.
    byKind: [
      {
        kind: BuiltinKinds.Pod,
        labelSelector: 'app.kubernetes.io/managed-by=widget-operator',
        transform: podSummary,
      },
    ],
  });
}
// #endregion shaped
