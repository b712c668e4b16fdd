// /readyz tells when the manager is cut off from the API server: it fails, naming the kinds and for how
// long, once watches stay disconnected past the threshold, and passes again once they reconnect.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import { eventually, startTestCluster, type TestCluster } from './fixtures/integration-harness.js';
import type { Manager } from './manager.js';

const NS = 'unplugged';

@Controller({ for: GadgetKind, namespaces: [NS], name: 'unplugged' })
class IdleController implements Reconciler<Gadget> {
  async reconcile(): Promise<void> {}
}

async function readyz(manager: Manager): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${manager.probeAddress!.port}/readyz`);
  return { status: res.status, body: await res.text() };
}

describe('/readyz while the API server is down', () => {
  let cluster: TestCluster;
  let manager: Manager;

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    manager = await cluster.startManager([new IdleController()], {
      probePort: 0,
      probeHost: '127.0.0.1',
      watchDisconnectThresholdMs: 2_000,
    });
  });

  afterAll(async () => cluster?.stop());

  it('fails with the reason after the threshold, and passes again once the watches reconnect', async () => {
    expect(await readyz(manager)).toEqual({ status: 200, body: 'ok' });
    // The watches break as soon as the API server begins to stop, before stopApiServer() returns.
    const stoppedAt = Date.now();
    await cluster.cp.stopApiServer();
    try {
      const unready = await eventually(async () => {
        const answer = await readyz(manager);
        return answer.status === 500 ? answer : undefined;
      }, '/readyz to fail');
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(2_000);
      expect(unready.body).toMatch(
        /\[-\]informers failed: watches disconnected for \d+s: Gadget\.controllers\.test\.dev in unplugged/,
      );
      expect(unready.body).toContain('readyz check failed');
    } finally {
      await cluster.cp.startApiServer();
    }
    await eventually(
      async () => ((await readyz(manager)).status === 200 ? true : undefined),
      '/readyz to pass again',
    );
  });
});
