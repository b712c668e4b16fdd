// Controllers survive a broken connection: after an API server restart, and after a partition of the
// manager alone (objects created meanwhile are reconciled once its watches reconnect).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { CuttableProxy } from './fixtures/cuttable-proxy.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  sleep,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';

const RESTART_NS = 'restart';
const PARTITION_NS = 'partition';

/** Mirrors spec.size into status.observedGeneration-stamped status.message. */
class MirrorReconciler implements Reconciler<Gadget> {
  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    await ctx.client.updateStatus<Gadget>(GadgetKind, ctx.key, (current) => {
      current.status = {
        observedGeneration: current.metadata.generation,
        message: `size ${current.spec?.size}`,
      };
    });
  }
}

@Controller({ for: GadgetKind, namespaces: [RESTART_NS], name: 'restart' })
class RestartController extends MirrorReconciler {}

@Controller({ for: GadgetKind, namespaces: [PARTITION_NS], name: 'partition' })
class PartitionController extends MirrorReconciler {}

describe('controllers across a broken API connection', () => {
  let cluster: TestCluster;
  let proxy: CuttableProxy;

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(RESTART_NS);
    await cluster.namespace(PARTITION_NS);
    proxy = await CuttableProxy.start(cluster.cp.server);
    await cluster.startManager([new RestartController()]);
    await cluster.startManager([new PartitionController()], {
      kubeConfig: proxy.kubeConfig(cluster.cp.kubeConfig),
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await cluster?.stop();
  });

  async function converged(namespace: string, name: string, size: number): Promise<Gadget> {
    return eventually(async () => {
      const current = await cluster.client.get<Gadget>(GadgetKind, { namespace, name });
      return current?.status?.message === `size ${size}` ? current : undefined;
    }, `${namespace}/${name} to converge on size ${size}`);
  }

  it('converges on changes made after the API server restarted', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(RESTART_NS, 'before', { size: 1 }));
    await converged(RESTART_NS, 'before', 1);

    await cluster.cp.stopApiServer();
    await sleep(1_000);
    await cluster.cp.startApiServer();

    await client.patch(GadgetKind, { namespace: RESTART_NS, name: 'before' }, { spec: { size: 2 } });
    await client.create(GadgetKind, gadget(RESTART_NS, 'after', { size: 3 }));
    const updated = await converged(RESTART_NS, 'before', 2);
    expect(updated.status?.observedGeneration).toBe(updated.metadata.generation);
    await converged(RESTART_NS, 'after', 3);
  });

  it('reconciles objects created and changed while its watch was broken, once it reconnects', async () => {
    const { client } = cluster;
    await client.create(GadgetKind, gadget(PARTITION_NS, 'old', { size: 1 }));
    await converged(PARTITION_NS, 'old', 1);

    proxy.cut();
    await client.create(GadgetKind, gadget(PARTITION_NS, 'new', { size: 5 }));
    await client.patch(GadgetKind, { namespace: PARTITION_NS, name: 'old' }, { spec: { size: 6 } });
    await sleep(1_500);
    expect(
      (await client.get<Gadget>(GadgetKind, { namespace: PARTITION_NS, name: 'new' }))?.status,
    ).toBeUndefined();

    proxy.restore();
    await converged(PARTITION_NS, 'new', 5);
    await converged(PARTITION_NS, 'old', 6);
  });
});
