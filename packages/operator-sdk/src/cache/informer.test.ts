import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { apiErrorFromResponse } from '../client/kube-api.error.js';
import { Informer } from './informer.js';
import type { InformerTiming } from './informer-options.js';
import { ScriptedSource } from './internal/scripted-source.js';

const fast: Partial<InformerTiming> = { initialBackoffMs: 5, maxBackoffMs: 20, backoffResetMs: 60_000 };
const gone = apiErrorFromResponse('watch ConfigMap', 410, {
  kind: 'Status',
  code: 410,
  reason: 'Expired',
  message: 'too old resource version: 1 (5)',
});

// Generous: the scripted source answers at once, so this only runs out when the condition never holds; a
// loaded CI machine can stall this process for seconds.
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function recorder() {
  const events: string[] = [];
  const name = (o: KubernetesObject) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`;
  return {
    events,
    handler: {
      onAdd: (o: KubernetesObject) => events.push(`add ${name(o)}`),
      onUpdate: (old: KubernetesObject, o: KubernetesObject) =>
        events.push(`update ${name(old)}->${name(o)}`),
      onDelete: (o: KubernetesObject) => events.push(`delete ${name(o)}`),
    },
  };
}

let informer: Informer | undefined;
afterEach(async () => {
  await informer?.stop();
  informer = undefined;
});

function start(source: ScriptedSource, timing: Partial<InformerTiming> = fast): Informer {
  informer = new Informer({ kind: BuiltinKinds.ConfigMap, source, timing });
  informer.start();
  return informer;
}

describe('Informer', () => {
  it('lists, syncs, then applies watch events in order; bookmarks move the resume point only', async () => {
    const source = new ScriptedSource();
    source.put('a');
    const rec = recorder();
    const inf = new Informer({ kind: BuiltinKinds.ConfigMap, source, timing: fast });
    inf.addEventHandler(rec.handler);
    informer = inf;
    inf.start();
    await inf.waitForSync(10_000);
    expect(inf.hasSynced).toBe(true);
    await until(() => source.watches.length === 1);
    expect(source.current?.options).toMatchObject({ resourceVersion: '2', allowWatchBookmarks: true });
    const timeout = source.current?.options.timeoutSeconds ?? 0;
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThanOrEqual(600);

    source.current?.send({ type: 'ADDED', object: source.put('b') });
    source.current?.send({ type: 'MODIFIED', object: source.put('a', { k: 'v' }) });
    source.current?.send({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '10' } } });
    source.current?.send({ type: 'DELETED', object: source.put('b') });
    expect(rec.events).toEqual(['add a@2', 'add b@3', 'update a@2->a@4', 'delete b@3']);

    source.current?.send({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '42' } } });
    source.current?.close();
    await until(() => source.watches.length === 2);
    expect(source.current?.options.resourceVersion).toBe('42');
    expect(source.listCalls).toBe(1);
  });

  it('relists on 410 and reports what changed meanwhile, deletes with the last known state', async () => {
    const source = new ScriptedSource();
    source.put('keep');
    source.put('change');
    source.put('vanish');
    const inf = start(source);
    const rec = recorder();
    inf.addEventHandler(rec.handler);
    await until(() => source.watches.length === 1);
    rec.events.length = 0;

    source.world.delete('vanish');
    source.put('change', { x: 'y' });
    source.put('fresh');
    source.current?.fail(gone);
    await until(() => source.listCalls === 2 && source.watches.length === 2);
    expect(rec.events.sort()).toEqual(['add fresh@6', 'delete vanish@4', 'update change@3->change@5']);
    expect(
      inf.store
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['change', 'fresh', 'keep']);
    expect(source.current?.options.resourceVersion).toBe('6');
  });

  it('marks adds of the first list and of late replays as initial, later adds (watch, relist) as not', async () => {
    const source = new ScriptedSource();
    source.put('listed');
    const seen: string[] = [];
    const flagging = (who: string) => ({
      onAdd: (o: KubernetesObject, initial: boolean) =>
        seen.push(`${who} ${o.metadata?.name} ${initial ? 'initial' : 'fresh'}`),
    });
    const inf = new Informer({ kind: BuiltinKinds.ConfigMap, source, timing: fast });
    informer = inf;
    inf.addEventHandler(flagging('early'));
    inf.start();
    await until(() => source.watches.length === 1);
    source.current?.send({ type: 'ADDED', object: source.put('watched') });
    inf.addEventHandler(flagging('late'));
    source.put('relisted');
    source.current?.fail(gone);
    await until(() => source.listCalls === 2 && source.watches.length === 2);
    expect(seen).toEqual([
      'early listed initial',
      'early watched fresh',
      'late listed initial',
      'late watched initial',
      'early relisted fresh',
      'late relisted fresh',
    ]);
  });

  it('says since when it is disconnected, until a watch delivers again', async () => {
    const source = new ScriptedSource();
    source.put('a');
    const reconnected: string[] = [];
    informer = new Informer({
      kind: BuiltinKinds.ConfigMap,
      source,
      timing: fast,
      onReconnected: () => reconnected.push('back'),
    });
    informer.start();
    await until(() => source.watches.length === 1);
    expect(informer.disconnectedSince).toBeUndefined();
    const before = Date.now();
    source.current?.fail(apiErrorFromResponse('watch ConfigMap', 503, 'unavailable'));
    await until(() => source.watches.length === 2);
    const since = informer.disconnectedSince?.getTime();
    expect(since).toBeGreaterThanOrEqual(before);
    source.current?.fail(apiErrorFromResponse('watch ConfigMap', 503, 'unavailable'));
    await until(() => source.watches.length === 3);
    // A later failure keeps the time of the first (compared exactly, not to a wall-clock window).
    expect(informer.disconnectedSince?.getTime()).toBe(since);
    expect(reconnected).toEqual([]);
    source.current?.send({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } });
    expect(informer.disconnectedSince).toBeUndefined();
    expect(reconnected).toEqual(['back']);
  });

  it('retries soon while the API server answers 429 or 503 (back, but still starting), however long it lasts', async () => {
    const source = new ScriptedSource();
    // The connection backoff would grow to 60 s; a busy server is asked again within 100 ms each time.
    const inf = start(source, { initialBackoffMs: 1_000, maxBackoffMs: 60_000, busyMaxBackoffMs: 100 });
    await until(() => source.watches.length === 1);
    const started = Date.now();
    for (let i = 1; i <= 6; i++) {
      const code = i % 2 === 0 ? 429 : 503;
      source.current?.fail(apiErrorFromResponse('watch ConfigMap', code, 'storage is (re)initializing'));
      // The fifth connection pause alone would be 8-16 s: this fails it within the test's 30 s.
      await until(() => source.watches.length === i + 1, 7_500);
    }
    // Six connection pauses in a row would take at least 0.5+1+2+4+8+16 = 31.5 s (each is jittered into
    // [d/2, d]); six busy ones take at most 0.6 s, so a machine 20 times slower still passes.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(inf.disconnectedSince).toBeDefined();
  });

  it('ends a backoff pause on retryNow()', async () => {
    const source = new ScriptedSource();
    const slow = { initialBackoffMs: 60_000, maxBackoffMs: 60_000 };
    const inf = start(source, slow);
    await until(() => source.watches.length === 1);
    source.current?.fail(apiErrorFromResponse('watch ConfigMap', 503, 'unavailable'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.watches.length).toBe(1);
    inf.retryNow();
    await until(() => source.watches.length === 2);
  });

  it('reconnects after other errors without relisting, resuming from the last version, forever', async () => {
    const source = new ScriptedSource();
    source.put('a');
    start(source);
    for (let i = 1; i <= 6; i++) {
      await until(() => source.watches.length === i);
      source.current?.fail(apiErrorFromResponse('watch ConfigMap', 500, { kind: 'Status', message: 'boom' }));
    }
    await until(() => source.watches.length === 7);
    expect(source.listCalls).toBe(1);
    expect(source.watches.every((w) => w.options.resourceVersion === '2')).toBe(true);
  });

  it('keeps retrying a failing list and times out waitForSync meanwhile', async () => {
    const source = new ScriptedSource();
    source.listError = apiErrorFromResponse('list ConfigMap', 503, 'unavailable');
    const inf = start(source);
    await expect(inf.waitForSync(100)).rejects.toMatchObject({ kind: 'Timeout' });
    await expect(inf.waitForSync(50)).rejects.toThrow(/within 50ms: last error: .*unavailable/);
    // Retried, not given up: waited for, since how many calls fit in 150 ms depends on the machine's load.
    await until(() => source.listCalls > 2);
    source.listError = undefined;
    await inf.waitForSync(10_000);
  });

  it('restarts a watch that stays silent past the threshold; bookmarks keep it alive', async () => {
    const source = new ScriptedSource();
    start(source, { ...fast, silenceThresholdMs: 60 });
    // Ticking from before the watch opens: each tick is then due before the watchdog (timers fire in
    // order of due time), so the bookmarks win even when a loaded machine stalls this process.
    const ticker = setInterval(
      () => source.watches[0]?.send({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '1' } } }),
      15,
    );
    await until(() => source.watches.length === 1);
    const first = source.watches[0];
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(ticker);
    expect(source.watches).toHaveLength(1);
    await until(() => source.watches.length === 2);
    expect(first.aborted).toBe(true);
    expect(source.listCalls).toBe(1);
  });

  it('gives late handlers synthetic adds, isolates failing handlers, and stops handlers on remove', async () => {
    const source = new ScriptedSource();
    source.put('a');
    source.put('b');
    const inf = start(source);
    inf.addEventHandler({
      onAdd: () => {
        throw new Error('handler bug');
      },
    });
    await inf.waitForSync(10_000);
    const late = recorder();
    const registration = inf.addEventHandler(late.handler);
    expect(late.events.sort()).toEqual(['add a@2', 'add b@3']);
    await until(() => source.watches.length === 1);
    source.current?.send({ type: 'ADDED', object: source.put('c') });
    registration.remove();
    source.current?.send({ type: 'ADDED', object: source.put('d') });
    expect(late.events).toEqual(['add a@2', 'add b@3', 'add c@4']);
  });

  it('stop ends the loop for good and rejects pending waits', async () => {
    const source = new ScriptedSource();
    source.listError = new Error('down');
    const inf = start(source);
    const wait = inf.waitForSync();
    await inf.stop();
    await expect(wait).rejects.toMatchObject({ kind: 'Terminal' });
    const calls = source.listCalls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(source.listCalls).toBe(calls);
  });
});

describe('Informer.resync', () => {
  it('replays every cached object to every handler as an update of itself', async () => {
    const source = new ScriptedSource();
    source.put('a');
    source.put('b');
    const first = recorder();
    const second = recorder();
    const inf = start(source);
    inf.addEventHandler(first.handler);
    await inf.waitForSync(10_000);
    inf.addEventHandler(second.handler);
    inf.resync();
    expect(first.events.filter((e) => e.startsWith('update')).sort()).toEqual([
      'update a@2->a@2',
      'update b@3->b@3',
    ]);
    expect(second.events.filter((e) => e.startsWith('update')).sort()).toEqual([
      'update a@2->a@2',
      'update b@3->b@3',
    ]);
  });
});
