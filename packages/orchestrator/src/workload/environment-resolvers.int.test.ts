// Resolver rules matched by namespace labels, on a real API server with the real resolver host: each
// namespace's claims go to its environment's resolver, the selected rule is in the claim's status, and a
// namespace relabelled into another environment does not move a provisioned claim (a Warning Event says so,
// and removing status.resolver is the documented way to move it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Resolver,
  ResourceClaimKind,
  WorkloadKind,
  type ProvisionResult,
  type ResourceClaim,
} from '@score-orchestrator/api';
import { BuiltinKinds, createLogger, KubeClient, type Manager } from '@score-orchestrator/operator-sdk';
import type { ControlPlane } from '@score-orchestrator/testing';
import { createOrchestrator } from '../orchestrator.js';
import { eventsIn, eventually, startScoreControlPlane, workload } from './fixtures/orchestrator-harness.js';

@Resolver({ name: 'env-dev', type: 'env-db' })
class DevDatabase implements Resolver {
  async provision(): Promise<ProvisionResult> {
    return { ready: true, outputs: { where: 'dev' } };
  }
}

@Resolver({ name: 'env-prod', type: 'env-db' })
class ProdDatabase implements Resolver {
  async provision(): Promise<ProvisionResult> {
    return { ready: true, outputs: { where: 'prod' } };
  }
}

const config = `apiVersion: score.dev/v1b1
kind: PlatformConfig
resolvers:
  - name: dev-db
    type: env-db
    namespaceSelector: { matchLabels: { environment: dev } }
    resolver: env-dev
  - name: prod-db
    type: env-db
    namespaceSelector:
      matchExpressions: [ { key: environment, operator: In, values: [prod, staging] } ]
    resolver: env-prod
    deprovisionPolicy: Retain
`;

/** A control plane with the Score CRDs and an orchestrator with the two resolvers and `config`. */
async function startEnvironments(
  watchNamespaces?: readonly string[],
  namespaces: Record<string, string> = {},
): Promise<{ cp: ControlPlane; client: KubeClient; manager: Manager }> {
  const cp = await startScoreControlPlane();
  const client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
  for (const [name, environment] of Object.entries(namespaces)) {
    await client.create(BuiltinKinds.Namespace, { metadata: { name, labels: { environment } } });
  }
  const manager = await createOrchestrator({
    kubeConfig: cp.kubeConfig,
    config,
    plugins: [{ name: 'environments', resolvers: [DevDatabase, ProdDatabase] }],
    probePort: false,
    leaderElection: false,
    logger: createLogger({ silent: true }),
    ...(watchNamespaces ? { watchNamespaces } : {}),
  });
  await manager.start();
  return { cp, client, manager };
}

describe('resolvers matched by namespace labels', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let manager: Manager;

  beforeAll(async () => {
    ({ cp, client, manager } = await startEnvironments());
  });
  afterAll(async () => {
    await manager?.stop();
    await cp?.stop();
  });

  const namespace = async (name: string, environment: string) => {
    await client.create(BuiltinKinds.Namespace, { metadata: { name, labels: { environment } } });
    return name;
  };
  const withDatabase = (ns: string, name: string) =>
    client.create(WorkloadKind, workload(ns, name, { resources: { db: { type: 'env-db' } } }));
  const claim = (ns: string, name: string) =>
    client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
  const claimWhen = (ns: string, name: string, ok: (claim: ResourceClaim) => boolean, what: string) =>
    eventually(async () => {
      const found = await claim(ns, name);
      return found && ok(found) ? found : undefined;
    }, `claim ${name}: ${what}`);
  const bound = (ns: string, name: string) =>
    claimWhen(ns, name, (c) => c.status?.phase === 'Bound', 'Bound');
  /** Relabels the namespace; waits until the claim's spec follows and the resolver host has seen it. */
  const relabelled = async (ns: string, environment: string, resolver: string) => {
    await client.patch(BuiltinKinds.Namespace, { name: ns }, { metadata: { labels: { environment } } });
    return claimWhen(
      ns,
      'api-db',
      (c) => c.spec.resolver === resolver && c.status?.observedGeneration === c.metadata.generation,
      `spec.resolver ${resolver}, observed`,
    );
  };

  it("binds each namespace's claims by its environment and shows the selected rule", async () => {
    const dev = await namespace('shop-dev', 'dev');
    const prod = await namespace('shop-prod', 'prod');
    await withDatabase(dev, 'api');
    await withDatabase(prod, 'api');

    const inDev = await bound(dev, 'api-db');
    expect(inDev.spec).toMatchObject({
      resolver: 'env-dev',
      resolverRule: 'dev-db',
      deprovisionPolicy: 'Delete',
    });
    expect(inDev.status).toMatchObject({
      resolver: 'env-dev',
      resolverRule: 'dev-db',
      outputs: { where: 'dev' },
    });

    const inProd = await bound(prod, 'api-db');
    expect(inProd.spec).toMatchObject({
      resolver: 'env-prod',
      resolverRule: 'prod-db',
      deprovisionPolicy: 'Retain',
    });
    expect(inProd.status).toMatchObject({
      resolver: 'env-prod',
      resolverRule: 'prod-db',
      deprovisionPolicy: 'Retain',
      outputs: { where: 'prod' },
    });
  });

  it('keeps a bound claim on its resolver when the namespace is relabelled, with a Warning Event; new claims follow the labels', async () => {
    const ns = await namespace('promoted', 'dev');
    await withDatabase(ns, 'api');
    const before = await bound(ns, 'api-db');
    expect(before.status).toMatchObject({ resolver: 'env-dev', resolverRule: 'dev-db' });

    // The label change alone (no Workload or config edit) re-enqueues the namespace's Workloads: the claim's
    // spec now says what the config chooses, its status keeps what serves it.
    const respecified = await relabelled(ns, 'staging', 'env-prod');
    expect(respecified.spec.resolverRule).toBe('prod-db');
    expect(respecified.status).toMatchObject({
      phase: 'Bound',
      resolver: 'env-dev',
      resolverRule: 'dev-db',
      deprovisionPolicy: 'Delete',
      outputs: { where: 'dev' },
    });
    const warning = await eventually(
      async () => (await eventsIn(client, ns, 'api-db')).find((e) => e.reason === 'ResolverKept'),
      'a ResolverKept Event',
    );
    expect(warning.type).toBe('Warning');
    expect(warning.note).toContain(
      'keeping resolver env-dev (rule dev-db), latched when the claim was first provisioned',
    );
    expect(warning.note).toContain('now chooses resolver env-prod (rule prod-db)');
    expect(warning.note).toContain('remove status.resolver');

    // A Workload that comes after the relabelling gets the new environment's resolver.
    await withDatabase(ns, 'worker');
    const fresh = await bound(ns, 'worker-db');
    expect(fresh.status).toMatchObject({
      resolver: 'env-prod',
      resolverRule: 'prod-db',
      outputs: { where: 'prod' },
    });
  });

  it('moves a claim to the choice of the day only after the documented action (removing status.resolver)', async () => {
    const ns = await namespace('moved', 'dev');
    await withDatabase(ns, 'api');
    await bound(ns, 'api-db');
    await relabelled(ns, 'prod', 'env-prod');
    await client.patch(
      ResourceClaimKind,
      { namespace: ns, name: 'api-db' },
      [{ op: 'remove', path: '/status/resolver' }],
      {
        type: 'json',
        subresource: 'status',
      },
    );
    const moved = await claimWhen(
      ns,
      'api-db',
      (c) => c.status?.resolver === 'env-prod' && c.status.phase === 'Bound',
      'served by env-prod',
    );
    expect(moved.status).toMatchObject({ resolverRule: 'prod-db', outputs: { where: 'prod' } });
  });
});

describe('resolvers matched by namespace labels, with watchNamespaces', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let manager: Manager;

  beforeAll(async () => {
    ({ cp, client, manager } = await startEnvironments(['team-dev', 'team-prod'], {
      'team-dev': 'dev',
      'team-prod': 'prod',
    }));
  });
  afterAll(async () => {
    await manager?.stop();
    await cp?.stop();
  });

  it('reads each listed namespace by name (no Namespace informer, which would need a cluster-wide list)', async () => {
    for (const ns of ['team-dev', 'team-prod']) {
      await client.create(WorkloadKind, workload(ns, 'api', { resources: { db: { type: 'env-db' } } }));
    }
    const served = (ns: string) =>
      eventually(async () => {
        const claim = await client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'api-db' });
        return claim?.status?.phase === 'Bound' ? claim.status : undefined;
      }, `claim api-db in ${ns} Bound`);
    expect(await served('team-dev')).toMatchObject({ resolver: 'env-dev', resolverRule: 'dev-db' });
    expect(await served('team-prod')).toMatchObject({ resolver: 'env-prod', resolverRule: 'prod-db' });
    expect(() => manager.cache.get(BuiltinKinds.Namespace, { name: 'team-dev' })).toThrow(
      /not cached|informer/i,
    );
  });
});
