// A dev resolver provisioning a claim again with nothing changed sends no request at all: its objects are
// read from the cache and not applied again (applyOwned's managed-fields check), on a real API server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResolverContext } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, SharedCache } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { resolverContextFixture } from '../fixtures/resolver-context.js';
import { requestFixture } from '../fixtures/resource-request.js';
import { backingName } from '../naming/backing-names.js';
import { RedisResolver } from './redis.resolver.js';

let cp: ControlPlane;
let cache: SharedCache;
let ctx: ResolverContext;
/** Every request the resolver's client sent, as `METHOD code`. */
const requests: string[] = [];

beforeAll(async () => {
  cp = await ControlPlane.start();
  const metrics = {
    restClientRequests: {
      inc: (l: { method: string; code: string }) => requests.push(`${l.method} ${l.code}`),
    },
  };
  const client = new KubeClient(cp.kubeConfig, { fieldManager: 'resolver', metrics });
  await client.create(BuiltinKinds.Namespace, { metadata: { name: 'team-a' } });
  cache = new SharedCache({ client });
  for (const kind of [BuiltinKinds.StatefulSet, BuiltinKinds.Service, BuiltinKinds.Secret])
    cache.informerFor(kind);
  cache.start();
  await cache.waitForSync(30_000);
  ctx = resolverContextFixture(client, cache);
}, 120_000);

afterAll(async () => {
  await cache?.stop();
  await cp?.stop();
}, 60_000);

describe('the redis resolver provisioning again', () => {
  it('sends nothing once its objects are cached as it applied them', async () => {
    const resolver = new RedisResolver({ storage: { ephemeral: true } });
    const request = requestFixture('redis');
    const first = await resolver.provision(request, ctx);
    // The three objects (Secret, Service, StatefulSet) applied once each.
    expect(requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(3);
    const written = ['Secret', 'Service', 'StatefulSet'];
    await eventually(
      () =>
        written.every((kind) =>
          cache.get<KubernetesObject>(BuiltinKinds[kind as 'Secret'], {
            namespace: 'team-a',
            name: backingName('redis', request.claimName),
          }),
        ),
      'the cache to hold the three objects',
    );

    requests.length = 0;
    const again = await resolver.provision(request, {
      ...ctx,
      existingSecretOutputs: first.secretOutputs ?? {},
    });
    expect(requests).toEqual([]);
    expect(again.secretOutputs).toEqual(first.secretOutputs);
  });
});
