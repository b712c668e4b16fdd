import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { PartitionableSource } from './internal/partitionable-source.js';
import { Informer } from './informer.js';
import { listWatchFor } from './list-watch-source.js';

// Without the watch cache and with compaction every second, an old resourceVersion really expires (410).
jest.setTimeout(120_000);
const { ConfigMap } = BuiltinKinds;
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start({ apiServerFlags: ['--etcd-compaction-interval=1s', '--watch-cache=false'] });
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'sdk-test' });
});
afterAll(async () => cp?.stop());

const cm = (name: string): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: 'default', name },
});

it('a raw watch from a compacted version ends with 410', async () => {
  const { resourceVersion } = await client.list(ConfigMap, { namespace: 'default' });
  await client.create(ConfigMap, cm('bump'));
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const watch = client.watch(ConfigMap, { namespace: 'default', resourceVersion }, () => undefined);
  await expect(watch.done).rejects.toMatchObject({
    statusCode: 410,
    message: expect.stringContaining('too old'),
  });
});

it('an informer whose version expired while cut off relists and diffs', async () => {
  await client.create(ConfigMap, cm('stays'));
  await client.create(ConfigMap, cm('goes'));
  const source = new PartitionableSource(listWatchFor(client, ConfigMap));
  const informer = new Informer({
    kind: ConfigMap,
    namespace: 'default',
    source,
    timing: { initialBackoffMs: 100, maxBackoffMs: 500 },
  });
  const events: string[] = [];
  informer.addEventHandler({
    onUpdate: (_: KubernetesObject, o: KubernetesObject) => events.push(`update ${o.metadata?.name}`),
    onDelete: (o: KubernetesObject) => events.push(`delete ${o.metadata?.name}`),
    onAdd: (o: KubernetesObject) => events.push(`add ${o.metadata?.name}`),
  });
  informer.start();
  await informer.waitForSync(10_000);
  events.length = 0;
  source.partitioned = true;
  source.dropWatch();
  await client.delete(ConfigMap, { namespace: 'default', name: 'goes' });
  await client.patch(ConfigMap, { namespace: 'default', name: 'stays' }, { data: { v: '2' } });
  await client.create(ConfigMap, cm('arrives'));
  await new Promise((resolve) => setTimeout(resolve, 3500)); // the informer's version is compacted away
  const listsBefore = source.lists;
  source.partitioned = false;
  const deadline = Date.now() + 30_000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(events.sort()).toEqual(['add arrives', 'delete goes', 'update stays']);
  expect(source.lists).toBeGreaterThan(listsBefore);
  await informer.stop();
});
