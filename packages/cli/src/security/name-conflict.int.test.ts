// Take-over by name, against a real kube-apiserver with the shipped plugins: a Workload named after objects
// someone else made gets NameConflict, and those objects are neither changed, read into outputs, nor deleted.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1Deployment, V1Secret, V1Service } from '@kubernetes/client-node';
import {
  ResourceClaimKind,
  WorkloadKind,
  type ResourceClaim,
  type Workload,
  type WorkloadSpec,
} from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, type Manager } from '@score-orchestrator/operator-sdk';
import { eventually, type ControlPlane } from '@score-orchestrator/testing';
import {
  SHIPPED_PLATFORM_CONFIG,
  startScoreControlPlane,
  startShippedOrchestrator,
} from '../fixtures/shipped-orchestrator.js';

jest.setTimeout(120_000);
const { Deployment, Namespace, Secret, Service } = BuiltinKinds;
const ns = 'team';
const config = `${SHIPPED_PLATFORM_CONFIG}resolvers:
  - { type: postgres, resolver: dev-postgres, deprovisionPolicy: Delete }
`;
let cp: ControlPlane;
let client: KubeClient;
let manager: Manager;

const startOrchestrator = (): Promise<Manager> => startShippedOrchestrator(cp, { config });

beforeAll(async () => {
  cp = await startScoreControlPlane();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'platform-team' });
  client.registerKind(WorkloadKind);
  await client.create(Namespace, { metadata: { name: ns } });
  manager = await startOrchestrator();
});
afterAll(async () => {
  await manager?.stop();
  await cp?.stop();
});

/** The objects someone else made, as the attacks found them. */
async function createVictims(): Promise<KubernetesObject[]> {
  const billing = await client.create<V1Deployment>(Deployment, {
    metadata: { namespace: ns, name: 'billing' },
    spec: {
      selector: { matchLabels: { app: 'billing' } },
      template: {
        metadata: { labels: { app: 'billing' } },
        spec: {
          serviceAccountName: 'billing',
          containers: [
            {
              name: 'billing',
              image: 'registry.example/billing:7',
              envFrom: [{ secretRef: { name: 'billing-env' } }],
              volumeMounts: [{ name: 'keys', mountPath: '/keys' }],
            },
          ],
          volumes: [{ name: 'keys', secret: { secretName: 'billing-keys' } }],
        },
      },
    },
  });
  const payments = await client.create<V1Service>(Service, {
    metadata: { namespace: ns, name: 'payments' },
    spec: { selector: { app: 'payments' }, ports: [{ port: 443 }] },
  });
  const database = await client.create<V1Secret>(Secret, {
    metadata: { namespace: ns, name: 'pg-prod-db' },
    stringData: { password: 'the-production-password' },
  });
  return [billing, payments, database];
}

function workload(name: string, spec: Partial<WorkloadSpec>): Workload {
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { namespace: ns, name },
    spec: { containers: { main: { image: 'attacker.example/miner:1' } }, ...spec },
  } as Workload;
}

function condition(w: Workload | undefined, type: string) {
  return w?.status?.conditions?.find((c) => c.type === type);
}

async function unchanged(victims: readonly KubernetesObject[]): Promise<void> {
  for (const victim of victims) {
    const kind = { Deployment, Service, Secret }[victim.kind as 'Deployment' | 'Service' | 'Secret'];
    const now = await client.get(kind, { namespace: ns, name: victim.metadata!.name! });
    expect(now?.metadata?.uid).toBe(victim.metadata?.uid);
    expect(now?.metadata?.resourceVersion).toBe(victim.metadata?.resourceVersion);
    // No owner reference of ours: garbage collection will not take them with the attacker's objects.
    expect(now?.metadata?.ownerReferences).toBeUndefined();
  }
}

describe('a Workload named after objects someone else made', () => {
  it('gets NameConflict and leaves those objects untouched, also when it is deleted', async () => {
    const victims = await createVictims();
    await client.create(WorkloadKind, workload('billing', {}));
    await client.create(
      WorkloadKind,
      workload('payments', { service: { ports: { web: { port: 80, targetPort: 8080 } } } }),
    );
    await client.create(
      WorkloadKind,
      workload('prod', {
        containers: {
          main: { image: 'attacker.example/miner:1', variables: { PW: '${resources.db.password}' } },
        },
        resources: { db: { type: 'postgres' } },
      }),
    );

    // 1. The Deployment: refused, named (kind and name only), with a Warning Event on the Workload.
    const billing = await eventually(async () => {
      const w = await client.get<Workload>(WorkloadKind, { namespace: ns, name: 'billing' });
      return condition(w, 'RuntimeReady')?.reason === 'NameConflict' ? w : undefined;
    }, 'billing RuntimeReady=False NameConflict');
    expect(condition(billing, 'RuntimeReady')).toMatchObject({ status: 'False' });
    expect(condition(billing, 'RuntimeReady')?.message).toContain('Deployment billing');
    expect(condition(billing, 'Ready')?.status).toBe('False');

    // 2. The Service: refused before anything of the plan is written (no Deployment payments either).
    const payments = await eventually(async () => {
      const w = await client.get<Workload>(WorkloadKind, { namespace: ns, name: 'payments' });
      return condition(w, 'RuntimeReady')?.reason === 'NameConflict' ? w : undefined;
    }, 'payments RuntimeReady=False NameConflict');
    expect(condition(payments, 'RuntimeReady')?.message).toContain('Service payments');
    expect(await client.get(Deployment, { namespace: ns, name: 'payments' })).toBeUndefined();

    // 3. The backing Secret: the claim fails; its password reaches no outputs Secret, status or plan.
    const claim = await eventually(async () => {
      const c = await client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'prod-db' });
      return c?.status?.reason === 'NameConflict' ? c : undefined;
    }, 'claim prod-db NameConflict');
    expect(claim.status).toMatchObject({ phase: 'Failed' });
    expect(claim.status?.message).toContain('Secret pg-prod-db');
    expect(claim.status?.outputs).toBeUndefined();
    expect(await client.get(Secret, { namespace: ns, name: 'prod-db-outputs' })).toBeUndefined();
    const prod = await eventually(async () => {
      const w = await client.get<Workload>(WorkloadKind, { namespace: ns, name: 'prod' });
      return w?.status?.claims?.[0]?.reason === 'NameConflict' ? w : undefined;
    }, 'prod claims[0].reason NameConflict');
    expect(condition(prod, 'ClaimsReady')).toMatchObject({ status: 'False', reason: 'ClaimFailed' });
    expect(JSON.stringify(prod)).not.toContain('the-production-password');
    expect(JSON.stringify(claim)).not.toContain('the-production-password');
    expect(await client.get(BuiltinKinds.StatefulSet, { namespace: ns, name: 'pg-prod-db' })).toBeUndefined();

    const eventsKind = { apiVersion: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true };
    await eventually(async () => {
      const { items } = await client.list<KubernetesObject & { reason?: string; type?: string }>(eventsKind, {
        namespace: ns,
      });
      return items.some((e) => e.reason === 'NameConflict' && e.type === 'Warning');
    }, 'a Warning Event NameConflict');
    await unchanged(victims);

    // The attacker deletes the Workloads: the victims stay, unchanged.
    for (const name of ['billing', 'payments', 'prod']) {
      await client.delete(WorkloadKind, { namespace: ns, name });
    }
    await eventually(
      async () => {
        const { items } = await client.list(WorkloadKind, { namespace: ns });
        const claims = await client.list(ResourceClaimKind, { namespace: ns });
        return items.length === 0 && claims.items.length === 0;
      },
      'the Workloads and their claims to be gone',
      { timeoutMs: 60_000 },
    );
    await unchanged(victims);
  });

  it('still re-applies its own objects after an orchestrator restart', async () => {
    await client.create(WorkloadKind, workload('shop', { containers: { main: { image: 'shop:1' } } }));
    const first = await eventually(
      () => client.get<V1Deployment>(Deployment, { namespace: ns, name: 'shop' }),
      'Deployment shop',
    );
    await manager.stop();
    manager = await startOrchestrator();
    const current = await client.get<Workload>(WorkloadKind, { namespace: ns, name: 'shop' });
    await client.patch(
      WorkloadKind,
      { namespace: ns, name: 'shop' },
      {
        spec: { containers: { main: { image: 'shop:2' } } },
      },
    );
    expect(current).toBeDefined();
    const updated = await eventually(async () => {
      const d = await client.get<V1Deployment>(Deployment, { namespace: ns, name: 'shop' });
      return d?.spec?.template.spec?.containers[0]?.image === 'shop:2' ? d : undefined;
    }, 'Deployment shop re-applied with image shop:2');
    expect(updated.metadata?.uid).toBe(first.metadata?.uid);
    const shop = await client.get<Workload>(WorkloadKind, { namespace: ns, name: 'shop' });
    expect(condition(shop, 'RuntimeReady')?.reason).not.toBe('NameConflict');
  });
});
