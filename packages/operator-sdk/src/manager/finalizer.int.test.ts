// The finalizer protocol the SDK runs for reconcilers with `finalize`: the finalizer is in place before
// the first reconcile, `finalize` runs on delete and then the object goes, a failing `finalize` is
// retried and keeps the object. With `finalizerMode: 'manual'` the reconciler puts it on and takes it off.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import { Predicates } from '../predicate/predicates.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  ReconcileRecorder,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

const NS = 'finalizers';
const FILTERED_NS = 'finalizers-filtered';
const MANUAL_NS = 'finalizers-manual';
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

  async finalize(obj: Gadget, ctx: ReconcileContext): Promise<void> {
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

describe('finalizers on a real API server', () => {
  let cluster: TestCluster;
  const controller = new FinalizingController();
  const filtered = new FilteredFinalizingController();
  const manual = new ManualFinalizerController();

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    await cluster.namespace(FILTERED_NS);
    await cluster.namespace(MANUAL_NS);
    await cluster.startManager([controller, filtered, manual]);
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
});
