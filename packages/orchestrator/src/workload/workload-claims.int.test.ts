import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, type ResourceClaim, type Workload } from '@score-orchestrator/api';
import {
  conditionReason,
  eventually,
  startOrchestrator,
  workload,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = `
apiVersion: score.dev/v1b1
kind: PlatformConfig
resolvers:
  - type: cache
    deprovisionPolicy: Retain
  - type: bucket
    deprovisionPolicy: Orphan
`;

describe('WorkloadController claims and deletion on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(
      config,
      {
        resolvers: {
          postgres: () => ({ outputs: { host: 'db' } }),
          cache: () => ({ outputs: { host: 'cache' } }),
          bucket: () => ({ outputs: { name: 'bucket' } }),
        },
      },
      3_000,
    );
    ns = await h.namespace('claims');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const claim = (name: string) => h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
  const gone = (what: string, probe: () => Promise<unknown>) =>
    eventually(async () => ((await probe()) ? undefined : true), what);

  it('shares one claim between Workloads, counted by owner references', async () => {
    const shared = { db: { type: 'postgres', id: 'main-db' } };
    await h.client.create(WorkloadKind, workload(ns, 'one', { resources: shared }));
    await h.client.create(WorkloadKind, workload(ns, 'two', { resources: shared }));
    await conditionReason(h.client, ns, 'one', 'Ready', 'Ready');
    await conditionReason(h.client, ns, 'two', 'Ready', 'Ready');
    const both = await eventually(async () => {
      const found = await claim('shared-postgres-default-main-db');
      return found?.metadata.ownerReferences?.length === 2 ? found : undefined;
    }, 'two owners');
    expect(both.metadata.ownerReferences?.map((r) => r.name).sort()).toEqual(['one', 'two']);

    await h.client.delete(WorkloadKind, { namespace: ns, name: 'one' });
    await gone('Workload one', () => h.client.get(WorkloadKind, { namespace: ns, name: 'one' }));
    const kept = await claim('shared-postgres-default-main-db');
    expect(kept?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['two']);
    expect(kept?.metadata.deletionTimestamp).toBeUndefined();

    await h.client.delete(WorkloadKind, { namespace: ns, name: 'two' });
    await gone('the shared claim', () => claim('shared-postgres-default-main-db'));
  });

  it('releases the claim of a resource removed from the spec', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'edit', { resources: { db: { type: 'postgres' }, kv: { type: 'cache' } } }),
    );
    await conditionReason(h.client, ns, 'edit', 'Ready', 'Ready');
    const current = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'edit' });
    await h.client.update(WorkloadKind, {
      ...current!,
      spec: { ...current!.spec, resources: { db: { type: 'postgres' } } },
    });
    await gone('the removed claim', () => claim('edit-kv'));
    expect(h.resolver.deprovisions).toContainEqual({ claim: 'edit-kv', policy: 'Retain' });
    expect(await claim('edit-db')).toBeDefined();
  });

  it('honours each deprovision policy on deletion', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'policies', {
        resources: { db: { type: 'postgres' }, kv: { type: 'cache' }, files: { type: 'bucket' } },
      }),
    );
    await conditionReason(h.client, ns, 'policies', 'Ready', 'Ready');
    await h.client.delete(WorkloadKind, { namespace: ns, name: 'policies' });
    await gone('the Workload', () => h.client.get(WorkloadKind, { namespace: ns, name: 'policies' }));
    expect(await claim('policies-db')).toBeUndefined();
    expect(await claim('policies-kv')).toBeUndefined();
    expect(h.resolver.deprovisions).toEqual(
      expect.arrayContaining([
        { claim: 'policies-db', policy: 'Delete' },
        { claim: 'policies-kv', policy: 'Retain' },
      ]),
    );
    const orphan = await claim('policies-files');
    expect(orphan?.metadata.deletionTimestamp).toBeUndefined();
    expect(orphan?.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('releases a Workload whose claim has lost its resolver after the deletion timeout', async () => {
    await h.client.create(WorkloadKind, workload(ns, 'stuck', { resources: { db: { type: 'postgres' } } }));
    await conditionReason(h.client, ns, 'stuck', 'Ready', 'Ready');
    // The claim's resolver disappears (uninstalled) while its finalizer stays on the claim.
    h.resolver.stuck.add('stuck-db');
    await h.client.delete(WorkloadKind, { namespace: ns, name: 'stuck' });
    await conditionReason(h.client, ns, 'stuck', 'Ready', 'Deleting');
    await gone('the stalled Workload', () => h.client.get(WorkloadKind, { namespace: ns, name: 'stuck' }));
    const left = await claim('stuck-db');
    expect(left?.metadata.deletionTimestamp).toBeDefined();
    const events = await eventually(async () => {
      const list = await h.client.list<KubernetesObject & { reason?: string; note?: string }>(
        { apiVersion: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true },
        { namespace: ns },
      );
      const stalled = list.items.filter((e) => e.reason === 'DeletionStalled');
      return stalled.length > 0 ? stalled : undefined;
    }, 'a DeletionStalled event');
    expect(events[0].note).toContain('ResourceClaim stuck-db');
  });
});
