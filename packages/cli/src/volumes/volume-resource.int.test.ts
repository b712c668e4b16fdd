// A `volume` resource mounted with `source: ${resources.NAME}` (the Score spec's own example), against a real
// kube-apiserver with the shipped plugins: the pod template's volume is the PersistentVolumeClaim the dev
// volume resolver made, not a claim of the ResourceClaim's name that nothing creates.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1Deployment, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, type ResourceClaim, type Workload } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, type Manager } from '@score-orchestrator/operator-sdk';
import { eventually, type ControlPlane } from '@score-orchestrator/testing';
import { startScoreControlPlane, startShippedOrchestrator } from '../fixtures/shipped-orchestrator.js';

jest.setTimeout(120_000);
const ns = 'volumes';
let cp: ControlPlane;
let client: KubeClient;
let manager: Manager;

beforeAll(async () => {
  cp = await startScoreControlPlane();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
  client.registerKind(WorkloadKind);
  client.registerKind(ResourceClaimKind);
  await client.create(BuiltinKinds.Namespace, { metadata: { name: ns } });
  manager = await startShippedOrchestrator(cp);
});
afterAll(async () => {
  await manager?.stop();
  await cp?.stop();
});

describe('a volume resource mounted with source: ${resources.NAME}', () => {
  it('gives the pod template a volume that references the PersistentVolumeClaim the resolver created', async () => {
    const workload = {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'web', namespace: ns },
      spec: {
        containers: {
          main: { image: 'busybox:1.36', volumes: { '/data': { source: '${resources.data}' } } },
        },
        resources: { data: { type: 'volume' } },
      },
    } as Workload;
    await client.create(WorkloadKind, workload);

    const deployment = await eventually(
      () => client.get<V1Deployment>(BuiltinKinds.Deployment, { namespace: ns, name: 'web' }),
      'the Deployment of web',
      { timeoutMs: 60_000 },
    );
    const claim = (await client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'web-data' }))!;
    const { items: made } = await client.list<V1PersistentVolumeClaim>(BuiltinKinds.PersistentVolumeClaim, {
      namespace: ns,
      labelSelector: 'score.dev/claim=web-data',
    });
    expect(made).toHaveLength(1);
    const pvc = made[0]!.metadata!.name!;
    expect(pvc).not.toBe(claim.metadata.name);
    expect(claim.status?.outputs?.['source']).toEqual({ persistentVolumeClaim: { claimName: pvc } });

    const pod = deployment.spec!.template.spec!;
    const claimVolumes = (pod.volumes ?? []).filter((v) => v.persistentVolumeClaim);
    expect(claimVolumes.map((v) => v.persistentVolumeClaim!.claimName)).toEqual([pvc]);
    const mount = pod.containers.find((c) => c.name === 'main')!.volumeMounts ?? [];
    expect(mount).toEqual([expect.objectContaining({ name: claimVolumes[0]!.name, mountPath: '/data' })]);
  });
});
