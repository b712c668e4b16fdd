// One inversify container, two managers one after the other (a restart after leadership loss, an
// embedding program, a test suite): the second manager's controllers get its live client and cache, not
// the stopped ones of the first.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Container, inject } from 'inversify';
import { objectKeyOf } from '../api/resource-kind.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { KubeClient } from '../client/kube-client.js';
import { Controller } from '../controller/controller.decorator.js';
import { createLogger } from '../logging/logger.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Tokens } from '../tokens.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  metricValue,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';
import type { Manager } from './manager.js';

const NS = 'reused';

/** Reads and writes only through what the container injected, never through `ctx`. */
@Controller({ for: GadgetKind, namespaces: [NS], name: 'injected' })
class InjectedController implements Reconciler<Gadget> {
  static readonly instances: InjectedController[] = [];

  constructor(
    @inject(Tokens.SharedCache) readonly cache: SharedCache,
    @inject(Tokens.KubeClient) readonly client: KubeClient,
  ) {
    InjectedController.instances.push(this);
  }

  async reconcile(obj: Gadget): Promise<void> {
    // A stopped manager's cache throws a Terminal error here: the object would never converge.
    const cached = this.cache.get<Gadget>(GadgetKind, objectKeyOf(obj));
    if (!cached) return;
    await this.client.updateStatus<Gadget>(
      GadgetKind,
      objectKeyOf(cached),
      (current) => {
        current.status = {
          observedGeneration: cached.metadata.generation,
          message: `size ${cached.spec?.size}`,
        };
      },
      { current: cached },
    );
  }
}

@Controller({ for: GadgetKind, namespaces: [NS], name: 'singleton' })
class SingletonController implements Reconciler<Gadget> {
  async reconcile(): Promise<void> {}
}

describe('two managers over one container on a real API server', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** A manager over `container` (the harness binds no controllers: the container has them). */
  function managerOver(container: Container, logger = createLogger({ silent: true })): Manager {
    return cluster.createManager([], { container, logger });
  }

  const statusOf = async (name: string) =>
    (await cluster.client.get<Gadget>(GadgetKind, { namespace: NS, name }))?.status?.message;

  it('converges objects with the second manager’s cache and client', async () => {
    const container = new Container();
    container.bind(Tokens.Controller).to(InjectedController);
    const first = managerOver(container);
    await first.start();
    await cluster.client.create(GadgetKind, gadget(NS, 'before', { size: 1 }));
    await eventually(async () => (await statusOf('before')) === 'size 1', 'the first manager to converge');
    await first.stop();

    const second = managerOver(container);
    await second.start();
    const controller = InjectedController.instances.at(-1)!;
    // Identity, not equality: printing a diff of two caches would drown the failure.
    expect(controller.cache === second.cache).toBe(true);
    expect(controller.client === second.client).toBe(true);
    await cluster.client.patch(GadgetKind, { namespace: NS, name: 'before' }, { spec: { size: 2 } });
    await cluster.client.create(GadgetKind, gadget(NS, 'after', { size: 3 }));
    await eventually(
      async () => (await statusOf('before')) === 'size 2' && (await statusOf('after')) === 'size 3',
      'the second manager to converge both Gadgets',
    );
    expect(
      await metricValue(second, 'controller_runtime_reconcile_errors_total', { controller: 'injected' }),
    ).toBe(0);
    await second.stop();
  });

  it('warns when a singleton controller outlives the manager that ran it', async () => {
    const container = new Container();
    container.bind(Tokens.Controller).to(SingletonController).inSingletonScope();
    const first = managerOver(container);
    await first.start();
    await first.stop();

    const stream = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    const second = managerOver(container, createLogger({ stream }));
    await second.start();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('controller instance already ran under an earlier manager'),
        controller: 'SingletonController',
      }),
    );
    await second.stop();
  });
});
