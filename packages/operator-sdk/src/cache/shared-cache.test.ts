import { afterEach, describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ResourceKind } from '../api/resource-kind.js';
import { collectionTimeoutMs, survivors } from './fixtures/reachability.js';
import { ScriptedSource } from './internal/scripted-source.js';
import { SharedCache } from './shared-cache.js';
import { OWNER_UID_INDEX } from './store.js';

let cache: SharedCache | undefined;
afterEach(async () => cache?.stop());

function cacheWith(sources: Map<string, ScriptedSource>): SharedCache {
  cache = new SharedCache({
    sourceFor: (kind: ResourceKind) => {
      const source = new ScriptedSource();
      sources.set(kind.kind, source);
      return source;
    },
    timing: { initialBackoffMs: 5, maxBackoffMs: 20 },
  });
  return cache;
}

describe('SharedCache', () => {
  it('shares one informer per kind and scope and serves reads, indexes and sync status', async () => {
    const sources = new Map<string, ScriptedSource>();
    const shared = cacheWith(sources);
    const informer = shared.informerFor(BuiltinKinds.ConfigMap);
    const source = sources.get('ConfigMap') as ScriptedSource;
    expect(shared.informerFor(BuiltinKinds.ConfigMap)).toBe(informer);
    expect(shared.informerFor(BuiltinKinds.ConfigMap, { namespace: 'other' })).not.toBe(informer);
    source.put('a');
    shared.addIndex(BuiltinKinds.ConfigMap, 'by-name', (o) => [o.metadata?.name ?? '']);
    expect(() => shared.addIndex(BuiltinKinds.ConfigMap, 'by-name', () => [])).toThrow(
      expect.objectContaining({ kind: 'Configuration' }),
    );
    expect(shared.synced).toBe(false);
    shared.start();
    await shared.waitForSync(10_000);
    expect(shared.synced).toBe(true);
    expect(shared.get(BuiltinKinds.ConfigMap, { namespace: 'ns', name: 'a' })?.metadata?.name).toBe('a');
    expect(shared.list(BuiltinKinds.ConfigMap, { namespace: 'ns' })).toHaveLength(1);
    expect(shared.list(BuiltinKinds.ConfigMap, { index: { name: 'by-name', value: 'a' } })).toHaveLength(1);
    expect(shared.list(BuiltinKinds.ConfigMap, { index: { name: OWNER_UID_INDEX, value: 'x' } })).toEqual([]);

    // Informers asked for after start start at once.
    const late = shared.informerFor(BuiltinKinds.Secret);
    await late.waitForSync(10_000);
    expect(shared.synced).toBe(true);
  });

  it('refuses reads of kinds it does not cache, saying how to fix it', () => {
    const shared = cacheWith(new Map());
    expect(() => shared.get(BuiltinKinds.Pod, { namespace: 'a', name: 'b' })).toThrow(/informerFor/);
    expect(() => shared.list(BuiltinKinds.Pod)).toThrow(expect.objectContaining({ kind: 'Configuration' }));
  });

  it(
    'lets go of its informers, objects and indexes on stop, and serves and starts nothing after',
    async () => {
      const sources = new Map<string, ScriptedSource>();
      const shared = cacheWith(sources);
      const refs = {
        informer: new WeakRef(shared.informerFor(BuiltinKinds.ConfigMap)),
        index: new WeakRef(addNameIndex(shared)),
      };
      (sources.get('ConfigMap') as ScriptedSource).put('a');
      shared.start();
      await shared.waitForSync();
      expect(shared.list(BuiltinKinds.ConfigMap)).toHaveLength(1);
      expect(await survivors(refs, 1)).toEqual(['informer', 'index']);

      await shared.stop();
      // The scripted source keeps its watches' callbacks for the test to drive; a real one does not.
      sources.clear();

      expect(await survivors(refs)).toEqual([]);
      expect(shared.synced).toBe(false);
      expect(() => shared.list(BuiltinKinds.ConfigMap)).toThrow(/the cache is stopped/);
      expect(() => shared.get(BuiltinKinds.ConfigMap, { namespace: 'ns', name: 'a' })).toThrow(
        expect.objectContaining({ kind: 'Terminal' }),
      );
      await expect(shared.waitForSync()).rejects.toMatchObject({ kind: 'Terminal' });
      // A late caller (e.g. a config reload) gets an empty informer, and nothing lists on its behalf.
      const late = shared.informerFor(BuiltinKinds.Secret);
      shared.start();
      expect(late.store.size).toBe(0);
      await expect(late.waitForSync()).rejects.toMatchObject({ kind: 'Terminal' });
      expect((sources.get('Secret') as ScriptedSource).listCalls).toBe(0);
    },
    collectionTimeoutMs,
  );
});

/** Adds an index whose function only the cache references, and returns the function. */
function addNameIndex(shared: SharedCache): object {
  const byName = (obj: { metadata?: { name?: string } }) => [obj.metadata?.name ?? ''];
  shared.addIndex(BuiltinKinds.ConfigMap, 'by-name', byName);
  return byName;
}
