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
  settled,
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
      { deletionTimeoutMs: 3_000 },
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

  it.each([
    {
      what: 'params',
      id: 'orders',
      reason: 'ParamsConflict',
      decider: { params: { tier: 'tier-small', version: 16 } },
      latecomer: { params: { tier: 'tier-large', version: 16, extra: 'x-secretish' } },
      fields: 'params.extra, params.tier',
      values: /tier-large|tier-small|x-secretish/,
    },
    {
      what: 'metadata',
      id: 'ledger',
      reason: 'MetadataConflict',
      decider: {
        params: { version: 16 },
        metadata: { annotations: { 'example.com/team': 'team-a', tier: 'gold' } },
      },
      latecomer: {
        params: { version: 16 },
        metadata: {
          annotations: { 'example.com/team': 'team-b', tier: 'gold' },
          labels: { cost: 'c-secretish' },
        },
      },
      fields: 'metadata.annotations["example.com/team"], metadata.labels.cost',
      values: /team-a|team-b|c-secretish/,
    },
  ] as const)(
    'tells a Workload whose $what differ from a shared claim, and leaves the deciding one alone',
    async ({ what, id, reason, decider, latecomer, fields, values }) => {
      const claimName = `shared-postgres-default-${id}`;
      const [first, second] = [`${id}-decider`, `${id}-latecomer`];
      const resources = (spec: object) => ({ db: { type: 'postgres', id, ...spec } });
      await h.client.create(WorkloadKind, workload(ns, first, { resources: resources(decider) }));
      const decided = await conditionReason(h.client, ns, first, 'Ready', 'Ready');
      await h.client.create(WorkloadKind, workload(ns, second, { resources: resources(latecomer) }));

      const late = await conditionReason(h.client, ns, second, 'ClaimsReady', 'ClaimFailed');
      expect(late.status?.claims).toEqual([
        expect.objectContaining({ name: 'db', claim: claimName, reason }),
      ]);
      const message = late.status?.claims?.[0].message ?? '';
      expect(message).toContain(`${fields} differ from the shared claim's`);
      expect(message).toContain(`Workload ${first}`);
      const ready = late.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready).toMatchObject({ status: 'False', reason: 'NotReady' });
      expect(ready?.message).toContain(`resources.db (postgres.default#${id}): ${fields}`);
      expect(JSON.stringify(late.status)).not.toMatch(values);
      expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: second })).toBeUndefined();

      // The claim keeps the decider's spec; the decider wrote nothing because of the latecomer.
      await settled(h, ns);
      const held = await claim(claimName);
      expect(held?.spec[what]).toEqual(decider[what]);
      expect(held?.metadata.ownerReferences?.map((r) => r.name)).toEqual([first, second]);
      const unchanged = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: first });
      expect(unchanged?.metadata.resourceVersion).toBe(decided.metadata.resourceVersion);

      // Once the decider lets go, the latecomer decides: its spec is provisioned and it becomes Ready.
      await h.client.delete(WorkloadKind, { namespace: ns, name: first });
      const taken = await conditionReason(h.client, ns, second, 'Ready', 'Ready');
      expect(taken.status?.claims?.[0].reason).not.toBe(reason);
      expect((await claim(claimName))?.spec[what]).toEqual(latecomer[what]);
    },
  );

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
