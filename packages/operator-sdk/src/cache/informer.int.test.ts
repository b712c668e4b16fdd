import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Agent } from 'node:http';
import { KubeConfig, type KubernetesObject, type V1ConfigMap } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { PartitionableSource } from './internal/partitionable-source.js';
import { Informer } from './informer.js';
import { listWatchFor } from './list-watch-source.js';
import { SharedCache } from './shared-cache.js';
import { OWNER_UID_INDEX } from './store.js';

jest.setTimeout(120_000);
const { ConfigMap, Namespace } = BuiltinKinds;
const ns = 'informer-test';
const fast = { initialBackoffMs: 100, maxBackoffMs: 1000 };
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'sdk-test' });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
afterAll(async () => cp?.stop());

const cm = (name: string, data: Record<string, string> = {}): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: ns, name },
  data,
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function recorder() {
  const events: string[] = [];
  const handler = {
    onAdd: (o: KubernetesObject) => events.push(`add ${o.metadata?.name}`),
    onUpdate: (_: KubernetesObject, o: KubernetesObject) => events.push(`update ${o.metadata?.name}`),
    onDelete: (o: KubernetesObject) => events.push(`delete ${o.metadata?.name}`),
  };
  return { events, handler };
}

describe('Informer against a real API server', () => {
  it('sees adds, updates and deletes through the shared cache', async () => {
    await client.create(ConfigMap, cm('before'));
    const cache = new SharedCache({ client, timing: fast });
    const rec = recorder();
    cache.informerFor(ConfigMap, { namespace: ns }).addEventHandler(rec.handler);
    cache.start();
    await cache.waitForSync(30_000);
    expect(cache.synced).toBe(true);
    expect(rec.events).toEqual(['add before']);

    const owner = await client.create(ConfigMap, cm('owner'));
    const child = cm('child');
    child.metadata!.ownerReferences = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! },
    ];
    await client.create(ConfigMap, child);
    await client.patch(ConfigMap, { namespace: ns, name: 'before' }, { data: { a: 'b' } });
    await client.delete(ConfigMap, { namespace: ns, name: 'before' });
    await until(() => rec.events.length === 5);
    expect(rec.events).toEqual(['add before', 'add owner', 'add child', 'update before', 'delete before']);
    const owned = cache.list(ConfigMap, {
      namespace: ns,
      index: { name: OWNER_UID_INDEX, value: owner.metadata!.uid! },
    });
    expect(owned.map((o) => o.metadata?.name)).toEqual(['child']);
    expect(cache.get(ConfigMap, { namespace: ns, name: 'child' })?.metadata?.managedFields).toBeUndefined();
    await cache.stop();
  });

  it('closes its watch connection on stop and keeps nothing it cached', async () => {
    await client.create(ConfigMap, cm('held'));
    // A KubeConfig of its own gets an HTTP agent of its own: every socket in use there is this cache's.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(cp.kubeConfig.exportConfig());
    const cache = new SharedCache({ client: new KubeClient(kubeConfig, { fieldManager: 'sdk-test' }) });
    const agent = (await kubeConfig.applyToFetchOptions({})).agent as Agent;
    const inUse = () => Object.values(agent.sockets).flat().length;
    const informer = cache.informerFor(ConfigMap, { namespace: ns });
    cache.start();
    await cache.waitForSync(30_000);
    await until(() => inUse() === 1); // the watch
    expect(informer.store.get({ namespace: ns, name: 'held' })).toBeDefined();

    await cache.stop();

    await until(() => inUse() === 0);
    expect(informer.store.size).toBe(0);
    expect(() => cache.list(ConfigMap, { namespace: ns })).toThrow(/the cache is stopped/);
  });

  it('recovers from dropped streams and short server timeouts without relisting', async () => {
    const source = new PartitionableSource(listWatchFor(client, ConfigMap));
    const informer = new Informer({
      kind: ConfigMap,
      namespace: ns,
      source,
      timing: { ...fast, watchTimeoutSeconds: [1, 1] },
    });
    const rec = recorder();
    informer.addEventHandler(rec.handler);
    informer.start();
    await informer.waitForSync(30_000);
    rec.events.length = 0;
    // At least two server-side timeouts (1 s each), counted rather than slept for: a loaded machine is slower.
    await until(() => source.watches >= 3);
    source.dropWatch();
    await client.create(ConfigMap, cm('after-drop'));
    await until(() => rec.events.includes('add after-drop'));
    expect(source.watches).toBeGreaterThanOrEqual(4);
    expect(source.lists).toBe(1);
    await informer.stop();
  });

  it('reconnects after the API server restarts and catches up, deletes included', async () => {
    await client.create(ConfigMap, cm('doomed'));
    await client.create(ConfigMap, cm('survivor'));
    const informer = new Informer({
      kind: ConfigMap,
      namespace: ns,
      source: listWatchFor(client, ConfigMap),
      timing: fast,
    });
    const rec = recorder();
    informer.addEventHandler(rec.handler);
    informer.start();
    await informer.waitForSync(30_000);
    rec.events.length = 0;

    await cp.stopApiServer();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await cp.startApiServer();
    await client.delete(ConfigMap, { namespace: ns, name: 'doomed' });
    await client.patch(ConfigMap, { namespace: ns, name: 'survivor' }, { data: { changed: 'yes' } });
    await client.create(ConfigMap, cm('newcomer'));
    await until(() =>
      ['delete doomed', 'update survivor', 'add newcomer'].every((e) => rec.events.includes(e)),
    );
    expect(informer.store.get({ namespace: ns, name: 'doomed' })).toBeUndefined();
    expect((informer.store.get({ namespace: ns, name: 'survivor' }) as V1ConfigMap).data).toEqual({
      changed: 'yes',
    });
    await informer.stop();
  });

  it('reports objects deleted while it was cut off', async () => {
    await client.create(ConfigMap, cm('cut-off'));
    const source = new PartitionableSource(listWatchFor(client, ConfigMap));
    const informer = new Informer({ kind: ConfigMap, namespace: ns, source, timing: fast });
    const rec = recorder();
    informer.addEventHandler(rec.handler);
    informer.start();
    await informer.waitForSync(30_000);
    source.partitioned = true;
    source.dropWatch();
    await client.delete(ConfigMap, { namespace: ns, name: 'cut-off' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rec.events).not.toContain('delete cut-off');
    source.partitioned = false;
    await until(() => rec.events.includes('delete cut-off'));
    await informer.stop();
  });
});
