import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  KubernetesObject,
  V1Ingress,
  V1PersistentVolumeClaim,
  V1Secret,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ResourceRequest } from '@score-orchestrator/api';
import { ResourceClaimKind } from '@score-orchestrator/api';
import { BuiltinKinds, isOwnedBy, type ResourceKind } from '@score-orchestrator/operator-sdk';
import {
  defaultDevResolverSettings,
  DnsResolver,
  PostgresResolver,
  RedisResolver,
  RouteResolver,
  ServicePortResolver,
  VolumeResolver,
} from '@score-orchestrator/resolver-dev';
import { eventually, startDevCluster, storageClassName, type DevCluster } from './dev-cluster.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(300_000);

const PVC: ResourceKind = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  namespaced: true,
};
const Ingress: ResourceKind = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  plural: 'ingresses',
  namespaced: true,
};

describe('dev resolvers on a LocalCluster', () => {
  let dev: DevCluster;
  const settings = { storage: { storageClassName } };

  beforeAll(async () => {
    dev = await startDevCluster(6);
  });
  afterAll(() => dev?.stop());

  const get = <T extends KubernetesObject>(kind: ResourceKind, name: string) =>
    dev.client.get<T>(kind, { namespace: dev.namespace, name });
  const pvcsOf = async (instance: string) =>
    (
      await dev.client.list<V1PersistentVolumeClaim>(PVC, {
        namespace: dev.namespace,
        labelSelector: `app.kubernetes.io/instance=${instance}`,
      })
    ).items;

  /** Calls provision until ready, returning the first and the ready result. */
  async function provisionUntilReady(resolver: PostgresResolver | RedisResolver, request: ResourceRequest) {
    const first = await resolver.provision(request, dev.context());
    const ready = await eventually(async () => {
      const result = await resolver.provision(request, dev.context(first.secretOutputs));
      return result.ready && result;
    }, `${request.type} ready`);
    return { first, ready };
  }

  it('postgres binds only once its pod is ready, keeps its password, and Delete removes everything', async () => {
    const resolver = new PostgresResolver(settings);
    const request = await dev.claim('web-db', 'postgres');
    const { first, ready } = await provisionUntilReady(resolver, request);

    expect(first.ready).toBe(false);
    expect(first.message).toMatch(/^postgres is starting: 0 of 1 instances ready$/);
    // Looked at again while starting, even should the StatefulSet's event be missed; not once ready.
    expect(first.requeueAfterMs).toBe(defaultDevResolverSettings.pollIntervalMs);
    expect(ready.requeueAfterMs).toBeUndefined();
    expect(ready.outputs).toEqual({
      host: 'pg-web-db',
      port: 5432,
      name: 'web_db',
      database: 'web_db',
      username: 'web_db',
    });
    const statefulSet = await get<V1StatefulSet>(BuiltinKinds.StatefulSet, 'pg-web-db');
    expect(statefulSet?.status?.readyReplicas).toBe(1);
    expect(statefulSet && isOwnedBy(statefulSet, request.claim)).toBe(true);
    expect((await pvcsOf('pg-web-db')).map((p) => p.status?.phase)).toEqual(['Bound']);

    // The password is a secret output, read by the server from the backing Secret, in no spec.
    const password = first.secretOutputs?.password ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(JSON.stringify(statefulSet)).not.toContain(password);
    const backing = await get<V1Secret>(BuiltinKinds.Secret, 'pg-web-db');
    expect(Buffer.from(backing?.data?.password ?? '', 'base64').toString()).toBe(password);

    // Stable: with the claim's Secret, and without it (read back from the backing Secret).
    expect(ready.secretOutputs).toEqual({ password });
    const again = await resolver.provision(request, dev.context({ password }));
    const withoutClaimSecret = await resolver.provision(request, dev.context());
    expect(again.secretOutputs).toEqual({ password });
    expect(withoutClaimSecret.secretOutputs).toEqual({ password });
    expect(again.ready && withoutClaimSecret.ready).toBe(true);

    await resolver.deprovision(request, dev.context({ password }));
    await eventually(async () => !(await get(BuiltinKinds.StatefulSet, 'pg-web-db')), 'StatefulSet deleted');
    expect(await get(BuiltinKinds.Service, 'pg-web-db')).toBeUndefined();
    expect(await get(BuiltinKinds.Secret, 'pg-web-db')).toBeUndefined();
    await eventually(async () => (await pvcsOf('pg-web-db')).length === 0, 'data volume deleted');
  });

  it('redis binds once ready, and Retain keeps its objects without owner references when the claim goes', async () => {
    const resolver = new RedisResolver(settings);
    const request = await dev.claim('web-cache', 'redis', {}, 'Retain');
    const { first, ready } = await provisionUntilReady(resolver, request);

    expect(first.ready).toBe(false);
    expect(ready.outputs).toEqual({ host: 'redis-web-cache', port: 6379, username: 'default' });
    expect(Object.keys(ready.secretOutputs ?? {})).toEqual(['password']);

    await resolver.deprovision(request, dev.context(ready.secretOutputs));
    await dev.client.delete(ResourceClaimKind, { namespace: dev.namespace, name: 'web-cache' });
    await eventually(async () => !(await get(ResourceClaimKind, 'web-cache')), 'claim deleted');
    // Give the garbage collector time to act on anything still owned.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    for (const kind of [BuiltinKinds.StatefulSet, BuiltinKinds.Service, BuiltinKinds.Secret]) {
      const obj = await get(kind, 'redis-web-cache');
      expect(obj).toBeDefined();
      expect(obj?.metadata?.ownerReferences ?? []).toEqual([]);
    }
    const statefulSet = await get<V1StatefulSet>(BuiltinKinds.StatefulSet, 'redis-web-cache');
    expect(statefulSet?.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted).toBe('Retain');
    expect(await pvcsOf('redis-web-cache')).toHaveLength(1);

    // A claim of the same name adopts the retained service again, with the same password.
    const reclaimed = await dev.claim('web-cache', 'redis', {}, 'Delete');
    const result = await resolver.provision(reclaimed, dev.context());
    expect(result.secretOutputs).toEqual(ready.secretOutputs);
    const adopted = await get(BuiltinKinds.StatefulSet, 'redis-web-cache');
    expect(adopted && isOwnedBy(adopted, reclaimed.claim)).toBe(true);
  });

  it('route makes an Ingress with the host when HTTPRoute is not served', async () => {
    const request = await dev.claim('web-route', 'route', {
      host: 'web.example.test',
      path: '/api',
      port: 8080,
      workload: 'web',
    });
    const result = await new RouteResolver().provision(request, dev.context());
    expect(result).toMatchObject({ ready: true, outputs: { host: 'web.example.test', path: '/api' } });
    const ingress = await get<V1Ingress>(Ingress, 'route-web-route');
    expect(ingress?.spec?.rules?.[0]).toEqual({
      host: 'web.example.test',
      http: {
        paths: [
          { path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } },
        ],
      },
    });
    expect(ingress && isOwnedBy(ingress, request.claim)).toBe(true);
  });

  it("service-port reads another workload's Service, and waits while it is missing", async () => {
    const resolver = new ServicePortResolver({ pollIntervalMs: 1_000 });
    const request = await dev.claim('web-api', 'service-port', { workload: 'api', port: 'http' });
    const waiting = await resolver.provision(request, dev.context());
    expect(waiting).toEqual({
      ready: false,
      message: 'waiting for workload api to have a service',
      requeueAfterMs: 1_000,
    });

    await dev.client.create(BuiltinKinds.Service, {
      metadata: { name: 'api', namespace: dev.namespace },
      spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 8080, targetPort: 3000 }] },
    });
    const result = await resolver.provision(request, dev.context());
    expect(result).toEqual({ ready: true, outputs: { hostname: 'api', port: 8080 } });
  });

  it('volume makes an owned PVC, dns a stable hostname', async () => {
    const volumeRequest = await dev.claim('web-data', 'volume');
    const volume = await new VolumeResolver(settings).provision(volumeRequest, dev.context());
    expect(volume.ready).toBe(true);
    expect(volume.outputs).toEqual({
      source: { persistentVolumeClaim: { claimName: 'vol-web-data' } },
      claimName: 'vol-web-data',
    });
    const pvc = await get<V1PersistentVolumeClaim>(PVC, 'vol-web-data');
    expect(pvc && isOwnedBy(pvc, volumeRequest.claim)).toBe(true);

    const dnsRequest = await dev.claim('web-dns', 'dns');
    const dns = new DnsResolver({ domain: 'dev.example.test' });
    const host = (await dns.provision(dnsRequest, dev.context())).outputs?.host;
    expect(host).toMatch(/^dns[0-9a-f]{6}\.dev\.example\.test$/);
    expect((await dns.provision(dnsRequest, dev.context())).outputs?.host).toBe(host);
  });
});
