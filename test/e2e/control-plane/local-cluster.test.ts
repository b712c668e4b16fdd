import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

import { AppsV1Api, CoreV1Api, DiscoveryV1Api, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { LocalCluster } from '@score-orchestrator/testing';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(300_000);

// Callers give 120 s: seconds when idle, but a loaded 2-core CI machine runs five binaries slowly.
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('LocalCluster', () => {
  let cluster: LocalCluster;
  const namespace = 'default';
  const labels = { app: 'echo' };

  beforeAll(async () => {
    cluster = await LocalCluster.start();
  });

  afterAll(() => cluster.stop());

  it('has kwok nodes that are Ready', async () => {
    const nodes = await cluster.kubeConfig.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([...cluster.nodeNames]);
    const ready = nodes.items[0]?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('True');
  });

  it('makes a Deployment Available with Running, Ready pods', async () => {
    const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
    const deployment: V1Deployment = {
      metadata: { name: 'echo', namespace },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name: 'echo', image: 'example.com/echo:1', ports: [{ containerPort: 8080 }] }],
          },
        },
      },
    };
    await apps.createNamespacedDeployment({ namespace, body: deployment });

    const available = await eventually(
      async () => {
        const current = await apps.readNamespacedDeployment({ name: 'echo', namespace });
        const condition = current.status?.conditions?.find((c) => c.type === 'Available');
        return condition?.status === 'True' && current.status?.readyReplicas === 2 ? current : undefined;
      },
      120_000,
      'Deployment echo to become Available',
    );
    expect(available.status?.availableReplicas).toBe(2);

    const pods = await cluster.kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace, labelSelector: 'app=echo' });
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.spec?.nodeName).toBe(cluster.nodeNames[0]);
      expect(pod.status?.podIP).toMatch(/^10\.244\./);
    }
  });

  it('gives a Service EndpointSlices with ready endpoints', async () => {
    await cluster.kubeConfig.makeApiClient(CoreV1Api).createNamespacedService({
      namespace,
      body: {
        metadata: { name: 'echo', namespace },
        spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
      },
    });
    const discovery = cluster.kubeConfig.makeApiClient(DiscoveryV1Api);
    const endpoints = await eventually(
      async () => {
        const slices = await discovery.listNamespacedEndpointSlice({
          namespace,
          labelSelector: 'kubernetes.io/service-name=echo',
        });
        const ready = slices.items.flatMap((s) => s.endpoints).filter((e) => e.conditions?.ready === true);
        return ready.length === 2 ? ready : undefined;
      },
      120_000,
      'EndpointSlices of Service echo',
    );
    expect(endpoints.flatMap((e) => e.addresses)).toHaveLength(2);
  });

  it('binds a PersistentVolumeClaim through the default StorageClass', async () => {
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    const bound = await eventually(
      async () => {
        const pvc = await core.readNamespacedPersistentVolumeClaim({ namespace, name: 'data' });
        return pvc.status?.phase === 'Bound' ? pvc : undefined;
      },
      120_000,
      'the claim to bind',
    );
    expect(bound.spec?.storageClassName).toBe('standard');
  });

  it('stops every process and removes its folder', async () => {
    const other = await LocalCluster.start();
    const pids = [...other.pids];
    const dir = dirname(other.kubeconfigPath);
    expect(pids).toHaveLength(5);
    await other.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
