import { afterEach, describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ResourceKind } from '../api/resource-kind.js';
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
    await shared.waitForSync(1000);
    expect(shared.synced).toBe(true);
    expect(shared.get(BuiltinKinds.ConfigMap, { namespace: 'ns', name: 'a' })?.metadata?.name).toBe('a');
    expect(shared.list(BuiltinKinds.ConfigMap, { namespace: 'ns' })).toHaveLength(1);
    expect(shared.list(BuiltinKinds.ConfigMap, { index: { name: 'by-name', value: 'a' } })).toHaveLength(1);
    expect(shared.list(BuiltinKinds.ConfigMap, { index: { name: OWNER_UID_INDEX, value: 'x' } })).toEqual([]);

    // Informers asked for after start start at once.
    const late = shared.informerFor(BuiltinKinds.Secret);
    await late.waitForSync(1000);
    expect(shared.synced).toBe(true);
  });

  it('refuses reads of kinds it does not cache, saying how to fix it', () => {
    const shared = cacheWith(new Map());
    expect(() => shared.get(BuiltinKinds.Pod, { namespace: 'a', name: 'b' })).toThrow(/informerFor/);
    expect(() => shared.list(BuiltinKinds.Pod)).toThrow(expect.objectContaining({ kind: 'Configuration' }));
  });
});
