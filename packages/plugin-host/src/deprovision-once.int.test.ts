// A deleted claim is deprovisioned once, however its deletion queues it again, on a real API server; a
// deprovision that fails is retried until it succeeds, and not run after that.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ResourceClaim, ResourceClaimKind } from '@score-orchestrator/api';
import { TestCleanupResolver } from './fixtures/test-cleanup.resolver.js';
import { eventually, sleep, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { createResolverHost } from './resolver-host.js';

describe('deprovisioning a deleted claim', () => {
  let cluster: HostTestCluster;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('deprovision-once');
    await cluster.startHost(createResolverHost([TestCleanupResolver]));
  });
  afterAll(() => cluster?.stop());

  const deprovisions = (name: string) => TestCleanupResolver.deprovisions.get(`${ns}/${name}`) ?? 0;

  /** Creates the claims, waits until they are Bound, deletes them and waits until they are gone. */
  async function deleteBound(names: readonly string[], params: Record<string, unknown> = {}): Promise<void> {
    for (const name of names) {
      await cluster.client.create<ResourceClaim>(ResourceClaimKind, {
        apiVersion: 'score.dev/v1b1',
        kind: 'ResourceClaim',
        metadata: { name, namespace: ns },
        spec: { type: 'test-cleanup', class: 'default', deprovisionPolicy: 'Delete', params },
      });
    }
    const get = (name: string) =>
      cluster.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
    for (const name of names)
      await eventually(async () => (await get(name))?.status?.phase === 'Bound', `${name} Bound`);
    for (const name of names) await cluster.client.delete(ResourceClaimKind, { namespace: ns, name });
    for (const name of names) await eventually(async () => (await get(name)) === undefined, `${name} gone`);
    await sleep(300); // a second deprovision would start at once, from the cached claim
  }

  // The deletion of the owned ConfigMap queued the claim again while it was being deprovisioned.
  it('runs deprovision once per claim, not again from a cached copy of the deleting claim', async () => {
    const names = ['one', 'two', 'three', 'four'];
    await deleteBound(names);
    expect(names.map(deprovisions)).toEqual(names.map(() => 1));
  });

  it('retries a deprovision that throws until it succeeds, then runs it no more', async () => {
    await deleteBound(['flaky'], { deprovisionFailures: 2 });
    expect(deprovisions('flaky')).toBe(3);
  });
});
