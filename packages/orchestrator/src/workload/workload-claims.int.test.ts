import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ResourceClaimKind,
  WorkloadKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
} from '@score-orchestrator/api';
import {
  conditionReason,
  eventsIn,
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

  it('tells a Workload whose params differ from a shared claim, and leaves the deciding one alone', async () => {
    const shared = (params: Record<string, unknown>) => ({
      db: { type: 'postgres', id: 'orders', params },
    });
    await h.client.create(
      WorkloadKind,
      workload(ns, 'decider', { resources: shared({ tier: 'tier-small', version: 16 }) }),
    );
    const decided = await conditionReason(h.client, ns, 'decider', 'Ready', 'Ready');
    await h.client.create(
      WorkloadKind,
      workload(ns, 'latecomer', {
        resources: shared({ tier: 'tier-large', version: 16, extra: 'x-secretish' }),
      }),
    );

    const late = await conditionReason(h.client, ns, 'latecomer', 'ClaimsReady', 'ClaimFailed');
    expect(late.status?.claims).toEqual([
      expect.objectContaining({
        name: 'db',
        claim: 'shared-postgres-default-orders',
        reason: 'ParamsConflict',
      }),
    ]);
    const message = late.status?.claims?.[0].message ?? '';
    expect(message).toContain('params.extra, params.tier differ');
    expect(message).toContain('Workload decider');
    const ready = late.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'NotReady' });
    expect(ready?.message).toContain('resources.db (postgres.default#orders): params.extra, params.tier');
    expect(JSON.stringify(late.status)).not.toMatch(/tier-large|tier-small|x-secretish/);
    expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: 'latecomer' })).toBeUndefined();

    // The claim keeps the decider's params; the decider wrote nothing because of the latecomer.
    const held = await claim('shared-postgres-default-orders');
    expect(held?.spec.params).toEqual({ tier: 'tier-small', version: 16 });
    expect(held?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['decider', 'latecomer']);
    const decider = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'decider' });
    expect(decider?.metadata.resourceVersion).toBe(decided.metadata.resourceVersion);

    // Once the decider lets go, the latecomer decides: its params are provisioned and it becomes Ready.
    await h.client.delete(WorkloadKind, { namespace: ns, name: 'decider' });
    const taken = await conditionReason(h.client, ns, 'latecomer', 'Ready', 'Ready');
    expect(taken.status?.claims?.[0].reason).not.toBe('ParamsConflict');
    expect((await claim('shared-postgres-default-orders'))?.spec.params).toEqual({
      tier: 'tier-large',
      version: 16,
      extra: 'x-secretish',
    });
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
      const stalled = (await eventsIn(h.client, ns)).filter((e) => e.reason === 'DeletionStalled');
      return stalled.length > 0 ? stalled : undefined;
    }, 'a DeletionStalled event');
    expect(events[0].note).toContain('ResourceClaim stuck-db');
  });
});
