// After a restart the runtime has no memory of what it applied: what the cache shows (the fields its field
// manager owns) must be enough to know that a plan's objects are already as desired, with no request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Deployment } from '@kubernetes/client-node';
import { BuiltinKinds, SharedCache } from '@score-orchestrator/operator-sdk';
import { fullPlan } from '../mapping/fixtures/plan-fixtures.js';
import type { PlanObject } from '../mapping/plan-object.js';
import { startRuntimeTestbed, type RuntimeTestbed } from './fixtures/runtime-testbed.js';
import { KubernetesRuntime } from './kubernetes.runtime.js';
import { OwnedKinds } from './owned-objects.js';

let testbed: RuntimeTestbed;
let plan: PlanObject;
/** Every request the client sent, as `METHOD` (rest_client_requests_total as a list). */
const requests: string[] = [];
const caches: SharedCache[] = [];

beforeAll(async () => {
  const metrics = { restClientRequests: { inc: (l: { method: string }) => requests.push(l.method) } };
  testbed = await startRuntimeTestbed('apps', metrics);
  const { client } = testbed;
  for (const name of ['shop-db', 'shop-tls']) {
    await client.create(BuiltinKinds.Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace: 'apps', name },
      stringData: { password: 'p', 'tls.key': 'k' },
    });
  }
  const { uid: _uid, generation: _generation, ...metadata } = fullPlan().metadata ?? {};
  plan = await client.apply<PlanObject>({ ...fullPlan(), metadata } as PlanObject, { force: true });
}, 120_000);

afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.stop()));
  await testbed?.stop();
}, 60_000);

/** A process's view: a fresh cache (listed from the API server) and a fresh runtime (nothing remembered). */
async function restart(): Promise<{ runtime: KubernetesRuntime; cache: SharedCache }> {
  const cache = new SharedCache({ client: testbed.client });
  caches.push(cache);
  for (const kind of [...OwnedKinds, BuiltinKinds.Pod]) cache.informerFor(kind);
  cache.start();
  await cache.waitForSync(30_000);
  return { runtime: new KubernetesRuntime(), cache };
}

/** The writes (anything but GET) one `apply` sends. */
async function writesOf({ runtime, cache }: { runtime: KubernetesRuntime; cache: SharedCache }) {
  requests.length = 0;
  await runtime.apply(plan, { ...testbed.ctx, cache });
  return requests.filter((method) => method !== 'GET');
}

async function untilCached(cache: SharedCache, resourceVersion: string): Promise<void> {
  const key = { namespace: 'apps', name: 'shop' };
  for (let i = 0; i < 400; i++) {
    if (cache.get(BuiltinKinds.Deployment, key)?.metadata?.resourceVersion === resourceVersion) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`cache never saw Deployment apps/shop at ${resourceVersion}`);
}

describe('a restarted runtime over objects already as desired', () => {
  it('applies nothing, and still puts back a hand edit made while it was down', async () => {
    const created = await writesOf({ runtime: new KubernetesRuntime(), cache: testbed.cache });
    expect(created.filter((m) => m === 'PATCH').length).toBeGreaterThanOrEqual(3);

    expect(await writesOf(await restart())).toEqual([]);

    // Edited while no runtime ran: another manager now owns the image; the next start restores it.
    await testbed.client.patch(
      BuiltinKinds.Deployment,
      { namespace: 'apps', name: 'shop' },
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'attacker/web:1' }] } } } },
      { type: 'strategic', fieldManager: 'kubectl-edit' },
    );
    const again = await restart();
    expect(await writesOf(again)).toEqual(['PATCH']);
    const restored = await testbed.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: 'apps',
      name: 'shop',
    });
    expect(restored?.spec?.template.spec?.containers.find((c) => c.name === 'web')?.image).toBe(
      'registry.example.com/shop/web:2.1.0',
    );
    await untilCached(again.cache, restored!.metadata!.resourceVersion!);
    expect(await writesOf(again)).toEqual([]);
  });
});
