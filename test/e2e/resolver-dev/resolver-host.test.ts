import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1Secret } from '@kubernetes/client-node';
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

  it('binds a postgres claim once its server is ready, with outputs and a Secret, and deletes it with the claim', async () => {
    await dev.claim('shop-db', 'postgres');
    const bound = await eventually(async () => {
      const claim = await getClaim('shop-db');
      return claim?.status?.phase === 'Bound' && claim;
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
