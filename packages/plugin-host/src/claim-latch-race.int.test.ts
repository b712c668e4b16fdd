// A reconcile that starts from a cached claim older than the host's own first status write (the one that
// latches the resolver and policy) must still write its outcome: claims were left "starting" behind ready
// backing services when that write was taken for a re-selection made meanwhile and dropped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds, setControllerReference } from '@score-orchestrator/operator-sdk';
import {
  Resolver,
  ResourceClaimKind,
  type ProvisionResult,
  type ResolverContext,
  type ResourceClaim,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { eventually, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { createResolverHost } from './resolver-host.js';

/**
 * Not ready on a claim's first provision, ready on every later one. The first creates an owned ConfigMap
 * and waits until the host's cache holds it, so its event has queued a second reconcile of the claim while
 * the first is in flight: the second starts as soon as the first ends, from a cached claim that does not
 * show the first one's status write yet.
 */
@Resolver({ name: 'test-second-look', type: 'test-second-look', owns: [BuiltinKinds.ConfigMap] })
class SecondLookResolver implements Resolver {
  static readonly provisions = new Map<string, number>();

  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const calls = (SecondLookResolver.provisions.get(request.claimName) ?? 0) + 1;
    SecondLookResolver.provisions.set(request.claimName, calls);
    if (calls > 1) return { ready: true, outputs: {}, message: 'ready' };
    const key = { namespace: request.namespace, name: `${request.claimName}-look` };
    const configMap: V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: key };
    await ctx.client.apply(setControllerReference(request.claim, configMap));
    await eventually(() => ctx.cache.get(BuiltinKinds.ConfigMap, key), 'ConfigMap cached', 10_000);
    return { ready: false, outputs: {}, message: 'starting' };
  }
}

describe('resolver host: a reconcile from a claim copy older than its first status write', () => {
  let cluster: HostTestCluster;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('latch-race');
    await cluster.startHost(createResolverHost([SecondLookResolver]));
  });
  afterAll(() => cluster?.stop());

  it('binds the claim when that reconcile finds the resource ready', async () => {
    // Many claims: whether the second reconcile's copy is older than the first one's status write is a race
    // (between the write's response and its watch event), lost by about one claim in three.
    const names = Array.from({ length: 16 }, (_, i) => `claim-${i}`);
    for (const name of names) {
      await cluster.client.create<ResourceClaim>(ResourceClaimKind, {
        apiVersion: 'score.dev/v1b1',
        kind: 'ResourceClaim',
        metadata: { name, namespace: ns },
        spec: { type: 'test-second-look', class: 'default', deprovisionPolicy: 'Delete' },
      });
    }
    await eventually(
      () => names.every((name) => (SecondLookResolver.provisions.get(name) ?? 0) >= 2),
      'second provisions',
    );
    // Nothing else happens to these claims: each one's last reconcile found it ready, so it is Bound soon
    // after, or never.
    const states = async () => {
      const claims = await Promise.all(
        names.map((name) => cluster.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name })),
      );
      return claims.map(
        (claim) => `${claim?.metadata.name}: ${claim?.status?.phase} (${claim?.status?.message})`,
      );
    };
    const bound = names.map((name) => `${name}: Bound (ready)`);
    await eventually(
      async () => JSON.stringify(await states()) === JSON.stringify(bound),
      'claims Bound',
      10_000,
    ).catch(
      () => undefined, // the assertion below names the claims left behind
    );
    expect(await states()).toEqual(bound);
  });
});
