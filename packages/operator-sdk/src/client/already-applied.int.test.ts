import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap, V1Deployment, V1Service } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { objectKeyOf } from '../api/resource-kind.js';
import { SharedCache } from '../cache/shared-cache.js';
import { alreadyApplied } from './already-applied.js';
import { KubeClient } from './kube-client.js';
import { applyOwned } from './owned-writes.js';
import { setControllerReference } from './owner-references.js';

jest.setTimeout(120_000);
const { ConfigMap, Deployment, Namespace, Service } = BuiltinKinds;
const ns = 'already-applied';
const manager = 'applier';
let cp: ControlPlane;
let client: KubeClient;
let owner: V1ConfigMap;
const requests: string[] = [];

beforeAll(async () => {
  cp = await ControlPlane.start();
  const metrics = {
    restClientRequests: { inc: (labels: { method: string }) => requests.push(labels.method) },
  };
  client = new KubeClient(cp.kubeConfig, { fieldManager: manager, metrics });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  owner = await client.create(ConfigMap, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: ns, name: 'owner' },
  });
});
afterAll(async () => cp?.stop());

function deployment(image: string): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: ns, name: 'web', labels: { app: 'web' }, annotations: { note: '' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'main',
              image,
              ports: [{ containerPort: 8080 }],
              env: [
                { name: 'A', value: '1' },
                { name: 'EMPTY', value: '' },
              ],
              resources: { limits: { memory: '64Mi' } },
              volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: false }],
            },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    },
  };
}

const service: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: ns, name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
};

const files: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: ns, name: 'web-files' },
  data: { 'app.conf': 'a=1\n' },
};

/** A fresh cache over the kinds, as a restarted process has: nothing in memory but what it lists. */
async function freshCache(): Promise<SharedCache> {
  const cache = new SharedCache({ client });
  for (const kind of [Deployment, Service, ConfigMap]) cache.informerFor(kind, { namespace: ns });
  cache.start();
  await cache.waitForSync(30_000);
  return cache;
}

async function applyAll(objects: KubernetesObject[], cache: SharedCache): Promise<string[]> {
  requests.length = 0;
  for (const obj of objects) await applyOwned(client, obj, { ownership: { owner }, cache });
  return [...requests];
}

async function untilCached(cache: SharedCache, obj: KubernetesObject, resourceVersion: string) {
  const kind = await client.resolveKind(obj);
  for (
    let i = 0;
    i < 200 && cache.get(kind, objectKeyOf(obj))?.metadata?.resourceVersion !== resourceVersion;
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('applyOwned over objects already as desired (real API server)', () => {
  it('sends no request after a restart for what is unchanged, and applies what changed or was edited', async () => {
    const first = await freshCache();
    await applyAll([deployment('nginx:1'), service, files], first);
    await first.stop();

    // A restarted process: a new cache, no memory of what it applied.
    const cache = await freshCache();
    expect(await applyAll([deployment('nginx:1'), service, files], cache)).toEqual([]);

    // A hand edit made meanwhile (another manager takes the field) is put back.
    const edited = await client.patch(
      Deployment,
      { namespace: ns, name: 'web' },
      { spec: { replicas: 3 } },
      {
        fieldManager: 'kubectl-edit',
      },
    );
    await untilCached(cache, edited, edited.metadata!.resourceVersion!);
    expect(
      alreadyApplied(deployment('nginx:1'), cache.get(Deployment, { namespace: ns, name: 'web' }), manager),
    ).toBe(false);
    expect(await applyAll([deployment('nginx:1')], cache)).toEqual(['PATCH']);
    const restored = await client.get<V1Deployment>(Deployment, { namespace: ns, name: 'web' });
    expect(restored?.spec?.replicas).toBe(1);

    // A changed intent is applied; once cached, the same intent again is not.
    const changed = await applyOwned(client, deployment('nginx:2'), { ownership: { owner }, cache });
    await untilCached(cache, changed, changed.metadata!.resourceVersion!);
    expect(await applyAll([deployment('nginx:2'), service, files], cache)).toEqual([]);

    // Data that is no longer wanted (still owned by us) is removed by an apply.
    const emptied: V1ConfigMap = { ...files, data: {} };
    expect(await applyAll([emptied], cache)).toEqual(['PATCH']);
    await cache.stop();
  });

  it('reads a copy fetched from the API server (managedFields present) the same way', async () => {
    const live = await client.get(Service, { namespace: ns, name: 'web' });
    expect(live?.metadata?.managedFields?.length).toBeGreaterThan(0);
    // What applyOwned sent: the object with its controller reference (set on a copy: it mutates).
    const sent: V1Service = setControllerReference(owner, structuredClone(service));
    expect(alreadyApplied(sent, live, manager)).toBe(true);
    expect(alreadyApplied(service, live, manager)).toBe(false);
    expect(alreadyApplied(sent, live, 'someone-else')).toBe(false);
    expect(
      alreadyApplied(
        {
          ...sent,
          spec: { ...service.spec, ports: [{ name: 'http', port: 81, targetPort: 8080 }] },
        } as V1Service,
        live,
        manager,
      ),
    ).toBe(false);
  });
});
