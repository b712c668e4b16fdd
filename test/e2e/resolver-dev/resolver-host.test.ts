import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1PersistentVolumeClaim, V1Pod, V1Secret, V1StatefulSet } from '@kubernetes/client-node';
import { bindPluginModule, ResourceClaimKind, type ResourceClaim } from '@score-orchestrator/api';
import { createResolverHost } from '@score-orchestrator/plugin-host';
import { BuiltinKinds, createLogger, Manager } from '@score-orchestrator/operator-sdk';
import { plugin, ResolverDevTokens } from '@score-orchestrator/resolver-dev';
import { Container } from 'inversify';
import { eventually, startDevCluster, storageClassName, type DevCluster } from './dev-cluster.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(300_000);

describe('the dev plugin under the resolver host', () => {
  let dev: DevCluster;
  let manager: Manager;

  beforeAll(async () => {
    dev = await startDevCluster(2);
    const container = new Container();
    container.bind(ResolverDevTokens.Settings).toConstantValue({ storage: { storageClassName } });
    bindPluginModule(container, plugin);
    const host = createResolverHost(container);
    host.bind(container);
    manager = Manager.create({
      container,
      kubeConfig: dev.cluster.kubeConfig,
      probePort: false,
      logger: createLogger({ silent: true }),
      shutdownTimeoutMs: 5_000,
    });
    await manager.start();
  });
  afterAll(async () => {
    await manager?.stop();
    await dev?.stop();
  });

  const getClaim = (name: string) =>
    dev.client.get<ResourceClaim>(ResourceClaimKind, { namespace: dev.namespace, name });

  const backingState = async () => {
    const namespace = dev.namespace;
    const [sts, pods, pvcs] = await Promise.all([
      dev.client.get<V1StatefulSet>(BuiltinKinds.StatefulSet, { namespace, name: 'pg-shop-db' }),
      dev.client.list<V1Pod>(BuiltinKinds.Pod, { namespace }),
      dev.client.list<V1PersistentVolumeClaim>(BuiltinKinds.PersistentVolumeClaim, { namespace }),
    ]);
    return JSON.stringify({
      statefulSet: sts?.status,
      pods: pods.items.map((p) => ({
        name: p.metadata?.name,
        node: p.spec?.nodeName,
        status: p.status?.conditions,
      })),
      pvcs: pvcs.items.map((c) => ({ name: c.metadata?.name, phase: c.status?.phase })),
    });
  };

  it('binds a postgres claim once its server is ready, with outputs and a Secret, and deletes it with the claim', async () => {
    await dev.claim('shop-db', 'postgres');
    const bound = await eventually(async () => {
      const claim = await getClaim('shop-db');
      if (claim?.status?.phase === 'Bound') return claim;
      // What the claim last said, so a timeout names the step it stopped at.
      throw new Error(`claim status ${JSON.stringify(claim?.status)}; ${await backingState()}`);
    }, 'claim Bound');
    expect(bound.status?.resolver).toBe('dev-postgres');
    expect(bound.status?.outputs).toEqual({
      host: 'pg-shop-db',
      port: 5432,
      name: 'shop_db',
      database: 'shop_db',
      username: 'shop_db',
    });
    expect(JSON.stringify(bound.status)).not.toMatch(/password"\s*:/);
    const outputs = await dev.client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace: dev.namespace,
      name: bound.status?.secretName ?? '',
    });
    const backing = await dev.client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace: dev.namespace,
      name: 'pg-shop-db',
    });
    expect(outputs?.data?.password).toBeDefined();
    expect(outputs?.data?.password).toBe(backing?.data?.password);

    await dev.client.delete(ResourceClaimKind, { namespace: dev.namespace, name: 'shop-db' });
    await eventually(async () => !(await getClaim('shop-db')), 'claim gone');
    await eventually(
      async () =>
        !(await dev.client.get(BuiltinKinds.StatefulSet, { namespace: dev.namespace, name: 'pg-shop-db' })),
      'backing service gone',
    );
  });
});
