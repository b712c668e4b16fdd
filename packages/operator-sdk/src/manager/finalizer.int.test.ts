// The finalizer protocol the SDK runs for reconcilers with `finalize`: the finalizer is in place before
// the first reconcile, `finalize` runs on delete and then the object goes, a failing `finalize` is
// retried and keeps the object. With `finalizerMode: 'manual'` the reconciler puts it on and takes it off.
// `finalize` runs once per deletion, also when what it deletes queues the object again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { statusCodeOf } from '../client/kube-api.error.js';
import { setControllerReference } from '../client/owner-references.js';
import { Controller } from '../controller/controller.decorator.js';
import { Predicates } from '../predicate/predicates.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Result, type ReconcileResult } from '../reconcile/result.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  ReconcileRecorder,
  settled,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

const NS = 'finalizers';
const FILTERED_NS = 'finalizers-filtered';
const MANUAL_NS = 'finalizers-manual';
const OWNING_NS = 'finalizers-owning';
const FINALIZER = 'controllers.test.dev/cleanup';

/** Finalizes each Gadget; a Gadget whose note is `stubborn` fails to finalize until `released`. */
class FinalizingReconciler implements Reconciler<Gadget> {
  readonly reconciled = new ReconcileRecorder();
  readonly finalized = new ReconcileRecorder();
  readonly finalizersSeen: string[][] = [];
  released = false;

  async reconcile(obj: Gadget, _ctx?: ReconcileContext): Promise<void> {
    this.reconciled.record(obj);
    this.finalizersSeen.push(obj.metadata.finalizers ?? []);
  }

  async finalize(obj: Gadget, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    this.finalized.record(obj);
    expect(obj.metadata.deletionTimestamp).toBeDefined();
    if (obj.spec?.note === 'stubborn' && !this.released)
      throw new Error(`cannot clean up ${ctx.key.name} yet`);
  }
}

@Controller({ for: GadgetKind, namespaces: [NS], finalizer: FINALIZER, name: 'finalizing' })
class FinalizingController extends FinalizingReconciler {}

/** The same with generationChanged: deletion must still reach `finalize`. */
@Controller({
  for: GadgetKind,
  namespaces: [FILTERED_NS],
  predicates: [Predicates.generationChanged()],
  name: 'finalizing-filtered',
})
class FilteredFinalizingController extends FinalizingReconciler {}

/** Holds the finalizer only while a Gadget's note is `external` (it stands for something outside to clean up). */
@Controller({ for: GadgetKind, namespaces: [MANUAL_NS], finalizer: FINALIZER, finalizerMode: 'manual' })
class ManualFinalizerController extends FinalizingReconciler {
  override async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    await super.reconcile(obj);
    if (obj.spec?.note === 'external') await ctx.finalizer.add(obj);
    else if (ctx.finalizer.isSet(obj)) await ctx.finalizer.remove(obj);
  }
}

/**
 * Owns a ConfigMap per Gadget and deletes it in `finalize`: that deletion queues the Gadget again while
 * `finalize` runs. A Gadget whose note is `again` asks for a requeue on its first finalize and throws on
 * its second.
 */
@Controller({
  for: GadgetKind,
  owns: [BuiltinKinds.ConfigMap],
  namespaces: [OWNING_NS],
  finalizer: FINALIZER,
  name: 'owning',
})
class OwningController extends FinalizingReconciler {
  override async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    await super.reconcile(obj);
    const configMap: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace },
    };
    await ctx.client.apply(setControllerReference(obj, configMap));
  }

  override async finalize(obj: Gadget, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    this.finalized.record(obj);
    const attempt = this.finalized.count(ctx.key.namespace ?? '', ctx.key.name);
    if (obj.spec?.note === 'again' && attempt === 1) return Result.requeue();
    if (obj.spec?.note === 'again' && attempt === 2) throw new Error('not yet');
    await ctx.client.delete(BuiltinKinds.ConfigMap, ctx.key);
    // Once the cache has seen the deletion, it has queued the Gadget again: before the finalizer patch.
    await eventually(() => !ctx.cache.get(BuiltinKinds.ConfigMap, ctx.key), 'the deletion seen');
  }
}

describe('finalizers on a real API server', () => {
  let cluster: TestCluster;
  const controller = new FinalizingController();
  const filtered = new FilteredFinalizingController();
  const manual = new ManualFinalizerController();
  const owning = new OwningController();

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    await cluster.namespace(FILTERED_NS);
    await cluster.namespace(MANUAL_NS);
    await cluster.namespace(OWNING_NS);
    await cluster.startManager([controller, filtered, manual, owning]);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const read = (namespace: string, name: string) =>
    cluster.client.get<Gadget>(GadgetKind, { namespace, name });

  it('adds the finalizer before the first reconcile, finalizes on delete, then the object goes', async () => {
    await cluster.client.create(GadgetKind, gadget(NS, 'tidy'));
    await eventually(() => controller.reconciled.count(NS, 'tidy') > 0, 'the first reconcile');
    expect(controller.finalizersSeen[0]).toEqual([FINALIZER]);
    expect((await read(NS, 'tidy'))?.metadata.finalizers).toEqual([FINALIZER]);
    const reconciles = controller.reconciled.count(NS, 'tidy');

    await cluster.client.delete(GadgetKind, { namespace: NS, name: 'tidy' });
    await eventually(async () => (await read(NS, 'tidy')) === undefined, 'the object to disappear');
    expect(controller.finalized.count(NS, 'tidy')).toBe(1);
    expect(controller.reconciled.count(NS, 'tidy')).toBe(reconciles);
  });

  it('keeps the object, finalizer included, while finalize fails, and retries it', async () => {
    await cluster.client.create(GadgetKind, gadget(NS, 'sticky', { note: 'stubborn' }));
    await eventually(() => controller.reconciled.count(NS, 'sticky') > 0, 'the first reconcile');
    await cluster.client.delete(GadgetKind, { namespace: NS, name: 'sticky' });

    await eventually(() => controller.finalized.count(NS, 'sticky') >= 3, 'retried finalizes');
    const pending = await read(NS, 'sticky');
    expect(pending?.metadata.deletionTimestamp).toBeDefined();
    expect(pending?.metadata.finalizers).toEqual([FINALIZER]);

    const attempts = controller.finalized.count(NS, 'sticky');
    controller.released = true;
    await eventually(async () => (await read(NS, 'sticky')) === undefined, 'the object to disappear');
    expect(controller.finalized.count(NS, 'sticky')).toBeGreaterThan(attempts);
  });

  it('uses <group>/<name>-finalizer by default and finalizes despite a generationChanged predicate', async () => {
    const finalizer = 'controllers.test.dev/finalizing-filtered-finalizer';
    await cluster.client.create(GadgetKind, gadget(FILTERED_NS, 'quiet'));
    await eventually(
      async () => (await read(FILTERED_NS, 'quiet'))?.metadata.finalizers?.includes(finalizer),
      'the default finalizer',
    );
    await cluster.client.delete(GadgetKind, { namespace: FILTERED_NS, name: 'quiet' });
    await eventually(async () => (await read(FILTERED_NS, 'quiet')) === undefined, 'the object to disappear');
    expect(filtered.finalized.count(FILTERED_NS, 'quiet')).toBe(1);
  });

  describe("finalizerMode 'manual'", () => {
    it('adds no finalizer by itself: an object the reconciler leaves alone is deleted at once, unfinalized', async () => {
      await cluster.client.create(GadgetKind, gadget(MANUAL_NS, 'plain'));
      await eventually(() => manual.reconciled.count(MANUAL_NS, 'plain') > 0, 'the first reconcile');
      expect(manual.finalizersSeen.at(-1)).toEqual([]);
      expect((await read(MANUAL_NS, 'plain'))?.metadata.finalizers).toBeUndefined();

      await cluster.client.delete(GadgetKind, { namespace: MANUAL_NS, name: 'plain' });
      await eventually(async () => (await read(MANUAL_NS, 'plain')) === undefined, 'the object to disappear');
      expect(manual.finalized.count(MANUAL_NS, 'plain')).toBe(0);
    });

    it('finalizes what the reconciler put its finalizer on, then removes it', async () => {
      await cluster.client.create(GadgetKind, gadget(MANUAL_NS, 'held', { note: 'external' }));
      await eventually(
        async () => (await read(MANUAL_NS, 'held'))?.metadata.finalizers?.includes(FINALIZER),
        'the finalizer the reconciler adds',
      );
      await cluster.client.delete(GadgetKind, { namespace: MANUAL_NS, name: 'held' });
      await eventually(async () => (await read(MANUAL_NS, 'held')) === undefined, 'the object to disappear');
      expect(manual.finalized.count(MANUAL_NS, 'held')).toBe(1);
    });

    it('lets the reconciler take the finalizer off again: deletion then waits for nothing', async () => {
      await cluster.client.create(GadgetKind, gadget(MANUAL_NS, 'released', { note: 'external' }));
      await eventually(
        async () => (await read(MANUAL_NS, 'released'))?.metadata.finalizers?.includes(FINALIZER),
        'the finalizer the reconciler adds',
      );
      const key = { namespace: MANUAL_NS, name: 'released' };
      await cluster.client.patch(GadgetKind, key, { spec: { note: 'nothing outside' } });
      await eventually(
        async () => (await read(MANUAL_NS, 'released'))?.metadata.finalizers === undefined,
        'the reconciler to remove its finalizer',
      );
      await cluster.client.delete(GadgetKind, key);
      await eventually(
        async () => (await read(MANUAL_NS, 'released')) === undefined,
        'the object to disappear',
      );
      expect(manual.finalized.count(MANUAL_NS, 'released')).toBe(0);
    });
  });

  describe('a deletion that queues the object again while finalize runs', () => {
    const configMap = (name: string) =>
      cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: OWNING_NS, name });
    const created = async (name: string, note?: string, finalizers?: string[]) => {
      await cluster.client.create(GadgetKind, {
        ...gadget(OWNING_NS, name, { note }),
        metadata: { namespace: OWNING_NS, name, finalizers },
      });
      await eventually(() => configMap(name), `the ConfigMap of ${name}`);
    };

    // The queued key is processed right after the finalizer patch, from a cache that may not show it yet.
    it('finalizes each object once, not again from a cached copy older than the finalizer removal', async () => {
      const names = Array.from({ length: 6 }, (_, i) => `owner-${i}`);
      for (const name of names) await created(name);
      for (const name of names) await cluster.client.delete(GadgetKind, { namespace: OWNING_NS, name });
      for (const name of names)
        await eventually(async () => (await read(OWNING_NS, name)) === undefined, `${name} to disappear`);
      await settled(() => owning.finalized.calls.length, 'finalizes');
      expect(names.map((name) => owning.finalized.count(OWNING_NS, name))).toEqual(names.map(() => 1));
      expect(await Promise.all(names.map(configMap))).toEqual(names.map(() => undefined));
    });

    it('finalizes again while finalize asks for a requeue or throws, then once more only', async () => {
      await created('again', 'again');
      await cluster.client.delete(GadgetKind, { namespace: OWNING_NS, name: 'again' });
      await eventually(async () => (await read(OWNING_NS, 'again')) === undefined, 'the object to disappear');
      await settled(() => owning.finalized.count(OWNING_NS, 'again'), 'finalizes');
      expect(owning.finalized.count(OWNING_NS, 'again')).toBe(3);
    });

    // Why a copy carrying the finalizer after its removal is stale for certain: it cannot come back.
    it('finalizes an object held by another finalizer once; the API server refuses the finalizer back', async () => {
      const hold = 'test.dev/hold';
      await created('held', undefined, [hold]);
      const key = { namespace: OWNING_NS, name: 'held' };
      await cluster.client.delete(GadgetKind, key);
      const released = await eventually(async () => {
        const current = await read(OWNING_NS, 'held');
        return current?.metadata.finalizers?.join() === hold && current;
      }, 'our finalizer removed, the other kept');
      const readd = cluster.client.patch(
        GadgetKind,
        key,
        [{ op: 'add', path: '/metadata/finalizers/-', value: FINALIZER }],
        { type: 'json' },
      );
      await expect(
        readd.then(
          () => 'added',
          (err: unknown) => statusCodeOf(err),
        ),
      ).resolves.toBe(422);
      await cluster.client.patch(
        GadgetKind,
        key,
        [
          { op: 'test', path: '/metadata/resourceVersion', value: released.metadata.resourceVersion },
          { op: 'remove', path: '/metadata/finalizers' },
        ],
        { type: 'json' },
      );
      await eventually(async () => (await read(OWNING_NS, 'held')) === undefined, 'the object to disappear');
      expect(owning.finalized.count(OWNING_NS, 'held')).toBe(1);
    });
  });
});
