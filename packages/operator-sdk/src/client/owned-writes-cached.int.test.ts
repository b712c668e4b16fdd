// The ownership-checked writes reading through a real shared cache: what each path costs in requests, and
// that a cache which lags (or cannot see someone else's object) never leads to writing over it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ObjectKey, ResourceKind } from '../api/resource-kind.js';
import { listWatchFor } from '../cache/list-watch-source.js';
import { SharedCache, type CacheLookup } from '../cache/shared-cache.js';
import { KubeClient } from './kube-client.js';
import type { RequestLabels } from './kube-client-options.js';
import { applyOwned, checkOwnership, createOwned } from './owned-writes.js';
import { getControllerOf } from './owner-references.js';
import { ownershipConflictOf } from './ownership-conflict.error.js';

jest.setTimeout(60_000);
const { ConfigMap, Namespace } = BuiltinKinds;
const ns = 'owned-cached';
const fast = { initialBackoffMs: 100, maxBackoffMs: 1000 };
/** The writer's requests, as `METHOD code`; the caches list and watch through their own client. */
const requests: string[] = [];
let cp: ControlPlane;
let client: KubeClient;
let other: KubeClient;
let cache: SharedCache;
let filtered: SharedCache;
let owner: V1ConfigMap;

beforeAll(async () => {
  cp = await ControlPlane.start();
  const metrics = {
    restClientRequests: { inc: (l: RequestLabels) => requests.push(`${l.method} ${l.code}`) },
  };
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'owned-test', metrics });
  other = new KubeClient(cp.kubeConfig, { fieldManager: 'someone-else' });
  await other.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  owner = await other.create<V1ConfigMap>(ConfigMap, configMap('owner'));
  cache = new SharedCache({ client: other, timing: fast });
  cache.informerFor(ConfigMap, { namespace: ns });
  // As the orchestrator caches Secrets and ConfigMaps: only the ones carrying its label.
  filtered = new SharedCache({
    client: other,
    timing: fast,
    byKind: [{ kind: ConfigMap, labelSelector: 'app.kubernetes.io/managed-by=owned-test' }],
  });
  filtered.informerFor(ConfigMap, { namespace: ns });
  cache.start();
  filtered.start();
  await Promise.all([cache.waitForSync(30_000), filtered.waitForSync(30_000)]);
});
afterAll(async () => {
  await cache?.stop();
  await filtered?.stop();
  await cp?.stop();
});
beforeEach(() => {
  requests.length = 0;
});

function configMap(name: string, data: Record<string, string> = {}): V1ConfigMap {
  const labels = { 'app.kubernetes.io/managed-by': 'owned-test' };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name, labels }, data };
}

/** The cache as it stands, except that it has not heard of `name` yet (a watch event still on its way). */
function lagging(name: string): Pick<SharedCache, 'lookup'> {
  return {
    lookup: <T extends V1ConfigMap>(kind: ResourceKind, key: ObjectKey): CacheLookup<T> =>
      key.name === name ? { state: 'absent' } : cache.lookup<T>(kind, key),
  };
}

/**
 * A second synced cache whose watch events wait in `held` while `hold` is set: the informer has not heard
 * of what was just written, as when a reconcile runs before the watch event of an object it created.
 */
const delayed = { hold: false, held: [] as (() => void)[] };
async function delayedCache(): Promise<SharedCache> {
  const shared = new SharedCache({
    sourceFor: (kind) => {
      const source = listWatchFor(other, kind);
      return {
        list: source.list,
        watch: (options, onEvent) =>
          source.watch(options, (event) => {
            if (delayed.hold) delayed.held.push(() => onEvent(event));
            else onEvent(event);
          }),
      };
    },
    timing: fast,
  });
  shared.informerFor(ConfigMap, { namespace: ns });
  shared.start();
  await shared.waitForSync(30_000);
  return shared;
}
function deliverHeld(): void {
  delayed.hold = false;
  for (const deliver of delayed.held.splice(0)) deliver();
}

const cached = (name: string) => cache.lookup(ConfigMap, { namespace: ns, name }).state === 'present';

describe('ownership-checked writes through a synced cache', () => {
  it('creates an absent object with one request, and sends none once the cache holds it', async () => {
    const desired = configMap('fresh', { a: '1' });
    const [current] = await checkOwnership(client, [desired], { owner }, { cache });
    expect(current).toBeUndefined();
    const created = await applyOwned(client, desired, { ownership: { owner }, current: null, cache });
    expect(requests).toEqual(['PATCH 201']);
    expect(getControllerOf(created)?.uid).toBe(owner.metadata?.uid);
    // Still this field manager's apply (not a POST's Update), so the next apply can tell nothing changed.
    const entry = created.metadata?.managedFields?.find((f) => f.manager === 'owned-test');
    expect(entry?.operation).toBe('Apply');

    await eventually(async () => cached('fresh'), 'the cache to hold fresh');
    requests.length = 0;
    const [again] = await checkOwnership(client, [desired], { owner }, { cache });
    const unchanged = await applyOwned(client, desired, { ownership: { owner }, current: again ?? null });
    expect(unchanged.metadata?.uid).toBe(created.metadata?.uid);
    expect(requests).toEqual([]);
  });

  it('finds someone else in the cache before anything is written', async () => {
    const theirs = await other.create<V1ConfigMap>(ConfigMap, {
      ...configMap('listed'),
      metadata: { namespace: ns, name: 'listed' },
    });
    await eventually(async () => cached('listed'), 'the cache to hold listed');
    await expect(
      checkOwnership(client, [configMap('absent-too'), configMap('listed')], { owner }, { cache }),
    ).rejects.toMatchObject({ kind: 'NotOwned', objectKind: 'ConfigMap' });
    expect(requests).toEqual([]);
    const after = await other.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'listed' });
    expect(after?.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
  });

  it('does not write over an object someone created that the cache has not seen (the refused create)', async () => {
    const theirs = await other.create<V1ConfigMap>(ConfigMap, {
      ...configMap('late'),
      metadata: { namespace: ns, name: 'late' },
    });
    const stale = lagging('late');
    const [current] = await checkOwnership(client, [configMap('late')], { owner }, { cache: stale });
    expect(current).toBeUndefined();
    const err = await applyOwned(client, configMap('late', { ours: 'yes' }), {
      ownership: { owner },
      current: null,
      cache: stale,
    }).catch((e: unknown) => e);
    expect(ownershipConflictOf(err)?.message).toBe(
      `failed to apply ConfigMap ${ns}/late: an object of that name exists and is not controlled by ConfigMap ${ns}/owner`,
    );
    // The create-only apply is refused (its resourceVersion is no object's), then the object is read and checked.
    expect(requests).toEqual(['PATCH 409', 'GET 200']);
    const after = await other.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'late' });
    expect(after?.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after?.metadata?.ownerReferences).toBeUndefined();
    expect(after?.data).toBeUndefined();
  });

  it('re-applies its own object the cache lags on, keeping its uid', async () => {
    const first = await applyOwned(client, configMap('own-late', { a: '1' }), { ownership: { owner } });
    requests.length = 0;
    const updated = await applyOwned(client, configMap('own-late', { a: '2' }), {
      ownership: { owner },
      current: null,
      cache: lagging('own-late'),
    });
    expect(updated.metadata?.uid).toBe(first.metadata?.uid);
    expect(updated.data).toEqual({ a: '2' });
    expect(requests).toEqual(['PATCH 409', 'GET 200', 'PATCH 200']);
  });

  it("reads what a label-filtered cache misses: someone else's unlabelled object is not in it", async () => {
    const theirs = await other.create<V1ConfigMap>(ConfigMap, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: ns, name: 'unlabelled' },
    });
    expect(filtered.lookup(ConfigMap, { namespace: ns, name: 'unlabelled' })).toEqual({
      state: 'unknown',
      filtered: true,
    });
    await expect(
      checkOwnership(client, [configMap('wanted'), configMap('unlabelled')], { owner }, { cache: filtered }),
    ).rejects.toMatchObject({ kind: 'NotOwned' });
    expect(requests).toEqual(['GET 404', 'GET 200']);
    const after = await other.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'unlabelled' });
    expect(after?.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
  });

  it('presumes a filtered miss absent when asked: no read, one create-only write', async () => {
    const presume = { cache: filtered, filteredMiss: 'presumeAbsent' } as const;
    const [current] = await checkOwnership(client, [configMap('presumed')], { owner }, presume);
    expect(current).toBeUndefined();
    expect(requests).toEqual([]);
    const outcome = await createOwned(client, configMap('presumed', { password: 'fresh' }), {
      ownership: { owner },
    });
    expect(outcome.created).toBe(true);
    expect(getControllerOf(outcome.object)?.uid).toBe(owner.metadata?.uid);
    expect(requests).toEqual(['PATCH 201']);
  });

  it("never writes over someone else's unlabelled object presumed absent: NotOwned, as a read would give", async () => {
    const theirs = await other.create<V1ConfigMap>(ConfigMap, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: ns, name: 'taken' },
      data: { password: 'theirs' },
    });
    const presume = { cache: filtered, filteredMiss: 'presumeAbsent' } as const;
    const [current] = await checkOwnership(client, [configMap('taken')], { owner }, presume);
    expect(current).toBeUndefined();
    const created = await createOwned(client, configMap('taken', { password: 'fresh' }), {
      ownership: { owner },
    }).catch((e: unknown) => e);
    expect(ownershipConflictOf(created)?.message).toBe(
      `failed to create ConfigMap ${ns}/taken: an object of that name exists and is not controlled by ConfigMap ${ns}/owner`,
    );
    const applied = await applyOwned(client, configMap('taken', { password: 'fresh' }), {
      ownership: { owner },
      ...presume,
    }).catch((e: unknown) => e);
    expect(ownershipConflictOf(applied)?.kind).toBe('NotOwned');
    // Each refused create-only write is followed by the read that names the owner; nothing else is sent.
    expect(requests).toEqual(['PATCH 409', 'GET 200', 'PATCH 409', 'GET 200']);
    const after = await other.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'taken' });
    expect(after?.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after?.data).toEqual({ password: 'theirs' });
  });

  it('reports our own object the filtered cache misses (label removed) as existing, its values kept', async () => {
    const key = { namespace: ns, name: 'unlabelled-ours' };
    const ours = await applyOwned(client, configMap(key.name, { password: 'kept' }), {
      ownership: { owner },
    });
    await eventually(async () => filtered.lookup(ConfigMap, key).state === 'present', 'the cache to hold it');
    const relabelled = await other.patch<V1ConfigMap>(ConfigMap, key, {
      metadata: { labels: { 'app.kubernetes.io/managed-by': null } },
    });
    await eventually(
      async () => filtered.lookup(ConfigMap, key).state === 'unknown',
      'the filter to drop it',
    );
    requests.length = 0;
    const presume = { cache: filtered, filteredMiss: 'presumeAbsent' } as const;
    const [current] = await checkOwnership(client, [configMap(key.name)], { owner }, presume);
    expect(current).toBeUndefined();
    const outcome = await createOwned(client, configMap(key.name, { password: 'fresh' }), {
      ownership: { owner },
    });
    expect(outcome).toMatchObject({ created: false, object: { data: { password: 'kept' } } });
    expect(outcome.object.metadata?.uid).toBe(ours.metadata?.uid);
    expect(requests).toEqual(['PATCH 409', 'GET 200']);
    const after = await other.get<V1ConfigMap>(ConfigMap, key);
    expect(after?.metadata?.resourceVersion).toBe(relabelled.metadata?.resourceVersion);
    expect(after?.data).toEqual({ password: 'kept' });
  });

  it('answers unknown for a kind no informer covers, and before the informer has synced', async () => {
    expect(cache.lookup(BuiltinKinds.Secret, { namespace: ns, name: 'x' })).toEqual({ state: 'unknown' });
    const unsynced = new SharedCache({ client: other, timing: fast });
    unsynced.informerFor(ConfigMap, { namespace: ns });
    expect(unsynced.lookup(ConfigMap, { namespace: ns, name: 'nothing' })).toEqual({ state: 'unknown' });
    await unsynced.stop();
  });

  describe('read-your-creates: what applyOwned created is found before its watch event arrives', () => {
    let lagged: SharedCache;
    beforeAll(async () => {
      lagged = await delayedCache();
    });
    afterAll(async () => {
      await lagged?.stop();
    });

    it('sends nothing for the object it just created: no refused create, no read', async () => {
      delayed.hold = true;
      const desired = configMap('just-made', { a: '1' });
      const [absent] = await checkOwnership(client, [desired], { owner }, { cache: lagged });
      expect(absent).toBeUndefined();
      const created = await applyOwned(client, desired, {
        ownership: { owner },
        current: null,
        cache: lagged,
      });
      // The next reconcile, before the informer heard of it: found, and already as desired.
      const [found] = await checkOwnership(client, [desired], { owner }, { cache: lagged });
      expect(found?.metadata?.uid).toBe(created.metadata?.uid);
      const again = await applyOwned(client, desired, { ownership: { owner }, current: found ?? null });
      const read = await applyOwned(client, desired, { ownership: { owner }, cache: lagged });
      expect([again.metadata?.uid, read.metadata?.uid]).toEqual([
        created.metadata?.uid,
        created.metadata?.uid,
      ]);
      expect(requests).toEqual(['PATCH 201']);
      deliverHeld();
    });

    it('finds what createOwned created too', async () => {
      delayed.hold = true;
      const key = { namespace: ns, name: 'created-once' };
      const outcome = await createOwned(client, configMap(key.name, { password: 'fresh' }), {
        ownership: { owner },
        cache: lagged,
      });
      expect(lagged.lookup(ConfigMap, key)).toMatchObject({
        state: 'present',
        object: { metadata: { uid: outcome.object.metadata?.uid } },
      });
      expect(requests).toEqual(['PATCH 201']);
      deliverHeld();
    });

    it('creates it again once the informer reported that someone deleted it', async () => {
      delayed.hold = true;
      const key = { namespace: ns, name: 'made-then-deleted' };
      const desired = configMap(key.name, { a: '1' });
      const created = await applyOwned(client, desired, { ownership: { owner }, cache: lagged });
      expect(lagged.lookup(ConfigMap, key).state).toBe('present');
      await other.delete(ConfigMap, key);
      deliverHeld();
      // ADDED then DELETED: the note is gone with the first, the object with the second.
      await eventually(
        async () => lagged.lookup(ConfigMap, key).state === 'absent',
        'the cache to see the delete',
      );
      requests.length = 0;
      const recreated = await applyOwned(client, desired, { ownership: { owner }, cache: lagged });
      expect(recreated.metadata?.uid).not.toBe(created.metadata?.uid);
      expect(requests).toEqual(['PATCH 201']);
    });
  });
});
