// The hosts' cache filters on a real API server: Pods, Deployments and StatefulSets reach the cache in the
// shape the plugins read (a kubelet's container statuses included), unlabelled Pods not at all, and an
// unchanged apply of a shaped Deployment is still recognised as one.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { alreadyApplied, BuiltinKinds, KubeClient, SharedCache } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { managedObjectFilters, MANAGED_BY_LABEL, ORCHESTRATOR_MANAGED_BY } from './managed-objects.js';

jest.setTimeout(120_000);
const { Deployment, Namespace, Pod, ServiceAccount, StatefulSet } = BuiltinKinds;
const ns = 'cached-shapes';
const manager = 'score-orchestrator';
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: manager });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await client
    .create(ServiceAccount, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { namespace: ns, name: 'default' },
    })
    .catch(() => undefined);
});
afterAll(async () => cp?.stop());

const labels = { app: 'web', [MANAGED_BY_LABEL]: ORCHESTRATOR_MANAGED_BY };
const containers = [
  {
    name: 'web',
    image: 'nginx:1',
    env: [{ name: 'A', value: '1' }],
    resources: { limits: { memory: '64Mi' } },
    readinessProbe: { httpGet: { path: '/', port: 80 } },
  },
];

function pod(name: string, podLabels: Record<string, string>): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: ns, name, labels: podLabels },
    spec: { automountServiceAccountToken: false, containers },
  };
}

/** A one-replica Deployment or StatefulSet of the pods above. */
function workload<T extends V1Deployment | V1StatefulSet>(kind: string, name: string, extra: object = {}): T {
  const template = { metadata: { labels }, spec: { containers } };
  const selector = { matchLabels: { app: 'web' } };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { namespace: ns, name, labels },
    spec: { replicas: 1, selector, template, ...extra },
  } as unknown as T;
}

const deployment = workload<V1Deployment>('Deployment', 'web');
const statefulSet = workload<V1StatefulSet>('StatefulSet', 'pg', { serviceName: 'pg' });

describe('managedObjectFilters on a real API server', () => {
  it('caches Pods, Deployments and StatefulSets shaped, and only the labelled Pods', async () => {
    await client.create(Pod, pod('ours', labels));
    await client.create(Pod, pod('theirs', { app: 'web' }));
    await client.apply(deployment, { force: true });
    await client.apply(statefulSet, { force: true });
    const cache = new SharedCache({ client, byKind: managedObjectFilters() });
    for (const kind of [Pod, Deployment, StatefulSet]) cache.informerFor(kind, { namespace: ns });
    cache.start();
    try {
      await cache.waitForSync(30_000);
      expect(cache.list(Pod).map((p) => p.metadata?.name)).toEqual(['ours']);
      const ours = cache.get<V1Pod>(Pod, { namespace: ns, name: 'ours' })!;
      expect(ours.spec).toEqual({
        containers: [{ name: 'web', image: 'nginx:1', readinessProbe: expect.anything() }],
      });
      expect(ours.metadata?.labels).toEqual(labels);

      // What a kubelet reports reaches the cache in the kept fields.
      const waiting = { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1"' };
      await client.updateStatus<V1Pod>(Pod, { namespace: ns, name: 'ours' }, (live) => {
        live.status = {
          phase: 'Pending',
          hostIP: '10.0.0.1',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          containerStatuses: [
            { name: 'web', image: 'nginx:1', imageID: '', ready: false, restartCount: 0, state: { waiting } },
          ],
        };
      });
      await eventually(() => {
        const cached = cache.get<V1Pod>(Pod, { namespace: ns, name: 'ours' })!;
        expect(cached.status?.containerStatuses?.[0]?.state?.waiting).toEqual(waiting);
        expect(cached.status?.hostIP).toBeUndefined();
        return true;
      }, 'the container status in the cache');

      const cachedDeployment = cache.get<V1Deployment>(Deployment, { namespace: ns, name: 'web' })!;
      expect(cachedDeployment.spec).toEqual({
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        progressDeadlineSeconds: 600,
      });
      expect(alreadyApplied(deployment, cachedDeployment, manager)).toBe(true);
      expect(
        alreadyApplied(
          { ...deployment, spec: { ...deployment.spec!, replicas: 2 } } as V1Deployment,
          cachedDeployment,
          manager,
        ),
      ).toBe(false);
      const cachedStatefulSet = cache.get<V1StatefulSet>(StatefulSet, { namespace: ns, name: 'pg' })!;
      expect(cachedStatefulSet.spec?.template).toBeUndefined();
      expect(alreadyApplied(statefulSet, cachedStatefulSet, manager)).toBe(true);
    } finally {
      await cache.stop();
    }
  });
});
