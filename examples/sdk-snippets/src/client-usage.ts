// The KubeClient of docs/sdk/client-and-cache.md: reads, writes, server-side apply, status, owner
// references, finalizers and errors. Each function is exercised against a real API server by
// snippets.int.test.ts.
import { randomBytes } from 'node:crypto';
import type { KubeConfig, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  applyOwned,
  BuiltinKinds,
  createOwned,
  deleteOwned,
  KubeApiError,
  KubeClient,
  getControllerOf,
  ownershipConflictOf,
  hasFinalizer,
  isConflict,
  resourceKindOf,
  setControllerReference,
  type DeleteOwnedOutcome,
  type OperatorMetrics,
} from '@score-orchestrator/operator-sdk';
import { Widget } from './widget.resource.js';

// #region create-client
export function createClient(kubeConfig: KubeConfig, metrics?: OperatorMetrics): KubeClient {
  return new KubeClient(kubeConfig, {
    fieldManager: 'widget-tool', // recorded on every write; the owner of server-side-applied fields
    metrics, // counts requests in rest_client_requests_total (optional)
    requestTimeoutMs: 10_000,
  });
}
// #endregion create-client

// #region crud
export async function crud(client: KubeClient, namespace: string): Promise<string | undefined> {
  const ConfigMap = BuiltinKinds.ConfigMap;
  await client.create<V1ConfigMap>(ConfigMap, {
    metadata: { name: 'settings', namespace, labels: { app: 'web' } },
    data: { color: 'blue' },
  });
  const current = await client.get<V1ConfigMap>(ConfigMap, { namespace, name: 'settings' }); // undefined on 404
  const { items } = await client.list<V1ConfigMap>(ConfigMap, { namespace, labelSelector: 'app=web' }); // all pages
  const patched = await client.patch<V1ConfigMap>(
    ConfigMap,
    { namespace, name: 'settings' },
    { data: { size: 'L' } },
  );
  // A replace carries the resourceVersion it was read at: 409 if someone wrote since (here: `current` is stale).
  const replaced = await client.update<V1ConfigMap>(ConfigMap, { ...patched, data: { color: 'red' } });
  const deleted = await client.delete(ConfigMap, { namespace, name: 'settings' }); // false when already gone
  return `${current?.data?.color}, ${items.length} listed, now ${replaced.data?.color}, deleted: ${deleted}`;
}
// #endregion crud

// #region apply
export async function applyWidget(client: KubeClient, namespace: string): Promise<Widget> {
  // Server-side apply: send the fields you own; the kind is resolved by discovery (or registerKind).
  const applied = await client.apply<Widget>({
    apiVersion: 'snippets.example.dev/v1',
    kind: 'Widget',
    metadata: { name: 'applied', namespace },
    spec: { mode: 'Active', replicas: 1, containers: [{ image: 'nginx:1.27' }] },
  });
  // Status is a subresource: apply it separately, with the same field manager.
  return client.applyStatus<Widget>({
    apiVersion: applied.apiVersion,
    kind: applied.kind,
    metadata: { name: 'applied', namespace },
    status: { ready: false },
  } as Widget);
}
// #endregion apply

// #region update-status
export async function markReady(client: KubeClient, namespace: string, name: string): Promise<boolean> {
  const { written } = await client.updateStatus<Widget>(
    resourceKindOf(Widget),
    { namespace, name },
    (widget) => {
      // A pure function of what it receives: re-run on a fresh read after a 409.
      widget.status = { ...widget.status, ready: true, observedGeneration: widget.metadata.generation };
    },
  );
  return written; // false when the status was already like this: nothing was sent
}
// #endregion update-status

// #region owner-references
export async function renderOwned(client: KubeClient, owner: Widget): Promise<string | undefined> {
  const configMap = setControllerReference(owner, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${owner.metadata.name}-rendered`, namespace: owner.metadata.namespace },
    data: { replicas: String(owner.spec.replicas) },
  } satisfies V1ConfigMap); // pure: only changes the object in memory
  const stored = await client.apply(configMap);
  return getControllerOf(stored)?.name; // the Widget's name
}
// #endregion owner-references

// #region owned-writes
export async function renderIfFree(client: KubeClient, owner: Widget): Promise<string> {
  const configMap: V1ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${owner.metadata.name}-settings`, namespace: owner.metadata.namespace },
    data: { replicas: String(owner.spec.replicas) },
  };
  const ownership = { owner }; // ours = controlled by this Widget (matched by uid)
  try {
    await applyOwned(client, configMap, { ownership }); // adds the controller reference itself
    return 'applied';
  } catch (err) {
    const conflict = ownershipConflictOf(err); // someone else's ConfigMap of that name: nothing was written
    if (conflict) return `taken: ${conflict.message}`; // names kind and name, never the content
    throw err;
  }
}

export async function removeIfOurs(client: KubeClient, owner: Widget): Promise<DeleteOwnedOutcome> {
  const key = { namespace: owner.metadata.namespace, name: `${owner.metadata.name}-settings` };
  return deleteOwned(client, BuiltinKinds.ConfigMap, key, { owner }); // 'deleted' | 'absent' | 'notOwned'
}
// #endregion owned-writes

// #region create-owned
export async function widgetToken(client: KubeClient, owner: Widget): Promise<string> {
  const token = randomBytes(16).toString('hex'); // made up for a Secret that does not exist yet
  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${owner.metadata.name}-token`, namespace: owner.metadata.namespace },
    stringData: { token },
  };
  // No read first: created only if the name is free; ours already there is returned untouched.
  const outcome = await createOwned(client, secret, { ownership: { owner } }); // someone else's: NotOwned
  if (outcome.created) return token;
  const stored = (outcome.object as V1Secret).data?.token ?? '';
  return Buffer.from(stored, 'base64').toString('utf8'); // the token stays what it was
}
// #endregion create-owned

// #region finalizers
export async function withFinalizer(client: KubeClient, widget: Widget): Promise<boolean> {
  const kind = resourceKindOf(Widget);
  const guarded = await client.ensureFinalizer(kind, widget, 'snippets.example.dev/cleanup'); // no write if present
  const had = hasFinalizer(guarded, 'snippets.example.dev/cleanup');
  await client.removeFinalizer(kind, guarded, 'snippets.example.dev/cleanup'); // undefined if the object is gone
  return had;
}
// #endregion finalizers

// #region errors
export async function createOnce(client: KubeClient, widget: Widget): Promise<string> {
  try {
    await client.create(resourceKindOf(Widget), widget);
    return 'created';
  } catch (err) {
    if (isConflict(err)) return 'exists'; // 409: also isNotFound(err) for 404, statusCodeOf(err) for any
    if (err instanceof KubeApiError && err.kind === 'Validation') {
      return `invalid: ${err.causes.map((cause) => cause.field).join(', ')}`; // 422, with the server's paths
    }
    throw err; // "failed to create Widget <namespace>/<name>: <server message>"
  }
}
// #endregion errors
