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

/**
 * Waits until etcd has compacted past `resourceVersion`, that is until a raw watch from it ends with 410, and
 * returns that error. Compaction runs every second, but a loaded machine can take longer than any fixed wait.
 */
async function compactedPast(resourceVersion: string): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const watch = client.watch(ConfigMap, { namespace: 'default', resourceVersion }, () => undefined);
    const ended = await Promise.race([
      watch.done.then(
        () => new Error('the watch closed without an error'),
        (err: unknown) => err,
      ),
      new Promise((resolve) => setTimeout(() => resolve(undefined), 1_000)),
    ]);
    watch.abort();
    if ((ended as { statusCode?: number } | undefined)?.statusCode === 410) return ended;
    if (ended !== undefined) throw ended;
    if (Date.now() > deadline) throw new Error(`etcd did not compact past ${resourceVersion} within 30 s`);
  }
}

it('a raw watch from a compacted version ends with 410', async () => {
  const { resourceVersion } = await client.list(ConfigMap, { namespace: 'default' });
  await client.create(ConfigMap, cm('bump'));
  expect(await compactedPast(resourceVersion)).toMatchObject({
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
  await informer.waitForSync(30_000);
  events.length = 0;
  // At least the informer's version: once a watch from this one expires, so has the informer's.
  const { resourceVersion: atCut } = await client.list(ConfigMap, { namespace: 'default' });
  source.partitioned = true;
  source.dropWatch();
  await client.delete(ConfigMap, { namespace: 'default', name: 'goes' });
  await client.patch(ConfigMap, { namespace: 'default', name: 'stays' }, { data: { v: '2' } });
  await client.create(ConfigMap, cm('arrives'));
  await compactedPast(atCut); // the informer's version is compacted away
  const listsBefore = source.lists;
  source.partitioned = false;
  const deadline = Date.now() + 30_000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(events.sort()).toEqual(['add arrives', 'delete goes', 'update stays']);
  expect(source.lists).toBeGreaterThan(listsBefore);
  await informer.stop();
});
