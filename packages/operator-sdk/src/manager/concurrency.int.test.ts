// Concurrency: up to `concurrency` different keys reconcile at once, never two reconciles of one key,
// however many updates arrive meanwhile; the last state always gets reconciled.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMaxListeners } from 'node:events';
import { unlessAborted } from '../client/internal/abortable.js';
import { Controller } from '../controller/controller.decorator.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  sleep,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

const NS = 'flood';
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
const UPDATES_PER_KEY = 20;

@Controller({ for: GadgetKind, namespaces: [NS], concurrency: 4, name: 'flooded' })
class FloodedController implements Reconciler<Gadget> {
  readonly inFlight = new Map<string, number>();
  readonly lastSize = new Map<string, number>();
  maxPerKey = 0;
  maxTotal = 0;
  total = 0;
  reconciles = 0;

  async reconcile(obj: Gadget): Promise<void> {
    const key = obj.metadata.name!;
    const perKey = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, perKey);
    this.total++;
    this.maxPerKey = Math.max(this.maxPerKey, perKey);
    this.maxTotal = Math.max(this.maxTotal, this.total);
    try {
      // Long enough that the next update of the key arrives meanwhile even when a loaded machine's requests
      // take 100 ms: the collapse asserted below needs that.
      await sleep(200);
      this.lastSize.set(key, obj.spec?.size ?? 0);
      this.reconciles++;
    } finally {
      this.inFlight.set(key, this.inFlight.get(key)! - 1);
      this.total--;
    }
  }
}

const WIDE_NS = 'wide';
const WIDE_KEYS = Array.from({ length: 16 }, (_, i) => `w${i}`);

// Sixteen workers, each waiting on its reconcile's signal as the client's requests do: more than Node's
// default of 10 listeners on the controller's one stop signal, which all reconciles share.
@Controller({ for: GadgetKind, namespaces: [WIDE_NS], concurrency: 16, name: 'wide' })
class WideController implements Reconciler<Gadget> {
  readonly done = new Set<string>();
  readonly listenerLimits = new Set<number>();
  inFlight = 0;
  maxInFlight = 0;
  private everyoneIn!: () => void;
  private readonly allInFlight = new Promise<void>((resolve) => (this.everyoneIn = resolve));

  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    if (this.inFlight === WIDE_KEYS.length) this.everyoneIn();
    try {
      this.listenerLimits.add(getMaxListeners(ctx.signal));
      // Each waits for all keys to be in flight, not for a fixed time a loaded machine could spend creating
      // them; 10 s at most, so fewer workers fail the count below instead of hanging.
      const atMost = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      await unlessAborted(Promise.race([this.allInFlight, atMost]), ctx.signal, 'wait');
      this.done.add(obj.metadata.name!);
    } finally {
      this.inFlight--;
    }
  }
}

describe('concurrent reconciles on a real API server', () => {
  let cluster: TestCluster;
  const controller = new FloodedController();
  const wide = new WideController();

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    await cluster.namespace(WIDE_NS);
    await cluster.startManager([controller, wide]);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs 16 workers that wait on their shared stop signal with no listener limit (no MaxListenersExceededWarning)', async () => {
    const { client } = cluster;
    await Promise.all(WIDE_KEYS.map((name) => client.create(GadgetKind, gadget(WIDE_NS, name, {}))));
    await eventually(() => wide.done.size === WIDE_KEYS.length, 'every wide key to be reconciled');
    expect(wide.maxInFlight).toBeGreaterThan(10);
    // Node warns when a signal has more listeners than its limit (10 by default); the warning goes to the
    // real process, which Jest's sandbox does not see, so the limit itself is checked: at least the number
    // of workers on the shared stop signal.
    expect(Math.min(...wide.listenerLimits)).toBeGreaterThanOrEqual(WIDE_KEYS.length);
  });

  it('never runs two reconciles of one key, runs different keys in parallel, and converges', async () => {
    const { client } = cluster;
    await Promise.all(KEYS.map((name) => client.create(GadgetKind, gadget(NS, name, { size: 0 }))));
    // Every key gets UPDATES_PER_KEY spec changes, sent in parallel across keys and as fast as possible.
    await Promise.all(
      KEYS.map(async (name) => {
        for (let size = 1; size <= UPDATES_PER_KEY; size++) {
          await client.patch(GadgetKind, { namespace: NS, name }, { spec: { size } });
        }
      }),
    );
    await eventually(
      () => KEYS.every((name) => controller.lastSize.get(name) === UPDATES_PER_KEY),
      'every key to be reconciled at its last state',
    );

    expect(controller.maxPerKey).toBe(1);
    expect(controller.maxTotal).toBeGreaterThan(1);
    expect(controller.maxTotal).toBeLessThanOrEqual(4);
    // Updates that arrive while a key is in flight collapse into one more reconcile.
    expect(controller.reconciles).toBeLessThan(KEYS.length * (UPDATES_PER_KEY + 1));
  });
});
