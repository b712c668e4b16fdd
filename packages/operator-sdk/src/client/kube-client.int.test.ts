import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { CuttableProxy } from '../manager/fixtures/cuttable-proxy.js';
import { KubeClient } from './kube-client.js';
import type { RequestLabels } from './kube-client-options.js';
import { isAborted, isNotFound } from './kube-api.error.js';
import { setControllerReference } from './owner-references.js';
import type { WatchEvent } from './watch-event.js';

jest.setTimeout(60_000);
const { ConfigMap, Deployment, Namespace } = BuiltinKinds;
const ns = 'client-test';
const requests: RequestLabels[] = [];
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start();
  const metrics = { restClientRequests: { inc: (labels: RequestLabels) => requests.push(labels) } };
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'sdk-test', metrics });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
afterAll(async () => cp?.stop());

const configMap = (name: string, data: Record<string, string> = {}): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: ns, name, labels: { app: 'test' } },
  data,
});

function deployment(name: string): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: ns, name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'busybox' }] },
      },
    },
  };
}

describe('KubeClient against a real API server', () => {
  it('creates, reads, lists (paginated), updates, patches and deletes; 404 is undefined/false', async () => {
    for (let i = 0; i < 7; i++) await client.create(ConfigMap, configMap(`page-${i}`));
    const paged = new KubeClient(cp.kubeConfig, { fieldManager: 'sdk-test', pageSize: 2 });
    const all = await paged.list<V1ConfigMap>(ConfigMap, { namespace: ns, labelSelector: 'app=test' });
    expect(all.items.map((o) => o.metadata?.name).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`),
    );
    expect(all.items[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(Number(all.resourceVersion)).toBeGreaterThan(0);
    const first = await client.list(ConfigMap, { namespace: ns, limit: 3, paginate: false });
    expect(first.items).toHaveLength(3);
    expect(first.continue).toBeTruthy();

    const got = (await client.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'page-0' })) as V1ConfigMap;
    got.data = { k: 'v' };
    const updated = await client.update(ConfigMap, got);
    expect(updated.data).toEqual({ k: 'v' });
    const patched = await client.patch<V1ConfigMap>(
      ConfigMap,
      { namespace: ns, name: 'page-0' },
      { data: { m: 'n' } },
    );
    expect(patched.data).toEqual({ k: 'v', m: 'n' });
    const jsonPatched = await client.patch<V1ConfigMap>(
      ConfigMap,
      { namespace: ns, name: 'page-0' },
      [{ op: 'remove', path: '/data/k' }],
      {
        type: 'json',
      },
    );
    expect(jsonPatched.data).toEqual({ m: 'n' });

    await expect(client.update(ConfigMap, got)).rejects.toMatchObject({ kind: 'Conflict', statusCode: 409 });
    await expect(client.create(ConfigMap, configMap('page-0'))).rejects.toMatchObject({
      kind: 'Conflict',
      message: expect.stringContaining('failed to create ConfigMap client-test/page-0'),
    });
    expect(await client.delete(ConfigMap, { namespace: ns, name: 'page-0' })).toBe(true);
    expect(await client.delete(ConfigMap, { namespace: ns, name: 'page-0' })).toBe(false);
    expect(await client.get(ConfigMap, { namespace: ns, name: 'page-0' })).toBeUndefined();
    const err = await client.patch(ConfigMap, { namespace: ns, name: 'page-0' }, {}).catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);

    const host = new URL(cp.server).host;
    expect(requests).toContainEqual({ code: '404', method: 'GET', host });
    expect(requests).toContainEqual({ code: '201', method: 'POST', host });
  });

  it('reports 422 as Validation with the field paths of the API server', async () => {
    const bad = { ...deployment('bad'), spec: { ...deployment('bad').spec, replicas: -1 } } as V1Deployment;
    const err = await client.create(Deployment, bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'Validation', statusCode: 422 });
    expect((err as { causes: { field?: string }[] }).causes.map((c) => c.field)).toContain('spec.replicas');
  });

  it('applies with a field manager (idempotently) and applies status on the subresource', async () => {
    const applied = await client.apply(deployment('web'));
    expect(applied.metadata?.managedFields?.map((f) => f.manager)).toContain('sdk-test');
    const again = await client.apply(deployment('web'));
    expect(again.metadata?.resourceVersion).toBe(applied.metadata?.resourceVersion);

    const withStatus = await client.applyStatus({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { namespace: ns, name: 'web' },
      status: {
        observedGeneration: 1,
        replicas: 0,
        conditions: [{ type: 'Available', status: 'False', reason: 'Test' }],
      },
    } as V1Deployment);
    expect(withStatus.status?.conditions?.[0]).toMatchObject({ type: 'Available', reason: 'Test' });
    const statusManager = withStatus.metadata?.managedFields?.find((f) => f.subresource === 'status');
    expect(statusManager?.manager).toBe('sdk-test');
    const dry = await client.apply({ ...deployment('dry') }, { dryRun: true });
    expect(dry.metadata?.name).toBe('dry');
    expect(await client.get(Deployment, { namespace: ns, name: 'dry' })).toBeUndefined();
  });

  it('updateStatus retries on conflict between concurrent writers and writes nothing when unchanged', async () => {
    await client.apply(deployment('status'));
    const key = { namespace: ns, name: 'status' };
    const conflictsBefore = requests.filter((r) => r.code === '409').length;
    let calls = 0;
    // Five writers read the same version at once; all but one lose the race at least once.
    const writers = [1, 2, 3, 4, 5].map((n) =>
      client.updateStatus<V1Deployment>(
        Deployment,
        key,
        (d) => {
          calls++;
          const conditions = (d.status?.conditions ?? []).filter((c) => c.type !== `Writer${n}`);
          d.status = { ...d.status, conditions: [...conditions, { type: `Writer${n}`, status: 'True' }] };
        },
        { maxAttempts: 10 },
      ),
    );
    const results = await Promise.all(writers);
    expect(results.every((r) => r.written)).toBe(true);
    expect(requests.filter((r) => r.code === '409').length).toBeGreaterThan(conflictsBefore);
    expect(calls).toBeGreaterThan(5);
    const final = (await client.get<V1Deployment>(Deployment, key)) as V1Deployment;
    expect(final.status?.conditions?.map((c) => c.type).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Writer${n}`),
    );

    const before = requests.length;
    const unchanged = await client.updateStatus<V1Deployment>(Deployment, key, (d) => {
      d.status = { ...d.status };
    });
    expect(unchanged).toMatchObject({ written: false });
    expect(unchanged.object.metadata?.resourceVersion).toBe(final.metadata?.resourceVersion);
    expect(requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    await expect(
      client.updateStatus(Deployment, { namespace: ns, name: 'nope' }, () => undefined),
    ).rejects.toMatchObject({
      kind: 'NotFound',
    });
  });

  it('sets controller references the garbage collector understands, and manages finalizers', async () => {
    const owner = await client.apply(deployment('owner'));
    const child = setControllerReference(owner, configMap('owned'));
    const created = await client.create(ConfigMap, child);
    expect(created.metadata?.ownerReferences?.[0]).toMatchObject({
      uid: owner.metadata?.uid,
      controller: true,
    });

    const withFinalizer = await client.ensureFinalizer(ConfigMap, created, 'example.com/cleanup');
    expect(withFinalizer.metadata?.finalizers).toEqual(['example.com/cleanup']);
    const before = requests.length;
    expect(await client.ensureFinalizer(ConfigMap, withFinalizer, 'example.com/cleanup')).toBe(withFinalizer);
    expect(requests.length).toBe(before);

    // A stale copy: the guarded patch fails its test, the client re-reads and succeeds.
    const second = await client.ensureFinalizer(ConfigMap, created, 'example.com/second');
    expect(second.metadata?.finalizers).toEqual(['example.com/cleanup', 'example.com/second']);

    await client.delete(ConfigMap, { namespace: ns, name: 'owned' });
    const terminating = (await client.get<V1ConfigMap>(ConfigMap, {
      namespace: ns,
      name: 'owned',
    })) as V1ConfigMap;
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    const afterFirst = await client.removeFinalizer(ConfigMap, terminating, 'example.com/cleanup');
    expect(afterFirst?.metadata?.finalizers).toEqual(['example.com/second']);
    await client.removeFinalizer(ConfigMap, terminating, 'example.com/second');
    expect(await client.get(ConfigMap, { namespace: ns, name: 'owned' })).toBeUndefined();
    expect(await client.removeFinalizer(ConfigMap, terminating, 'example.com/second')).toBeUndefined();
    await expect(client.ensureFinalizer(ConfigMap, terminating, 'example.com/x')).rejects.toMatchObject({
      kind: 'NotFound',
      message: expect.stringContaining('failed to add finalizer to ConfigMap client-test/owned'),
    });
  });

  it("never removes a finalizer from a newer object of the same name (an old object's late finalize)", async () => {
    const key = { namespace: ns, name: 'replaced' };
    const finalizer = 'example.com/cleanup';
    const withFinalizer: V1ConfigMap = {
      ...configMap('replaced'),
      metadata: { ...key, finalizers: [finalizer] },
    };
    const old = await client.create(ConfigMap, withFinalizer);
    await client.delete(ConfigMap, key);
    // The old object's finalize completes elsewhere, and a new object of the same name is created.
    await client.removeFinalizer(ConfigMap, old, finalizer);
    const newer = await client.create(ConfigMap, withFinalizer);
    expect(newer.metadata?.uid).not.toBe(old.metadata?.uid);

    // A stale copy of the old object: its patch fails the resourceVersion test, and the re-read finds the
    // newer object, which must be taken as the old one gone.
    expect(await client.removeFinalizer(ConfigMap, old, finalizer)).toBeUndefined();
    await expect(client.ensureFinalizer(ConfigMap, old, 'example.com/x')).rejects.toMatchObject({
      kind: 'NotFound',
    });
    // A copy without resourceVersion (built by hand): its patch is guarded by the uid alone.
    const { resourceVersion: _rv, ...oldMetadata } = old.metadata!;
    const unversioned = { ...old, metadata: oldMetadata };
    expect(await client.removeFinalizer(ConfigMap, unversioned, finalizer)).toBeUndefined();
    const stored = await client.get<V1ConfigMap>(ConfigMap, key);
    expect(stored?.metadata?.uid).toBe(newer.metadata?.uid);
    expect(stored?.metadata?.finalizers).toEqual([finalizer]);
    await client.removeFinalizer(ConfigMap, stored!, finalizer);
  });

  it('watches from the resourceVersion of a list and ends cleanly on abort', async () => {
    const events: WatchEvent<KubernetesObject>[] = [];
    const { resourceVersion } = await client.list(ConfigMap, { namespace: ns });
    const handle = client.watch(
      ConfigMap,
      { namespace: ns, resourceVersion, allowWatchBookmarks: true },
      (e) => events.push(e),
    );
    await client.create(ConfigMap, configMap('watched'));
    await client.delete(ConfigMap, { namespace: ns, name: 'watched' });
    // Ends as soon as both events are in; the deadline only matters when they never come.
    const deadline = Date.now() + 30_000;
    while (events.filter((e) => e.type !== 'BOOKMARK').length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    handle.abort();
    await handle.done;
    expect(events.filter((e) => e.type !== 'BOOKMARK').map((e) => [e.type, e.object.metadata?.name])).toEqual(
      [
        ['ADDED', 'watched'],
        ['DELETED', 'watched'],
      ],
    );
  });
});

describe('KubeClient calls given an AbortSignal', () => {
  let proxy: CuttableProxy;
  afterAll(async () => proxy?.stop());

  it('rejects an aborted call at once with an Aborted error and closes its connection', async () => {
    proxy = await CuttableProxy.start(cp.server);
    const kubeClient = new KubeClient(proxy.kubeConfig(cp.kubeConfig), { fieldManager: 'sdk-test' });
    proxy.stall();
    // #region abort-a-call
    const controller = new AbortController();
    const reading = kubeClient.get<V1ConfigMap>(
      ConfigMap,
      { namespace: ns, name: 'settings' },
      { signal: controller.signal },
    );
    // #endregion abort-a-call
    await eventually(() => proxy.openConnections === 1, 'the request to be in flight');

    const aborting = Date.now();
    controller.abort(new Error('no longer needed'));
    const err = await reading.catch((e: unknown) => e);

    // The request's own deadline is 30 s away: only the signal ends it this soon (a third of it leaves a
    // loaded machine room).
    expect(Date.now() - aborting).toBeLessThan(10_000);
    expect(isAborted(err)).toBe(true);
    expect(err).toMatchObject({
      kind: 'Aborted',
      statusCode: undefined,
      message: `failed to get ConfigMap ${ns}/settings: aborted: no longer needed`,
      cause: controller.signal.reason,
    });
    await eventually(() => proxy.openConnections === 0, 'the connection to close');
  });

  it('sends nothing when the signal has aborted already', async () => {
    const before = requests.length;
    const signal = AbortSignal.abort();
    await expect(client.list(ConfigMap, { namespace: ns, signal })).rejects.toMatchObject({
      kind: 'Aborted',
    });
    await expect(client.apply(configMap('never'), { signal })).rejects.toMatchObject({ kind: 'Aborted' });
    await expect(
      client.updateStatus(Deployment, { namespace: ns, name: 'status' }, () => undefined, { signal }),
    ).rejects.toMatchObject({ kind: 'Aborted' });
    expect(requests.length).toBe(before);
  });

  it('ends a watch with an Aborted error when its signal aborts', async () => {
    const controller = new AbortController();
    const names: string[] = [];
    const handle = client.watch(ConfigMap, { namespace: ns, signal: controller.signal }, (event) =>
      names.push(event.object.metadata?.name ?? ''),
    );
    await client.create(ConfigMap, configMap('watched-until-abort'));
    await eventually(() => names.includes('watched-until-abort'), 'the watch to deliver an event');

    controller.abort();

    await expect(handle.done).rejects.toMatchObject({ kind: 'Aborted' });
  });
});
