// Which watch events reach a reconcile: owned objects map to their controller owner, watched kinds map
// through a function, predicates filter.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { setControllerReference } from '../client/owner-references.js';
import { Controller } from '../controller/controller.decorator.js';
import { Predicates } from '../predicate/predicates.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  ReconcileRecorder,
  settled,
  sleep,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

const OWNS = 'owns';
const WATCHES = 'watches';
const GENERATION = 'generation';
const LABELS = 'labels';
const REF_LABEL = 'controllers.test.dev/gadget';

/** Renders each Gadget into a ConfigMap it controls. */
@Controller({ for: GadgetKind, owns: [BuiltinKinds.ConfigMap], namespaces: [OWNS], name: 'owner' })
class OwnerController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    this.seen.record(obj);
    await ctx.client.apply<V1ConfigMap>(
      setControllerReference(obj, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `gadget-${obj.metadata.name}`, namespace: obj.metadata.namespace },
        data: { size: String(obj.spec?.size ?? 0) },
      }),
      { force: true },
    );
  }
}

/** Reconciles the Gadget a ConfigMap's label names. */
@Controller({
  for: GadgetKind,
  watches: [
    {
      kind: BuiltinKinds.ConfigMap,
      map: (cm: V1ConfigMap) => {
        const name = cm.metadata?.labels?.[REF_LABEL];
        return name ? [{ namespace: cm.metadata?.namespace, name }] : [];
      },
    },
  ],
  namespaces: [WATCHES],
  name: 'watcher',
})
class WatcherController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget): Promise<void> {
    this.seen.record(obj);
  }
}

/** Writes status on every reconcile, and ignores updates that do not change the generation. */
@Controller({
  for: GadgetKind,
  predicates: [Predicates.generationChanged()],
  namespaces: [GENERATION],
  name: 'generation',
})
class GenerationController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    this.seen.record(obj);
    await ctx.client.updateStatus<Gadget>(GadgetKind, ctx.key, (current) => {
      current.status = { observedGeneration: current.metadata.generation, message: `seen ${Date.now()}` };
    });
  }
}

/** Reconciles only Gadgets labelled tier=gold. */
@Controller({
  for: GadgetKind,
  predicates: [Predicates.hasLabels({ tier: 'gold' })],
  namespaces: [LABELS],
  name: 'gold',
})
class GoldController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget): Promise<void> {
    this.seen.record(obj);
  }
}

describe('event sources of a controller on a real API server', () => {
  let cluster: TestCluster;
  const owner = new OwnerController();
  const watcher = new WatcherController();
  const generation = new GenerationController();
  const gold = new GoldController();

  beforeAll(async () => {
    cluster = await startTestCluster();
    for (const ns of [OWNS, WATCHES, GENERATION, LABELS]) await cluster.namespace(ns);
    await cluster.startManager([owner, watcher, generation, gold]);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const configMap = (name: string) =>
    cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: OWNS, name });

  it('repairs drift: an owned ConfigMap edited or deleted by hand is restored', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(OWNS, 'drift', { size: 3 }));
    await eventually(
      async () => (await configMap('gadget-drift'))?.data?.size === '3',
      'the owned ConfigMap',
    );
    const before = owner.seen.count(OWNS, 'drift');

    await client.patch(
      BuiltinKinds.ConfigMap,
      { namespace: OWNS, name: 'gadget-drift' },
      { data: { size: '99' } },
    );
    await eventually(
      async () => (await configMap('gadget-drift'))?.data?.size === '3',
      'the edit to be undone',
    );
    expect(owner.seen.count(OWNS, 'drift')).toBeGreaterThan(before);

    await client.delete(BuiltinKinds.ConfigMap, { namespace: OWNS, name: 'gadget-drift' });
    const restored = await eventually(async () => {
      const cm = await configMap('gadget-drift');
      return cm?.data?.size === '3' ? cm : undefined;
    }, 'the deleted ConfigMap to be recreated');
    expect(restored.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Gadget', name: 'drift' });
  });

  it('ignores ConfigMaps without a controller owner of its kind', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(OWNS, 'bystander'));
    await eventually(async () => await configMap('gadget-bystander'), 'the owned ConfigMap');
    // Creating its own ConfigMap reconciles the Gadget once more; measure only after that has settled.
    const calls = await settled(() => owner.seen.calls.length, 'the reconciles of the bystander');
    await client.create(BuiltinKinds.ConfigMap, { metadata: { name: 'unowned', namespace: OWNS } });
    await sleep(500);
    expect(owner.seen.calls.length).toBe(calls);
  });

  it('maps a watched kind to primary keys, old and new state alike', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(WATCHES, 'a'));
    await client.create(GadgetKind, gadget(WATCHES, 'b'));
    await eventually(
      () => watcher.seen.count(WATCHES, 'a') === 1 && watcher.seen.count(WATCHES, 'b') === 1,
      'the initial reconciles',
    );

    await client.create(BuiltinKinds.ConfigMap, {
      metadata: { name: 'pointer', namespace: WATCHES, labels: { [REF_LABEL]: 'a' } },
    });
    await eventually(() => watcher.seen.count(WATCHES, 'a') === 2, 'a reconcile of a');
    expect(watcher.seen.count(WATCHES, 'b')).toBe(1);

    // Re-pointing the ConfigMap reconciles the Gadget it left and the one it now names.
    await client.patch(
      BuiltinKinds.ConfigMap,
      { namespace: WATCHES, name: 'pointer' },
      { metadata: { labels: { [REF_LABEL]: 'b' } } },
    );
    await eventually(
      () => watcher.seen.count(WATCHES, 'a') === 3 && watcher.seen.count(WATCHES, 'b') === 2,
      'reconciles of a and b',
    );

    await client.delete(BuiltinKinds.ConfigMap, { namespace: WATCHES, name: 'pointer' });
    await eventually(() => watcher.seen.count(WATCHES, 'b') === 3, 'a reconcile of b after the delete');
    expect(watcher.seen.count(WATCHES, 'a')).toBe(3);
  });

  it('generationChanged drops status-only and metadata-only updates', async () => {
    const { client } = cluster;
    const key = { namespace: GENERATION, name: 'g' };
    await client.create(GadgetKind, gadget(GENERATION, 'g', { size: 1 }));
    await eventually(async () => (await client.get<Gadget>(GadgetKind, key))?.status, 'the first status');

    await client.patch(GadgetKind, key, { status: { message: 'by hand' } }, { subresource: 'status' });
    await client.patch(GadgetKind, key, { metadata: { annotations: { touched: 'yes' } } });
    await sleep(700);
    // The reconcile's own status write did not trigger another one either.
    expect(generation.seen.count(GENERATION, 'g')).toBe(1);

    await client.patch(GadgetKind, key, { spec: { size: 2 } });
    await eventually(() => generation.seen.count(GENERATION, 'g') === 2, 'a reconcile of the spec change');
    expect(generation.seen.calls.map((call) => call.generation)).toEqual([1, 2]);
    await sleep(500);
    expect(generation.seen.count(GENERATION, 'g')).toBe(2);
  });

  it('hasLabels reconciles only labelled objects, from the moment they carry the label', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(LABELS, 'shiny', {}, { tier: 'gold' }));
    await client.create(GadgetKind, gadget(LABELS, 'plain', {}, { tier: 'iron' }));
    await eventually(() => gold.seen.count(LABELS, 'shiny') === 1, 'the labelled gadget');
    await sleep(300);
    expect(gold.seen.count(LABELS, 'plain')).toBe(0);

    await client.patch(
      GadgetKind,
      { namespace: LABELS, name: 'plain' },
      { metadata: { labels: { tier: 'gold' } } },
    );
    await eventually(() => gold.seen.count(LABELS, 'plain') === 1, 'the newly labelled gadget');
  });
});
