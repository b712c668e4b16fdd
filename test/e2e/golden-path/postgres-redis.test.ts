// Issue 5's must-show: a Workload using postgres and redis reaches Ready with values and secret
// references (no secret values); deletion honours each claim's policy (postgres Delete, redis Retain, from
// examples/hello/platform.yaml); an orchestrator restarted mid-provisioning duplicates nothing and keeps the
// credentials.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  KubernetesObject,
  V1Deployment,
  V1EnvVar,
  V1Node,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { WorkloadKind, WorkloadPlanKind, type Workload, type WorkloadPlan } from '@score-orchestrator/api';
import { BuiltinKinds, type ResourceKind } from '@score-orchestrator/operator-sdk';
import {
  claimSecretValues,
  claimsIn,
  conditionOf,
  eventually,
  readExample,
  secretLeaks,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  workloadFromScore,
  type GoldenCluster,
  type RunningOrchestrator,
} from './golden-path-cluster.js';

const score = `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  api:
    image: ghcr.io/example/shop-api:1.4.2
    variables:
      PG_HOST: \${resources.db.host}
      PG_PORT: \${resources.db.port}
      PG_USER: \${resources.db.username}
      PG_PASSWORD: \${resources.db.password}
      REDIS_HOST: \${resources.cache.host}
      REDIS_PORT: \${resources.cache.port}
      REDIS_PASSWORD: \${resources.cache.password}
service:
  ports:
    http:
      port: 8080
resources:
  db:
    type: postgres
  cache:
    type: redis
`;

const NodeKind: ResourceKind = { apiVersion: 'v1', kind: 'Node', plural: 'nodes', namespaced: false };
const byLabel = (claim: string) => ({ labelSelector: `score.dev/claim=${claim}` });

describe('golden path: postgres and redis', () => {
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator | undefined;
  const config = readExample('platform.yaml');

  beforeAll(async () => {
    golden = await startGoldenCluster();
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  const statefulSets = async (ns: string) =>
    (await golden.client.list<V1StatefulSet>(BuiltinKinds.StatefulSet, { namespace: ns })).items;
  const setSchedulable = async (schedulable: boolean) => {
    for (const name of golden.cluster.nodeNames) {
      await golden.client.patch<V1Node>(NodeKind, { name }, { spec: { unschedulable: !schedulable } });
    }
  };

  it('survives a restart mid-provisioning: nothing duplicated, credentials unchanged', async () => {
    const ns = await golden.namespace('restart');
    // No node takes pods, so the backing services stay unready and the claims stay Provisioning.
    await setSchedulable(false);
    try {
      orchestrator = await startOrchestrator(golden.cluster.kubeConfig, config);
      await golden.client.create(WorkloadKind, workloadFromScore(score, ns));
      const provisioning = await eventually(async () => {
        const claims = await claimsIn(golden.client, ns);
        return (
          claims.length === 2 &&
          claims.every((c) => c.status?.phase === 'Provisioning' && c.status.secretName) &&
          (await statefulSets(ns)).length === 2 &&
          claims
        );
      }, 'both claims provisioning, with their Secrets and StatefulSets');
      const before = Object.fromEntries(
        await Promise.all(
          provisioning.map(async (c) => [c.metadata.name, await claimSecretValues(golden.client, c)]),
        ),
      );
      expect(Object.keys(before).sort()).toEqual(['shop-cache', 'shop-db']);

      await orchestrator.stop();
      orchestrator = await startOrchestrator(golden.cluster.kubeConfig, config);
      await setSchedulable(true);
      await waitForReady(golden.client, ns, 'shop');

      const claims = await claimsIn(golden.client, ns);
      expect(claims.map((c) => c.metadata.name).sort()).toEqual(['shop-cache', 'shop-db']);
      expect((await statefulSets(ns)).map((s) => s.metadata?.name).sort()).toEqual([
        'pg-shop-db',
        'redis-shop-cache',
      ]);
      for (const claim of claims) {
        expect(await claimSecretValues(golden.client, claim)).toEqual(before[claim.metadata.name ?? '']);
      }
    } finally {
      await setSchedulable(true);
    }
  });

  it('projects both resources, secrets only as references, and deletes or keeps each by its policy', async () => {
    const ns = 'restart';
    const workload = await waitForReady(golden.client, ns, 'shop');
    expect(workload.status?.endpoint).toBe(`http://shop.${ns}.svc.cluster.local:8080`);
    expect(workload.status?.claims?.map((c) => [c.name, c.type, c.phase])).toEqual([
      ['cache', 'redis', 'Bound'],
      ['db', 'postgres', 'Bound'],
    ]);
    const claims = await claimsIn(golden.client, ns);
    const policies = Object.fromEntries(claims.map((c) => [c.spec.type, c.spec.deprovisionPolicy]));
    expect(policies).toEqual({ postgres: 'Delete', redis: 'Retain' });

    const deployment = await golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name: 'shop',
    });
    const env = Object.fromEntries(
      (deployment!.spec!.template.spec!.containers[0].env ?? []).map((e: V1EnvVar) => [e.name, e]),
    );
    expect(env).toEqual({
      PG_HOST: { name: 'PG_HOST', value: 'pg-shop-db' },
      PG_PORT: { name: 'PG_PORT', value: '5432' },
      PG_USER: { name: 'PG_USER', value: 'shop_db' },
      PG_PASSWORD: {
        name: 'PG_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'shop-db-outputs', key: 'password' } },
      },
      REDIS_HOST: { name: 'REDIS_HOST', value: 'redis-shop-cache' },
      REDIS_PORT: { name: 'REDIS_PORT', value: '6379' },
      REDIS_PASSWORD: {
        name: 'REDIS_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'shop-cache-outputs', key: 'password' } },
      },
    });
    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'shop' });
    const secrets: Record<string, string> = {};
    for (const claim of claims) {
      for (const [key, value] of Object.entries(await claimSecretValues(golden.client, claim))) {
        secrets[`${claim.metadata.name}.${key}`] = value;
      }
    }
    expect(Object.keys(secrets).sort()).toEqual(['shop-cache.password', 'shop-db.password']);
    const places: Record<string, KubernetesObject | string | undefined> = { workload, plan, deployment };
    for (const claim of claims) places[`claim ${claim.metadata.name}`] = claim;
    expect(secretLeaks(secrets, places)).toEqual([]);

    // Delete: postgres (Delete) goes with its data; redis (Retain) stays, released from the claim.
    const dbClaimUid = claims.find((c) => c.metadata.name === 'shop-db')?.metadata.uid;
    await golden.client.delete(WorkloadKind, { namespace: ns, name: 'shop' });
    await eventually(
      async () =>
        (await claimsIn(golden.client, ns)).length === 0 &&
        (await golden.client.get(WorkloadKind, { namespace: ns, name: 'shop' })) === undefined,
      'Workload and claims gone',
    );
    const remaining = async (kind: ResourceKind, claim: string) =>
      (await golden.client.list(kind, { namespace: ns, ...byLabel(claim) })).items;
    // The resolver deletes what it provisioned; the claim's outputs Secret is left to garbage collection
    // (which, on a LocalCluster, only starts watching the CRDs' kinds ~30 s after start-up).
    const dbLeft = await eventually(async () => {
      const left = [
        ...(await remaining(BuiltinKinds.StatefulSet, 'shop-db')),
        ...(await remaining(BuiltinKinds.Secret, 'shop-db')),
        ...(await remaining(BuiltinKinds.Service, 'shop-db')),
      ];
      return left.every((o) => o.metadata?.name === 'shop-db-outputs') && left;
    }, 'postgres objects deleted');
    for (const outputs of dbLeft) {
      expect(outputs.metadata?.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'ResourceClaim', uid: dbClaimUid, controller: true }),
      ]);
    }
    const kept = [
      ...(await remaining(BuiltinKinds.StatefulSet, 'shop-cache')),
      ...(await remaining(BuiltinKinds.Secret, 'shop-cache')),
      ...(await remaining(BuiltinKinds.Service, 'shop-cache')),
    ];
    expect(kept.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'Secret/redis-shop-cache',
      'Secret/shop-cache-outputs',
      'Service/redis-shop-cache',
      'StatefulSet/redis-shop-cache',
    ]);
    // Released: no owner references left (the claim's outputs Secret too, so a claim of the same name
    // adopts it and its credentials again).
    for (const obj of kept) expect(obj.metadata?.ownerReferences ?? []).toEqual([]);
  });

  // `kubectl delete -f` then `apply -f`: the new claims of the same names meet what the old ones left
  // (redis's objects, kept by Retain, to take up again) or leave on the way out (postgres's, deleted).
  it('deleted and created again as soon as it is gone: claims never Failed, Ready again within seconds', async () => {
    orchestrator ??= await startOrchestrator(golden.cluster.kubeConfig, config);
    const ns = await golden.namespace('again');
    const key = { namespace: ns, name: 'shop' };
    await golden.client.create(WorkloadKind, workloadFromScore(score, ns));
    await waitForReady(golden.client, ns, 'shop');
    const first = new Set((await claimsIn(golden.client, ns)).map((c) => c.metadata.uid));
    const setUids = async () =>
      Object.fromEntries((await statefulSets(ns)).map((set) => [set.metadata?.name, set.metadata?.uid]));
    const before = await setUids();

    await golden.client.delete(WorkloadKind, key);
    await eventually(async () => !(await golden.client.get(WorkloadKind, key)), 'the Workload gone', 60_000);
    const created = Date.now();
    await golden.client.create(WorkloadKind, workloadFromScore(score, ns));
    const seen = new Set<string>();
    const ready = await eventually(async () => {
      for (const c of await claimsIn(golden.client, ns)) {
        if (!first.has(c.metadata.uid)) seen.add(`${c.spec.type} ${c.status?.phase}/${c.status?.reason}`);
      }
      const w = await golden.client.get<Workload>(WorkloadKind, key);
      return conditionOf(w, 'Ready')?.status === 'True' && w;
    }, 'the Workload Ready again');
    const againMs = Date.now() - created;
    expect([...seen].filter((s) => s.includes('Failed') || s.includes('NameConflict'))).toEqual([]);
    expect(ready.status?.claims?.map((c) => [c.name, c.phase])).toEqual([
      ['cache', 'Bound'],
      ['db', 'Bound'],
    ]);
    // Not the one-minute NameConflict recheck.
    expect(againMs).toBeLessThan(15_000);
    // Retain: redis's kept StatefulSet taken up again; Delete: postgres's made anew.
    const after = await setUids();
    expect(after['redis-shop-cache']).toBe(before['redis-shop-cache']);
    expect(after['pg-shop-db']).not.toBe(before['pg-shop-db']);
  });
});
