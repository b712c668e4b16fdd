// A platform config edit must not change the fate of existing data: the resolver host latches a claim's
// deprovision policy when it first provisions it, on a real API server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { type ResourceClaim, ResourceClaimKind, type DeprovisionPolicy } from '@score-orchestrator/api';
import { configMapName, TestConfigResolver } from './fixtures/test-config.resolver.js';
import { eventually, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { createResolverHost } from './resolver-host.js';

type Event = KubernetesObject & {
  type?: string;
  reason?: string;
  note?: string;
  regarding?: { name?: string };
};
const EventKind = { apiVersion: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true };

describe('the deprovision policy of a provisioned claim', () => {
  let cluster: HostTestCluster;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('latch');
    await cluster.startHost(createResolverHost([TestConfigResolver]));
  });
  afterAll(() => cluster?.stop());

  const getClaim = (name: string) =>
    cluster.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
  const configMap = (claim: string) =>
    cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: ns, name: configMapName(claim) });
  /** What the orchestrator does to an existing claim when the platform config's rule changes. */
  const configSays = (name: string, policy: DeprovisionPolicy) =>
    cluster.client.patch(ResourceClaimKind, { namespace: ns, name }, { spec: { deprovisionPolicy: policy } });

  async function provisioned(name: string, policy: DeprovisionPolicy): Promise<ResourceClaim> {
    await cluster.client.create<ResourceClaim>(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: { name, namespace: ns },
      spec: { type: 'test-config', class: 'default', deprovisionPolicy: policy },
    });
    await eventually(() => configMap(name), 'the backing ConfigMap');
    return eventually(async () => {
      const claim = await getClaim(name);
      return claim?.status?.deprovisionPolicy === policy && claim;
    }, `status.deprovisionPolicy ${policy}`);
  }

  it('stays Retain when the config later says Delete: a Warning Event says so, and deletion keeps the data', async () => {
    await provisioned('kept', 'Retain');
    await configSays('kept', 'Delete');
    const warning = await eventually(async () => {
      const { items } = await cluster.client.list<Event>(EventKind, { namespace: ns });
      return items.find((e) => e.reason === 'DeprovisionPolicyKept' && e.regarding?.name === 'kept');
    }, 'a DeprovisionPolicyKept Event');
    expect(warning.type).toBe('Warning');
    expect(warning.note).toContain('keeping deprovisionPolicy Retain');
    expect(warning.note).toContain('now says Delete');
    await eventually(
      async () => (await getClaim('kept'))?.status?.observedGeneration === 2,
      'the spec change observed',
    );
    expect((await getClaim('kept'))?.status?.deprovisionPolicy).toBe('Retain');

    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name: 'kept' });
    await eventually(async () => (await getClaim('kept')) === undefined, 'claim gone');
    const kept = await configMap('kept');
    expect(kept).toBeDefined();
    expect(kept?.metadata?.ownerReferences).toBeUndefined();
  });

  it("takes the config's policy only after the documented action (removing status.deprovisionPolicy)", async () => {
    await provisioned('relatched', 'Retain');
    await configSays('relatched', 'Delete');
    await cluster.client.patch(
      ResourceClaimKind,
      { namespace: ns, name: 'relatched' },
      [{ op: 'remove', path: '/status/deprovisionPolicy' }],
      { type: 'json', subresource: 'status' },
    );
    await eventually(
      async () => (await getClaim('relatched'))?.status?.deprovisionPolicy === 'Delete',
      'status.deprovisionPolicy latched again as Delete',
    );
    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name: 'relatched' });
    await eventually(async () => (await getClaim('relatched')) === undefined, 'claim gone');
    expect(await configMap('relatched')).toBeUndefined();
  });
});
