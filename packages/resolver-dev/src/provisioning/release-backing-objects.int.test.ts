// A `Delete` deprovision deletes only the data volumes (PVCs) that are provably the claim's StatefulSet's,
// never a PVC someone else labelled alike, on a real API server. No controller-manager runs here, so the test
// creates the PVCs the StatefulSet controller would (named by the volume claim template, with its labels and
// an owner reference to the StatefulSet).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1ObjectMeta, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { ResolverContext } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, SharedCache } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { resolverContextFixture } from '../fixtures/resolver-context.js';
import { requestFixture } from '../fixtures/resource-request.js';
import { backingLabels } from '../naming/backing-labels.js';
import { backingName } from '../naming/backing-names.js';
import { RedisResolver } from '../resolvers/redis.resolver.js';
import { DevKinds } from './dev-kinds.js';

const namespace = 'team-a';
let cp: ControlPlane;
let client: KubeClient;
let cache: SharedCache;
let ctx: ResolverContext;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'resolver' });
  await client.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
  // No informers: the resolver reads every object from the API server.
  cache = new SharedCache({ client });
  ctx = resolverContextFixture(client, cache);
}, 120_000);

afterAll(async () => {
  await cache?.stop();
  await cp?.stop();
}, 60_000);

/** Creates PVC `name` with `metadata` (labels, owner references) as given. */
async function createPvc(name: string, metadata: V1ObjectMeta): Promise<V1PersistentVolumeClaim> {
  return client.create(DevKinds.PersistentVolumeClaim, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...metadata, name, namespace },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
}

/**
 * The PVCs not being deleted. A deleted PVC stays, terminating, with the `kubernetes.io/pvc-protection`
 * finalizer the API server's admission adds: no controller-manager runs here to remove it.
 */
async function pvcNames(): Promise<string[]> {
  const pvcs = await client.list(DevKinds.PersistentVolumeClaim, { namespace });
  return pvcs.items
    .filter((pvc) => !pvc.metadata?.deletionTimestamp)
    .map((pvc) => pvc.metadata?.name ?? '')
    .sort();
}

describe('a Delete deprovision of a backing service', () => {
  it('deletes the StatefulSet data volume and leaves PVCs labelled alike that are not its', async () => {
    const resolver = new RedisResolver();
    const request = requestFixture('redis', { claimName: 'cache' });
    await resolver.provision(request, ctx);
    const set = backingName('redis', request.claimName);
    const statefulSet = await client.get(BuiltinKinds.StatefulSet, { namespace, name: set });
    const labels = backingLabels(request, set, 'redis');
    const setRef = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: set,
      uid: statefulSet!.metadata!.uid!,
    };
    // Ours: what the StatefulSet controller creates for pod 0 (retention `whenDeleted: Delete`).
    await createPvc(`data-${set}-0`, { labels, ownerReferences: [setRef] });
    // Not ours, all with the claim's labels: another template name, an ordinal no pod of the set has, and
    // the right name but controlled by someone else.
    await createPvc(`backup-${set}-0`, { labels });
    await createPvc(`data-${set}-1`, { labels });
    const other = await client.create<KubernetesObject>(BuiltinKinds.ConfigMap, {
      metadata: { name: 'other', namespace },
    });
    const otherRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'other', uid: other.metadata!.uid! };
    await createPvc(`data-${set}-2`, { labels, ownerReferences: [{ ...otherRef, controller: true }] });

    await resolver.deprovision(request, ctx);

    expect(await client.get(BuiltinKinds.StatefulSet, { namespace, name: set })).toBeUndefined();
    expect(await pvcNames()).toEqual([`backup-${set}-0`, `data-${set}-1`, `data-${set}-2`]);
  });

  it('deletes no PVC when the StatefulSet is gone already (nothing proves a PVC is the claim’s)', async () => {
    const resolver = new RedisResolver();
    const request = requestFixture('redis', { claimName: 'queue' });
    await resolver.provision(request, ctx);
    const set = backingName('redis', request.claimName);
    await client.delete(BuiltinKinds.StatefulSet, { namespace, name: set });
    const before = await pvcNames();
    // Labelled and named as the set's data volume, but no StatefulSet is there to prove it.
    await createPvc(`data-${set}-0`, { labels: backingLabels(request, set, 'redis') });

    await resolver.deprovision(request, ctx);

    expect(await pvcNames()).toEqual([...before, `data-${set}-0`].sort());
  });
});
