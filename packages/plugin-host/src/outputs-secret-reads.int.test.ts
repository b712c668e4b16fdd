// The resolver host reads a claim's outputs Secret from its cache once it holds it, and does not read it
// again before writing it: counted with the host's own request metrics on a real API server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BuiltinKinds, type Manager } from '@score-orchestrator/operator-sdk';
import {
  Resolver,
  ResourceClaimKind,
  type ProvisionResult,
  type ResolverContext,
  type ResourceClaim,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { eventually, sleep, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { createResolverHost } from './resolver-host.js';

/** Owns Secrets, so the host keeps a Secret informer (as it does for the dev resolvers). */
@Resolver({ name: 'test-token', type: 'test-token', owns: [BuiltinKinds.Secret] })
class TestTokenResolver implements Resolver {
  static provisions = 0;

  async provision(_request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    TestTokenResolver.provisions++;
    const token = ctx.existingSecretOutputs.token ?? randomBytes(8).toString('hex');
    return { ready: true, outputs: {}, secretOutputs: { token } };
  }
}

describe('outputs Secret reads of the resolver host', () => {
  let cluster: HostTestCluster;
  let manager: Manager;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('outputs');
    manager = await cluster.startHost(createResolverHost([TestTokenResolver]));
  });
  afterAll(() => cluster?.stop());

  /** The GETs the host's client has sent so far (`rest_client_requests_total`), those answered `code` if given. */
  const gets = async (code?: string) => {
    const metric = await manager.metrics.registry.getSingleMetric('rest_client_requests_total')!.get();
    return metric.values
      .filter((v) => v.labels.method === 'GET' && (code === undefined || v.labels.code === code))
      .reduce((sum, v) => sum + v.value, 0);
  };
  const claim = () => cluster.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'tok' });

  it('reads a missing Secret once and writes it without reading it again; later reconciles read the cache', async () => {
    const before = await gets('404');
    await cluster.client.create<ResourceClaim>(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: { name: 'tok', namespace: ns },
      spec: { type: 'test-token', class: 'default', deprovisionPolicy: 'Delete' },
    });
    const bound = await eventually(async () => {
      const current = await claim();
      return current?.status?.phase === 'Bound' && current;
    }, 'claim Bound');
    expect(bound.status?.secretOutputKeys).toEqual(['token']);
    await sleep(500); // any reconcile the Secret's creation queued has run
    // One GET finds the Secret absent, before the first write (not a second one inside the write). (The
    // claim's own GETs answer 200: a status write from a cached copy the write before outdated re-reads.)
    expect((await gets('404')) - before).toBe(1);

    const secret = await cluster.client.get(BuiltinKinds.Secret, { namespace: ns, name: 'tok-outputs' });
    const provisions = TestTokenResolver.provisions;
    const afterFirst = await gets();
    // A metadata change reconciles the claim again.
    await cluster.client.patch(
      ResourceClaimKind,
      { namespace: ns, name: 'tok' },
      { metadata: { labels: { again: '1' } } },
    );
    await eventually(() => TestTokenResolver.provisions > provisions, 'a second provision');
    await sleep(300);
    expect((await gets()) - afterFirst).toBe(0);
    const after = await cluster.client.get(BuiltinKinds.Secret, { namespace: ns, name: 'tok-outputs' });
    // The token came from the cached Secret: unchanged, and the Secret was not written again.
    expect(after?.metadata?.resourceVersion).toBe(secret?.metadata?.resourceVersion);
  });
});
