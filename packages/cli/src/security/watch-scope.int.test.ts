// Least privilege in effect, against a real kube-apiserver with the shipped plugins: the orchestrator's caches
// hold only the Secrets, ConfigMaps and Pods it labelled (never another team's, never kube-system's), and with
// watchNamespaces they list and watch nothing outside those namespaces; a Workload still reaches Ready.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, type Manager, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { eventually, type ControlPlane } from '@score-orchestrator/testing';
import { startScoreControlPlane, startShippedOrchestrator } from '../fixtures/shipped-orchestrator.js';

jest.setTimeout(180_000);
const { ConfigMap, Deployment, Namespace, Pod, Secret } = BuiltinKinds;
const team = 'team-cache';
const elsewhere = 'elsewhere';
let cp: ControlPlane;
let client: KubeClient;

const startOrchestrator = (watchNamespaces?: string[]): Promise<Manager> =>
  startShippedOrchestrator(cp, { watchNamespaces });

const meta = (namespace: string, name: string, labels?: Record<string, string>) => ({
  namespace,
  name,
  ...(labels ? { labels } : {}),
});
const podSpec = { containers: [{ name: 'main', image: 'registry.example/app:1' }] };

/** Someone else's Secret, ConfigMap and Pod in `namespace`, none labelled as the orchestrator's. */
async function foreignObjects(namespace: string, prefix: string): Promise<void> {
  // No controller-manager here to make the ServiceAccount pod admission looks up.
  if (!(await client.get(BuiltinKinds.ServiceAccount, { namespace, name: 'default' })))
    await client.create(BuiltinKinds.ServiceAccount, { metadata: meta(namespace, 'default') });
  await client.create(Secret, { metadata: meta(namespace, `${prefix}-secret`), stringData: { k: 'v' } });
  await client.create(ConfigMap, { metadata: meta(namespace, `${prefix}-config`), data: { k: 'v' } });
  await client.create(Pod, { metadata: meta(namespace, `${prefix}-pod`), spec: podSpec });
}

function workload(namespace: string, name: string): Workload {
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { namespace, name },
    spec: {
      containers: { main: { image: 'nginx:1.27', files: { '/etc/app.conf': { content: 'x=1' } } } },
    },
  } as Workload;
}

/** What the cache holds of `kind`, as namespace/name. */
function cached(manager: Manager, kind: ResourceKind): string[] {
  return manager.cache
    .list(kind)
    .map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)
    .sort();
}

/** Plays the ReplicaSet and the kubelet: a pod from the Deployment's template, and a ready rollout. */
async function rollOut(namespace: string, name: string): Promise<V1Pod> {
  const deployment = await eventually(
    () => client.get<V1Deployment>(Deployment, { namespace, name }),
    'the Deployment',
  );
  const pod = await client.create<V1Pod>(Pod, {
    metadata: { ...meta(namespace, `${name}-abc12`), labels: deployment.spec!.template.metadata!.labels },
    spec: podSpec,
  });
  await client.updateStatus<V1Deployment>(Deployment, { namespace, name }, (d) => {
    d.status = {
      observedGeneration: d.metadata?.generation,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    };
  });
  return pod;
}

async function ready(namespace: string, name: string): Promise<void> {
  await eventually(async () => {
    const w = await client.get<Workload>(WorkloadKind, { namespace, name });
    return w?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? w : undefined;
  }, `Workload ${namespace}/${name} Ready`);
}

beforeAll(async () => {
  cp = await startScoreControlPlane();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'platform-team' });
  client.registerKind(WorkloadKind);
  for (const name of [team, elsewhere]) await client.create(Namespace, { metadata: { name } });
  await foreignObjects(elsewhere, 'before');
  await foreignObjects('kube-system', 'system');
  await foreignObjects(team, 'neighbour');
});
afterAll(async () => cp?.stop());

describe('the orchestrator caches only what it manages', () => {
  it('keeps unlabelled Secrets, ConfigMaps and Pods of any namespace out of its cache; a Workload reaches Ready', async () => {
    const manager = await startOrchestrator();
    try {
      await client.create(WorkloadKind, workload(team, 'web'));
      const pod = await rollOut(team, 'web');
      await ready(team, 'web');
      // Created while the orchestrator runs: the watch must drop them as the list did.
      await foreignObjects(elsewhere, 'after');
      const marker = await client.create(Secret, {
        metadata: meta(team, 'marker', { 'app.kubernetes.io/managed-by': 'score-orchestrator' }),
      });
      await eventually(() => manager.cache.get(Secret, { namespace: team, name: 'marker' }), 'the marker');
      // Its own objects are in: the files ConfigMap and the pod made from its template (the selector label
      // is in the pod template, so ReplicaSet pods are seen).
      expect(cached(manager, ConfigMap).filter((k) => k.startsWith(`${team}/web`))).toHaveLength(1);
      expect(cached(manager, Pod)).toEqual([`${team}/${pod.metadata!.name}`]);
      expect(cached(manager, Secret)).toEqual([`${team}/${marker.metadata!.name}`]);
      for (const kind of [Secret, ConfigMap, Pod]) {
        const names = cached(manager, kind);
        expect(names.filter((k) => /(before|after|system|neighbour)-/.test(k))).toEqual([]);
        // The API server filtered them: every informer of the kind carries the selector.
        for (const informer of manager.cache.informersFor(kind))
          expect(informer.options.labelSelector).toBe(
            'app.kubernetes.io/managed-by in (score-orchestrator,score-orchestrator-resolver-dev)',
          );
      }
    } finally {
      await manager.stop();
    }
  });

  it('with watchNamespaces lists and watches only those namespaces', async () => {
    await client.create(WorkloadKind, workload(elsewhere, 'ignored'));
    await client.create(Secret, {
      metadata: meta(elsewhere, 'labelled', { 'app.kubernetes.io/managed-by': 'score-orchestrator' }),
    });
    const manager = await startOrchestrator([team]);
    try {
      await client.create(WorkloadKind, workload(team, 'api'));
      await rollOut(team, 'api');
      await ready(team, 'api');
      for (const kind of [Secret, ConfigMap, Pod, WorkloadKind, Deployment]) {
        expect(manager.cache.informersFor(kind).map((i) => i.options.namespace)).toEqual([team]);
        expect(cached(manager, kind).filter((k) => !k.startsWith(`${team}/`))).toEqual([]);
      }
      // The Workload in the other namespace is not the orchestrator's business: no status, no plan.
      const ignored = await client.get<Workload>(WorkloadKind, { namespace: elsewhere, name: 'ignored' });
      expect(ignored?.status).toBeUndefined();
      expect(ignored?.metadata?.finalizers ?? []).toEqual([]);
      expect(
        await client.get<KubernetesObject>(Deployment, { namespace: elsewhere, name: 'ignored' }),
      ).toBeUndefined();
    } finally {
      await manager.stop();
    }
  });
});
