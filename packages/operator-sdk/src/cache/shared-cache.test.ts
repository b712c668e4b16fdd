import { afterEach, describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ResourceKind } from '../api/resource-kind.js';
import { collectionTimeoutMs, survivors } from './fixtures/reachability.js';
import { ScriptedSource } from './internal/scripted-source.js';
import { NOTED_CREATE_TTL_MS, SharedCache } from './shared-cache.js';
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

describe('SharedCache.noteCreated (read-your-creates)', () => {
  const { ConfigMap, Secret } = BuiltinKinds;
  const key = { namespace: 'ns', name: 'made' };
  /** What the API server returns for a create: the test's own copy, which the cache must not freeze. */
  const created = (labels?: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...key, resourceVersion: '7', ...(labels ? { labels } : {}) },
    data: { a: '1' },
  });

  async function synced(shared: SharedCache, sources: Map<string, ScriptedSource>): Promise<ScriptedSource> {
    shared.informerFor(ConfigMap);
    shared.start();
    await shared.waitForSync(10_000);
    const source = sources.get('ConfigMap') as ScriptedSource;
    const deadline = Date.now() + 10_000;
    while (!source.current && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    return source;
  }

  it('answers present with a noted create until the informer reports the name, then as the informer does', async () => {
    const sources = new Map<string, ScriptedSource>();
    const shared = cacheWith(sources);
    const source = await synced(shared, sources);
    expect(shared.lookup(ConfigMap, key)).toEqual({ state: 'absent' });

    const response = created();
    shared.noteCreated(ConfigMap, response);
    const noted = shared.lookup(ConfigMap, key);
    expect(noted).toMatchObject({ state: 'present', object: { metadata: { resourceVersion: '7' } } });
    // Prepared as the informer's copies are (frozen), from a copy: the caller's object stays its own.
    expect(Object.isFrozen((noted as { object: object }).object)).toBe(true);
    expect(Object.isFrozen(response)).toBe(false);

    // Its ADDED event: the informer's copy answers from now on. Then someone deletes it: absent again.
    const stored = source.put('made');
    source.current?.send({ type: 'ADDED', object: stored });
    expect(shared.lookup(ConfigMap, key)).toMatchObject({ object: { metadata: stored.metadata } });
    source.world.delete('made');
    source.current?.send({ type: 'DELETED', object: { ...created(), metadata: { ...key } } });
    expect(shared.lookup(ConfigMap, key)).toEqual({ state: 'absent' });
  });

  it('forgets a noted create after its time, and ignores one its informer would never report', async () => {
    const sources = new Map<string, ScriptedSource>();
    const shared = cacheWith(sources);
    await synced(shared, sources);
    shared.noteCreated(ConfigMap, created(), Date.now() - NOTED_CREATE_TTL_MS);
    expect(shared.lookup(ConfigMap, key)).toEqual({ state: 'absent' });
    // No informer covers Secrets: nothing would ever drop the note.
    shared.noteCreated(Secret, { ...created(), kind: 'Secret' });
    expect(shared.lookup(Secret, key)).toEqual({ state: 'unknown' });
    await shared.stop();
    expect(() => shared.noteCreated(ConfigMap, created())).not.toThrow();

    // A label-filtered informer never reports an object outside its selector.
    const filteredSources = new Map<string, ScriptedSource>();
    const filtered = new SharedCache({
      sourceFor: (kind: ResourceKind) => {
        const source = new ScriptedSource();
        filteredSources.set(kind.kind, source);
        return source;
      },
      byKind: [{ kind: ConfigMap, labelSelector: 'app=ours' }],
    });
    cache = filtered;
    await synced(filtered, filteredSources);
    filtered.noteCreated(ConfigMap, created({ app: 'theirs' }));
    expect(filtered.lookup(ConfigMap, key)).toEqual({ state: 'unknown', filtered: true });
    filtered.noteCreated(ConfigMap, created({ app: 'ours' }));
    expect(filtered.lookup(ConfigMap, key)).toMatchObject({ state: 'present' });
  });
});

/** Adds an index whose function only the cache references, and returns the function. */
function addNameIndex(shared: SharedCache): object {
  const byName = (obj: { metadata?: { name?: string } }) => [obj.metadata?.name ?? ''];
  shared.addIndex(BuiltinKinds.ConfigMap, 'by-name', byName);
  return byName;
}
