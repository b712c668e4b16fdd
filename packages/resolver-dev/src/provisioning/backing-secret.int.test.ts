// The backing Secret a dev resolver's cache does not hold (it keeps labelled Secrets only) is created
// create-only instead of read first: no GET when it is absent, someone else's is never written and stops
// the claim before its StatefulSet, the claim's own keeps its credentials. On a real API server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Secret } from '@kubernetes/client-node';
import { managedObjectFilters, type ResolverContext } from '@score-orchestrator/api';
import {
  BuiltinKinds,
  KubeClient,
  ownershipConflictOf,
  SharedCache,
  type CacheLookup,
  type ObjectKey,
  type ResourceKind,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { resolverContextFixture } from '../fixtures/resolver-context.js';
import { requestFixture } from '../fixtures/resource-request.js';
import { backingName } from '../naming/backing-names.js';
import { RedisResolver } from '../resolvers/redis.resolver.js';

const { Secret, Service, StatefulSet } = BuiltinKinds;
let cp: ControlPlane;
let client: KubeClient;
let cache: SharedCache;
let ctx: ResolverContext;
/** Every request the resolver's client sent, as `METHOD code`. */
const requests: string[] = [];
const resolver = new RedisResolver({ storage: { ephemeral: true } });

beforeAll(async () => {
  cp = await ControlPlane.start();
  const metrics = {
    restClientRequests: {
      inc: (l: { method: string; code: string }) => requests.push(`${l.method} ${l.code}`),
    },
  };
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'resolver', metrics });
  await client.create(BuiltinKinds.Namespace, { metadata: { name: 'team-a' } });
  // As the resolver host caches them: Secrets only with a managed-by label of ours, the rest in full.
  // Its own client: the lists and watches are not the resolver's requests.
  const watcher = new KubeClient(cp.kubeConfig, { fieldManager: 'cache' });
  cache = new SharedCache({ client: watcher, byKind: managedObjectFilters() });
  for (const kind of [StatefulSet, Service, Secret]) cache.informerFor(kind);
  cache.start();
  await cache.waitForSync(30_000);
  ctx = resolverContextFixture(client, cache);
  // Discovery once, so the counts below are the objects' requests only.
  for (const kind of [StatefulSet, Service, Secret])
    await client.resolveKind({ apiVersion: kind.apiVersion, kind: kind.kind });
}, 120_000);

afterAll(async () => {
  await cache?.stop();
  await cp?.stop();
}, 60_000);

const keyOf = (claimName: string): ObjectKey => ({
  namespace: 'team-a',
  name: backingName('redis', claimName),
});
const secretOf = (claimName: string) => client.get<V1Secret>(Secret, keyOf(claimName));

/** `ctx` with a cache that has not heard of `key` yet, as its label-filtered informer answers then. */
function lagging(key: ObjectKey): ResolverContext {
  const lookup = <T extends V1Secret>(kind: ResourceKind, at: ObjectKey): CacheLookup<T> =>
    kind.kind === 'Secret' && at.name === key.name
      ? { state: 'unknown', filtered: true }
      : cache.lookup<T>(kind, at);
  const view = new Proxy(cache, {
    get: (target, prop) => (prop === 'lookup' ? lookup : Reflect.get(target, prop, target)),
  });
  return { ...ctx, cache: view };
}

describe('the backing Secret, created create-only', () => {
  it('provisions a new claim without reading its absent Secret', async () => {
    requests.length = 0;
    const result = await resolver.provision(requestFixture('redis', { claimName: 'fresh' }), ctx);
    // Secret, Service, StatefulSet: one create-only apply each, no GET before any of them.
    expect(requests).toEqual(['PATCH 201', 'PATCH 201', 'PATCH 201']);
    const secret = await secretOf('fresh');
    expect(Buffer.from(secret!.data!.password!, 'base64').toString()).toBe(result.secretOutputs?.password);
  });

  it("refuses someone else's unlabelled Secret of that name: nothing written, no StatefulSet", async () => {
    const theirs = await client.create<V1Secret>(Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: keyOf('taken'),
      stringData: { password: 'theirs' },
    });
    const err = await resolver
      .provision(requestFixture('redis', { claimName: 'taken' }), ctx)
      .catch((e: unknown) => e);
    expect(ownershipConflictOf(err)?.message).toMatch(
      /failed to create Secret team-a\/redis-taken: .* not controlled/,
    );
    const after = await secretOf('taken');
    expect(after?.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after?.metadata?.ownerReferences).toBeUndefined();
    expect(await client.get(StatefulSet, keyOf('taken'))).toBeUndefined();
    expect(await client.get(Service, keyOf('taken'))).toBeUndefined();
  });

  it('keeps the credentials of its own Secret whose managed-by label was removed', async () => {
    const request = requestFixture('redis', { claimName: 'relabelled' });
    const first = await resolver.provision(request, ctx);
    await eventually(
      () => cache.lookup(Secret, keyOf('relabelled')).state === 'present',
      'the Secret cached',
    );
    await client.patch(Secret, keyOf('relabelled'), {
      metadata: { labels: { 'app.kubernetes.io/managed-by': null } },
    });
    await eventually(
      () => cache.lookup(Secret, keyOf('relabelled')).state === 'unknown',
      'the Secret dropped',
    );
    requests.length = 0;
    // The claim's outputs are lost too (its Secret deleted): only the backing Secret knows the password.
    const again = await resolver.provision(request, ctx);
    expect(again.secretOutputs?.password).toBe(first.secretOutputs?.password);
    // Refused create, the read that finds it the claim's, then the label put back; nothing else changed.
    expect(requests).toEqual(['PATCH 409', 'GET 200', 'PATCH 200']);
    const secret = await secretOf('relabelled');
    expect(Buffer.from(secret!.data!.password!, 'base64').toString()).toBe(first.secretOutputs?.password);
    expect(secret?.metadata?.labels?.['app.kubernetes.io/managed-by']).toBe(
      'score-orchestrator-resolver-dev',
    );
  });

  it('keeps the credentials of its own Secret the cache has not heard of yet', async () => {
    const request = requestFixture('redis', { claimName: 'behind' });
    const first = await resolver.provision(request, lagging(keyOf('behind')));
    const before = await secretOf('behind');
    requests.length = 0;
    const again = await resolver.provision(request, lagging(keyOf('behind')));
    expect(again.secretOutputs?.password).toBe(first.secretOutputs?.password);
    // Refused create and the read; the Secret as read already holds what would be applied: no write.
    expect(requests.slice(0, 2)).toEqual(['PATCH 409', 'GET 200']);
    const after = await secretOf('behind');
    expect(after?.metadata?.resourceVersion).toBe(before?.metadata?.resourceVersion);
  });
});
