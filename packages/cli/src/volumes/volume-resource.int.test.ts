// A `volume` resource against a real kube-apiserver with the shipped plugins. Mounted with `source:
// ${resources.NAME}` (the Score spec's own example): the pod template's volume is the PersistentVolumeClaim
// the dev volume resolver made, not a claim of the ResourceClaim's name that nothing creates. Its Workload
// deleted and created again at once (`kubectl delete -f` then `apply -f`): the old claim's Delete deprovision
// deletes its PVC, but the PVC stays (Terminating, still controlled by the old claim) while its
// `kubernetes.io/pvc-protection` finalizer waits for the pods using it to stop, and the old plan's Deployment
// stays until the garbage collector comes (none runs here). The new claim and plan of the same names wait
// for them (reason WaitingForPredecessor) and go on once they are gone; they were refused as Failed
// NameConflict ("belongs to someone else; rename …", a Warning Event) meanwhile.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1Deployment, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import {
  ResourceClaimKind,
  WorkloadKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
  type WorkloadPlan,
} from '@score-orchestrator/api';
import { BuiltinKinds, getControllerOf, KubeClient, type Manager } from '@score-orchestrator/operator-sdk';
import { eventually, type ControlPlane } from '@score-orchestrator/testing';
import { startScoreControlPlane, startShippedOrchestrator } from '../fixtures/shipped-orchestrator.js';

jest.setTimeout(120_000);
const ns = 'volumes';
const recreated = 'recreated';
let cp: ControlPlane;
let client: KubeClient;
let manager: Manager;

beforeAll(async () => {
  cp = await startScoreControlPlane();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
  client.registerKind(WorkloadKind);
  client.registerKind(ResourceClaimKind);
  client.registerKind(WorkloadPlanKind);
  for (const name of [ns, recreated]) await client.create(BuiltinKinds.Namespace, { metadata: { name } });
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

const pvcKey = { namespace: recreated, name: 'vol-web-data' };
const claimKey = { namespace: recreated, name: 'web-data' };

const recreatedWorkload = {
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  metadata: { name: 'web', namespace: recreated },
  spec: {
    containers: { main: { image: 'busybox:1.36', volumes: { '/data': { source: '${resources.data}' } } } },
    resources: { data: { type: 'volume' } },
  },
} as Workload;

const getClaim = () => client.get<ResourceClaim>(ResourceClaimKind, claimKey);
const webKey = { namespace: recreated, name: 'web' };
const getDeployment = () => client.get<V1Deployment>(BuiltinKinds.Deployment, webKey);
const getPvc = () => client.get<V1PersistentVolumeClaim>(BuiltinKinds.PersistentVolumeClaim, pvcKey);

describe('a Workload with a volume deleted and created again at once', () => {
  it('waits for the old claim’s PVC and the old plan’s Deployment to go, never Failed, and goes on within seconds', async () => {
    await client.create(WorkloadKind, recreatedWorkload);
    const old = await eventually(
      async () => {
        const claim = await getClaim();
        return claim?.status?.phase === 'Bound' && claim;
      },
      'the first claim Bound',
      { timeoutMs: 30_000 },
    );
    // The API server's StorageObjectInUseProtection admission gives every PVC this finalizer; with no
    // controller-manager here nothing removes it, as if a pod still used the volume.
    expect((await getPvc())?.metadata?.finalizers).toContain('kubernetes.io/pvc-protection');

    await client.delete(WorkloadKind, { namespace: recreated, name: 'web' });
    await eventually(
      async () => (await client.get(WorkloadKind, { namespace: recreated, name: 'web' })) === undefined,
      'the Workload gone (its claim deprovisioned)',
      { timeoutMs: 30_000 },
    );
    const held = await getPvc();
    expect(held?.metadata?.deletionTimestamp).toBeDefined();
    expect(getControllerOf(held!)?.uid).toBe(old.metadata.uid);

    await client.create(WorkloadKind, recreatedWorkload);
    const seen = new Set<string>();
    const look = async () => {
      const claim = await getClaim();
      if (claim && claim.metadata.uid !== old.metadata.uid)
        seen.add(`${claim.status?.phase}/${claim.status?.reason}: ${claim.status?.message}`);
      return claim;
    };
    const waiting = await eventually(
      async () => {
        const claim = await look();
        return claim?.metadata.uid !== old.metadata.uid && claim?.status?.phase !== undefined && claim;
      },
      'the new claim reported',
      { timeoutMs: 20_000 },
    );
    expect(waiting.status).toMatchObject({
      phase: 'Provisioning',
      reason: 'WaitingForPredecessor',
      message:
        'resolver dev-volume is waiting for PersistentVolumeClaim vol-web-data, still controlled by an earlier ResourceClaim of this name, to be deleted',
    });

    // The pods stopped: the protection controller drops the finalizer and the old PVC goes.
    const released = Date.now();
    await client.patch(BuiltinKinds.PersistentVolumeClaim, pvcKey, { metadata: { finalizers: null } });
    const bound = await eventually(
      async () => {
        const claim = await look();
        return claim?.status?.phase === 'Bound' && claim;
      },
      'the new claim Bound',
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    const afterRelease = Date.now() - released;
    expect([...seen].filter((s) => s.startsWith('Failed'))).toEqual([]);
    // Woken by the old PVC's deletion, not by the one-minute NameConflict recheck (nor the 2 s bound).
    expect(afterRelease).toBeLessThan(10_000);
    const pvc = await getPvc();
    expect(getControllerOf(pvc!)?.uid).toBe(bound.metadata.uid);
    expect(pvc?.metadata?.deletionTimestamp).toBeUndefined();
    const renewed = await eventually(
      async () => {
        const w = await client.get<Workload>(WorkloadKind, { namespace: recreated, name: 'web' });
        return w?.status?.claims?.[0]?.phase === 'Bound' && w;
      },
      'the Workload seeing its claim Bound',
      { timeoutMs: 10_000 },
    );
    expect(renewed.status?.conditions?.find((c) => c.type === 'ClaimsReady')?.status).toBe('True');

    // The plan, made now, meets the old plan's Deployment (no garbage collector here): it waits too.
    const oldDeployment = (await getDeployment())!;
    const plan = await eventually(
      async () => {
        const p = await client.get<WorkloadPlan>(WorkloadPlanKind, webKey);
        return p?.status?.phase !== undefined && p;
      },
      'the new plan reported',
      { timeoutMs: 10_000 },
    );
    expect(getControllerOf(oldDeployment)?.uid).not.toBe(plan.metadata.uid);
    expect(plan.status).toMatchObject({
      phase: 'Progressing',
      reason: 'WaitingForPredecessor',
      message:
        'runtime kubernetes is waiting for Deployment web, still controlled by an earlier WorkloadPlan of this name, to be deleted',
    });
    // The collector takes it (uid precondition: only that one); the new plan's Deployment follows.
    const collected = Date.now();
    await client.delete(BuiltinKinds.Deployment, webKey, {
      preconditions: { uid: oldDeployment.metadata?.uid },
    });
    const applied = await eventually(
      async () => {
        const d = await getDeployment();
        return getControllerOf(d ?? {})?.uid === plan.metadata.uid && d;
      },
      'the new plan’s Deployment',
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(applied.metadata?.uid).not.toBe(oldDeployment.metadata?.uid);
    expect(Date.now() - collected).toBeLessThan(10_000);
  });
});
