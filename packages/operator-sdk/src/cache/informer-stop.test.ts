// What a stopped informer still holds: nothing, so managers stopped and started in one process do not leak.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { apiErrorFromResponse } from '../client/kube-api.error.js';
import { collectionTimeoutMs, survivors } from './fixtures/reachability.js';
import { Informer } from './informer.js';
import type { InformerTiming } from './informer-options.js';
import { ScriptedSource } from './internal/scripted-source.js';
import type { ListWatchSource } from './list-watch-source.js';

const kind = BuiltinKinds.ConfigMap;
const fast: Partial<InformerTiming> = { initialBackoffMs: 50, maxBackoffMs: 100 };
const unavailable = apiErrorFromResponse('list ConfigMap', 503, 'unavailable');

afterEach(() => {
  jest.useRealTimers();
});

/** An informer holding objects `a` and `b`, an index and a handler that only this informer references. */
async function syncedInformer(source: ScriptedSource) {
  source.put('a');
  source.put('b');
  const informer = new Informer({ kind, source, timing: fast });
  informer.addIndex('by-name', (obj) => [obj.metadata?.name ?? '']);
  const seen: string[] = [];
  const handler = addHandler(informer, seen);
  informer.start();
  await informer.waitForSync();
  const refs = {
    handler: new WeakRef(handler),
    object: new WeakRef(informer.store.get('ns/a') as object),
  };
  return { informer, refs, seen };
}

/** Registers a handler that only the informer can hold on to, and returns it. */
function addHandler(informer: Informer, calls: string[]): object {
  const handler = {
    onAdd: (obj: KubernetesObject) => calls.push(`add ${obj.metadata?.name}`),
    onUpdate: (_old: KubernetesObject, obj: KubernetesObject) => calls.push(`update ${obj.metadata?.name}`),
  };
  informer.addEventHandler(handler);
  return handler;
}

describe('Informer.stop', () => {
  it(
    'empties the store and its indexes and lets go of handlers and objects',
    async () => {
      const source = new ScriptedSource();
      const { informer, refs, seen } = await syncedInformer(source);
      expect(seen.sort()).toEqual(['add a', 'add b']);
      expect(informer.store.byIndex('by-name', 'a')).toHaveLength(1);
      // Before stop the informer is what holds them, which also shows the probe can see a reference.
      expect(await survivors(refs, 1)).toEqual(['handler', 'object']);

      await informer.stop();

      expect(informer.store.size).toBe(0);
      expect(informer.store.list()).toEqual([]);
      expect(informer.store.byIndex('by-name', 'a')).toEqual([]);
      expect(informer.hasSynced).toBe(false);
      expect(source.current?.aborted).toBe(true);
      expect(await survivors(refs)).toEqual([]);
    },
    collectionTimeoutMs,
  );

  it(
    'registers no handler and serves no wait once stopped',
    async () => {
      const source = new ScriptedSource();
      const { informer } = await syncedInformer(source);
      await informer.stop();

      const calls: string[] = [];
      const late = new WeakRef(addHandler(informer, calls));
      informer.resync();
      expect(calls).toEqual([]);
      expect(await survivors({ late })).toEqual([]);
      await expect(informer.waitForSync()).rejects.toMatchObject({ kind: 'Terminal' });
    },
    collectionTimeoutMs,
  );

  it('clears every timer: watchdog, backoff pause and waitForSync deadline', async () => {
    jest.useFakeTimers();
    const watching = new Informer({ kind, source: new ScriptedSource(), timing: fast });
    const failing = new ScriptedSource();
    failing.listError = unavailable;
    const retrying = new Informer({ kind, source: failing, timing: fast });
    watching.start();
    retrying.start();
    const wait = retrying.waitForSync(60_000);
    await jest.advanceTimersByTimeAsync(0);
    // The watchdog of the open watch, the pause before the next list, the deadline of the wait.
    expect(jest.getTimerCount()).toBe(3);

    await Promise.all([watching.stop(), retrying.stop()]);

    await expect(wait).rejects.toMatchObject({ kind: 'Terminal' });
    expect(jest.getTimerCount()).toBe(0);
    const lists = failing.listCalls;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(failing.listCalls).toBe(lists);
  });

  it('aborts a list in flight instead of waiting for it', async () => {
    const signals: AbortSignal[] = [];
    const hanging: ListWatchSource = {
      list: (_scope, options) =>
        new Promise((_resolve, reject) => {
          const signal = options?.signal as AbortSignal;
          signals.push(signal);
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
      watch: () => {
        throw new Error('no watch may start before a list returned');
      },
    };
    const informer = new Informer({ kind, source: hanging, timing: fast });
    informer.start();
    expect(signals).toHaveLength(1);

    await informer.stop();

    expect(signals[0]?.aborted).toBe(true);
  });
});
