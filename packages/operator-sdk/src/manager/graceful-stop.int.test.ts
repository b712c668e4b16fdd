// Manager.stop: in-flight reconciles may finish within shutdownTimeoutMs, are aborted through ctx.signal
// past it (so are the finalizer patches the SDK sends for them), and nothing starts afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { CuttableProxy } from './fixtures/cuttable-proxy.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  metricValue,
  ReconcileRecorder,
  sleep,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

/**
 * Each reconcile takes `durationMs`, or until {@link finishNow}, or until its signal aborts when it honours
 * the signal.
 */
class SlowReconciler implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  readonly finished: string[] = [];
  readonly aborted: { name: string; reason: unknown }[] = [];
  private readonly inFlight: (() => void)[] = [];

  constructor(private readonly durationMs: number) {}

  /** Ends the reconciles in flight as if their work were done. */
  finishNow(): void {
    for (const finish of this.inFlight.splice(0)) finish();
  }

  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    this.seen.record(obj);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.durationMs);
      this.inFlight.push(() => {
        clearTimeout(timer);
        resolve();
      });
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        this.aborted.push({ name: obj.metadata.name!, reason: ctx.signal.reason });
        resolve();
      });
    });
    if (!ctx.signal.aborted) this.finished.push(obj.metadata.name!);
  }
}

/** A slow controller watching one namespace (decorated per test, so each gets its own). */
function slowController(namespace: string, durationMs: number): SlowReconciler {
  @Controller({ for: GadgetKind, namespaces: [namespace], name: `slow-${namespace}` })
  class Slow extends SlowReconciler {}
  return new Slow(durationMs);
}

const FINALIZER = 'graceful.test.dev/cleanup';

/** Finalizes by stalling its own connection to the API server, so the SDK's finalizer removal hangs. */
@Controller({ for: GadgetKind, namespaces: ['hung'], name: 'hung', finalizer: FINALIZER })
class StallingFinalizer implements Reconciler<Gadget> {
  readonly finalized = new ReconcileRecorder();

  constructor(private readonly proxy: CuttableProxy) {}

  async reconcile(): Promise<void> {}

  async finalize(obj: Gadget): Promise<void> {
    this.finalized.record(obj);
    this.proxy.stall();
  }
}

describe('graceful stop of a manager on a real API server', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startTestCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('waits for an in-flight reconcile to finish within shutdownTimeoutMs', async () => {
    const ns = await cluster.namespace('drain');
    // The reconcile ends when the test says so: one that ended after a fixed time could end, on a loaded
    // machine, before stop() is even called, and prove nothing.
    const controller = slowController(ns, 60_000);
    const manager = await cluster.startManager([controller], { shutdownTimeoutMs: 30_000 });
    await cluster.client.create(GadgetKind, gadget(ns, 'slow'));
    await eventually(() => controller.seen.count(ns, 'slow') === 1, 'the reconcile to start');

    let stopped = false;
    const stopping = manager.stop().then(() => (stopped = true));
    await sleep(500);
    expect(stopped).toBe(false); // a negative check: still waiting for the reconcile
    controller.finishNow();
    await stopping;
    expect(controller.finished).toEqual(['slow']);
    expect(controller.aborted).toEqual([]);
  });

  it('aborts ctx.signal of a reconcile that overruns shutdownTimeoutMs', async () => {
    const ns = await cluster.namespace('overrun');
    const controller = slowController(ns, 60_000);
    const manager = await cluster.startManager([controller], { shutdownTimeoutMs: 400 });
    await cluster.client.create(GadgetKind, gadget(ns, 'stuck'));
    await eventually(() => controller.seen.count(ns, 'stuck') === 1, 'the reconcile to start');

    const stopping = Date.now();
    await manager.stop();
    const took = Date.now() - stopping;
    expect(controller.aborted).toEqual([{ name: 'stuck', reason: expect.any(Error) }]);
    expect(controller.finished).toEqual([]);
    expect(took).toBeGreaterThanOrEqual(390);
    // The reconcile would take 60 s: well below that, with room for a loaded machine.
    expect(took).toBeLessThan(15_000);
  });

  it('cuts off the finalizer removal of an overrunning reconcile instead of waiting for its timeout', async () => {
    const ns = await cluster.namespace('hung');
    const proxy = await CuttableProxy.start(cluster.cp.server);
    const controller = new StallingFinalizer(proxy);
    const manager = await cluster.startManager([controller], {
      kubeConfig: proxy.kubeConfig(cluster.cp.kubeConfig),
      shutdownTimeoutMs: 300,
    });
    const key = { namespace: ns, name: 'hung' };
    await cluster.client.create(GadgetKind, gadget(ns, 'hung'));
    await eventually(
      async () =>
        (await cluster.client.get<Gadget>(GadgetKind, key))?.metadata.finalizers?.includes(FINALIZER),
      'the finalizer to be added',
    );
    await cluster.client.delete(GadgetKind, key);
    await eventually(() => controller.finalized.count(ns, 'hung') === 1, 'finalize to run');

    const stopping = Date.now();
    await manager.stop();
    const took = Date.now() - stopping;
    await proxy.stop();
    // The request's own deadline is 30 s: only the aborted ctx.signal ends it this soon (half of it leaves
    // room for a loaded machine).
    expect(took).toBeLessThan(15_000);
    expect(
      await metricValue(manager, 'controller_runtime_reconcile_errors_total', { controller: 'hung' }),
    ).toBe(1);
    expect((await cluster.client.get<Gadget>(GadgetKind, key))?.metadata.finalizers).toEqual([FINALIZER]);
  });

  it('starts no reconcile after stop, neither for queued keys nor for new events', async () => {
    const ns = await cluster.namespace('after');
    const controller = slowController(ns, 600);
    const manager = await cluster.startManager([controller]);
    await cluster.client.create(GadgetKind, gadget(ns, 'first'));
    await eventually(() => controller.seen.count(ns, 'first') === 1, 'the first reconcile');
    // With one worker busy, this key waits in the queue when stop() is called.
    await cluster.client.create(GadgetKind, gadget(ns, 'queued'));
    await sleep(100);

    await manager.stop();
    await cluster.client.create(GadgetKind, gadget(ns, 'late'));
    await cluster.client.patch(GadgetKind, { namespace: ns, name: 'first' }, { spec: { size: 2 } });
    await sleep(800);
    expect(controller.seen.calls.map((call) => call.key)).toEqual([`${ns}/first`]);
    expect(controller.finished).toEqual(['first']);
  });
});
