import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1Secret,
  V1StatefulSet,
} from '@kubernetes/client-node';
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

  const backingState = async (statefulSet: string) => {
    const namespace = dev.namespace;
    const [sts, pods, pvcs, nodes] = await Promise.all([
      dev.client.get<V1StatefulSet>(BuiltinKinds.StatefulSet, { namespace, name: statefulSet }),
      dev.client.list<V1Pod>(BuiltinKinds.Pod, { namespace }),
      dev.client.list<V1PersistentVolumeClaim>(BuiltinKinds.PersistentVolumeClaim, { namespace }),
      dev.client.list<V1Node>({ apiVersion: 'v1', kind: 'Node', plural: 'nodes', namespaced: false }),
    ]);
    return JSON.stringify({
      statefulSet: sts?.status,
      nodes: nodes.items.map((n) => ({
        name: n.metadata?.name,
        ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status,
        taints: n.spec?.taints,
      })),
      pods: pods.items.map((p) => ({
        name: p.metadata?.name,
        node: p.spec?.nodeName,
        status: p.status?.conditions,
      })),
      pvcs: pvcs.items.map((c) => ({ name: c.metadata?.name, phase: c.status?.phase })),
    });
  };

  // Once in CI (stop 20) the claim was not Bound within 120 s; 40 local runs, alone and under CPU stress,
  // did not reproduce it. One retry, with the first attempt's error (the state below) printed, so the next
  // occurrence reaches the log with its diagnosis instead of failing the lane. Each attempt claims its own
  // name, as the failed attempt's claim is left behind.
  jest.retryTimes(1, { logErrorsBeforeRetry: true });
  let attempt = 0;

  it('binds a postgres claim once its server is ready, with outputs and a Secret, and deletes it with the claim', async () => {
    attempt += 1;
    const name = attempt === 1 ? 'shop-db' : `shop-db-${attempt}`;
    const backingName = `pg-${name}`;
    const database = name.replaceAll('-', '_');
    await dev.claim(name, 'postgres');
    const bound = await eventually(async () => {
      const claim = await getClaim(name);
      if (claim?.status?.phase === 'Bound') return claim;
      // What the claim last said, so a timeout names the step it stopped at.
      throw new Error(`claim status ${JSON.stringify(claim?.status)}; ${await backingState(backingName)}`);
    }, 'claim Bound');
    expect(bound.status?.resolver).toBe('dev-postgres');
    expect(bound.status?.outputs).toEqual({
      host: backingName,
      port: 5432,
      name: database,
      database,
      username: database,
    });
    expect(JSON.stringify(bound.status)).not.toMatch(/password"\s*:/);
    const outputs = await dev.client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace: dev.namespace,
      name: bound.status?.secretName ?? '',
    });
    const backing = await dev.client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace: dev.namespace,
      name: backingName,
    });
    expect(outputs?.data?.password).toBeDefined();
    expect(outputs?.data?.password).toBe(backing?.data?.password);

    await dev.client.delete(ResourceClaimKind, { namespace: dev.namespace, name });
    await eventually(async () => !(await getClaim(name)), 'claim gone');
    await eventually(
      async () =>
        !(await dev.client.get(BuiltinKinds.StatefulSet, { namespace: dev.namespace, name: backingName })),
      'backing service gone',
    );
  });
});
