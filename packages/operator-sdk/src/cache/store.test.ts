import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import { NAMESPACE_INDEX, ObjectStore, OWNER_UID_INDEX } from './store.js';

function obj(meta: V1ObjectMeta): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: '1', ...meta } };
}
const owner = (uid: string) => ({ apiVersion: 'v1', kind: 'X', name: uid, uid });

describe('ObjectStore', () => {
  it('stores frozen copies without managedFields', () => {
    const store = new ObjectStore();
    store.upsert(
      obj({ namespace: 'a', name: 'x', managedFields: [{ manager: 'kubectl' }], labels: { k: 'v' } }),
    );
    const stored = store.get({ namespace: 'a', name: 'x' }) as KubernetesObject;
    expect(stored.metadata?.managedFields).toBeUndefined();
    expect(Object.isFrozen(stored.metadata?.labels)).toBe(true);
    expect(() => {
      (stored.metadata as V1ObjectMeta).name = 'changed';
    }).toThrow(TypeError);
  });

  it('indexes by namespace and by every owner uid, and keeps indexes right across updates and removals', () => {
    const store = new ObjectStore();
    store.upsert(obj({ namespace: 'a', name: 'x', ownerReferences: [owner('u1'), owner('u2')] }));
    store.upsert(obj({ namespace: 'b', name: 'y', ownerReferences: [owner('u1')] }));
    store.upsert(obj({ name: 'cluster-wide' }));
    expect(store.byIndex(NAMESPACE_INDEX, 'a').map((o) => o.metadata?.name)).toEqual(['x']);
    expect(store.byIndex(NAMESPACE_INDEX, '').map((o) => o.metadata?.name)).toEqual(['cluster-wide']);
    expect(
      store
        .byIndex(OWNER_UID_INDEX, 'u1')
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['x', 'y']);

    store.upsert(obj({ namespace: 'a', name: 'x', resourceVersion: '2', ownerReferences: [owner('u3')] }));
    expect(store.byIndex(OWNER_UID_INDEX, 'u1').map((o) => o.metadata?.name)).toEqual(['y']);
    expect(store.byIndex(OWNER_UID_INDEX, 'u2')).toEqual([]);
    expect(store.byIndex(OWNER_UID_INDEX, 'u3').map((o) => o.metadata?.name)).toEqual(['x']);

    store.remove('b/y');
    expect(store.byIndex(OWNER_UID_INDEX, 'u1')).toEqual([]);
    expect(store.size).toBe(2);
  });

  it('keeps an index value right as it goes from one object to three and back to none', () => {
    const store = new ObjectStore();
    const names = () =>
      store
        .byIndex(OWNER_UID_INDEX, 'u1')
        .map((o) => o.metadata?.name)
        .sort();
    for (const name of ['a', 'a', 'b', 'c'])
      store.upsert(obj({ namespace: 'n', name, ownerReferences: [owner('u1')] }));
    expect(names()).toEqual(['a', 'b', 'c']);
    store.remove('n/b');
    store.remove('n/a');
    expect(names()).toEqual(['c']);
    store.upsert(obj({ namespace: 'n', name: 'c', resourceVersion: '2', ownerReferences: [owner('u1')] }));
    expect(names()).toEqual(['c']);
    store.remove('n/c');
    expect(names()).toEqual([]);
    expect(store.list({ index: { name: OWNER_UID_INDEX, value: 'u1' } })).toEqual([]);
  });

  it('fills a custom index added late and uses it in list', () => {
    const store = new ObjectStore();
    store.upsert(obj({ namespace: 'a', name: 'x', annotations: { team: 'red' } }));
    store.upsert(obj({ namespace: 'a', name: 'y', annotations: { team: 'blue' } }));
    store.addIndex('team', (o) => [o.metadata?.annotations?.team ?? '']);
    store.upsert(obj({ namespace: 'b', name: 'z', annotations: { team: 'red' } }));
    expect(store.list({ index: { name: 'team', value: 'red' } }).map((o) => o.metadata?.name)).toEqual([
      'x',
      'z',
    ]);
    expect(
      store.list({ index: { name: 'team', value: 'red' }, namespace: 'b' }).map((o) => o.metadata?.name),
    ).toEqual(['z']);
    expect(() => store.addIndex('team', () => [])).toThrow(
      expect.objectContaining({ kind: 'Configuration' }),
    );
    expect(() => store.byIndex('nope', 'x')).toThrow(expect.objectContaining({ kind: 'Configuration' }));
  });

  it('filters lists by namespace and label selector', () => {
    const store = new ObjectStore();
    store.upsert(obj({ namespace: 'a', name: 'web', labels: { app: 'web' } }));
    store.upsert(obj({ namespace: 'a', name: 'db', labels: { app: 'db' } }));
    store.upsert(obj({ namespace: 'b', name: 'web', labels: { app: 'web' } }));
    expect(store.list({ labelSelector: 'app=web' }).map((o) => o.metadata?.namespace)).toEqual(['a', 'b']);
    expect(store.list({ namespace: 'a', labelSelector: { matchLabels: { app: 'db' } } })).toHaveLength(1);
    expect(store.list({ namespace: 'c' })).toEqual([]);
  });

  it('replace returns the diff and leaves unchanged objects untouched', () => {
    const store = new ObjectStore();
    store.upsert(obj({ namespace: 'a', name: 'keep' }));
    store.upsert(obj({ namespace: 'a', name: 'change' }));
    store.upsert(obj({ namespace: 'a', name: 'drop', ownerReferences: [owner('u')] }));
    const kept = store.get('a/keep');
    const diff = store.replace([
      obj({ namespace: 'a', name: 'keep' }),
      obj({ namespace: 'a', name: 'change', resourceVersion: '2' }),
      obj({ namespace: 'a', name: 'new' }),
    ]);
    expect(diff.added.map((o) => o.metadata?.name)).toEqual(['new']);
    expect(diff.updated.map((p) => p.new.metadata?.resourceVersion)).toEqual(['2']);
    expect(diff.deleted.map((o) => o.metadata?.name)).toEqual(['drop']);
    expect(store.get('a/keep')).toBe(kept);
    expect(store.byIndex(OWNER_UID_INDEX, 'u')).toEqual([]);
    expect(store.size).toBe(3);
  });
});
