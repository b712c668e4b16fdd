// Status writes on the way to Ready: progress alone (a claim's message, claims bound while not Ready) is
// coalesced into one write, a transition is written at once. Counted from a watch of the Workload on a
// real API server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import type { WatchHandle } from '@score-orchestrator/operator-sdk';
import { DEFAULT_PROGRESS_STATUS_DELAY_MS } from '../status/progress-writes.js';
import {
  conditionReason,
  eventually,
  setClaimStatus,
  settled,
  startOrchestrator,
  workload,
  workloadUsing,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('Workload status writes while a claim makes progress, on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;
  const watches: WatchHandle[] = [];

  beforeAll(async () => {
    h = await startOrchestrator(config, { resolvers: {}, manual: ['queue'] });
    ns = await h.namespace('progress');
  });
  afterAll(async () => {
    for (const watch of watches) watch.abort();
    await h?.stop();
  });

  /** Every status the API server stored for Workload `name` from now on, with when it was seen. */
  const statusWrites = async (name: string) => {
    const writes: { at: number; status: Workload['status'] }[] = [];
    const { resourceVersion } = await h.client.list(WorkloadKind, { namespace: ns });
    let last: string | undefined;
    const watch = h.client.watch<Workload>(WorkloadKind, { namespace: ns, resourceVersion }, (event) => {
      if (event.type !== 'MODIFIED' || event.object.metadata.name !== name) return;
      const status = JSON.stringify(event.object.status);
      if (status !== last) writes.push({ at: performance.now(), status: event.object.status });
      last = status;
    });
    watches.push(watch);
    return writes;
  };
  const claimsCondition = (status: Workload['status']) =>
    status?.conditions?.find((c) => c.type === 'ClaimsReady');
  const claimsMessage = (status: Workload['status']) => claimsCondition(status)?.message;
  /** A Workload whose container reads its resource's output `url`, waiting for its claim. */
  const createRedisLike = async (name: string) => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, name, { resource: 'db', type: 'queue', output: 'url' }),
    );
    await conditionReason(h.client, ns, name, 'ClaimsReady', 'ClaimsPending');
  };

  it('writes three progress messages in a row once, the latest, and a transition at once', async () => {
    await h.client.create(WorkloadKind, workload(ns, 'shop', { resources: { jobs: { type: 'queue' } } }));
    await conditionReason(h.client, ns, 'shop', 'ClaimsReady', 'ClaimsPending');
    await settled(h, ns);
    const writes = await statusWrites('shop');

    const started = performance.now();
    for (const step of ['1 of 3', '2 of 3', '3 of 3']) {
      await setClaimStatus(h.client, ns, 'shop-jobs', {
        phase: 'Provisioning',
        reason: 'Provisioning',
        message: `starting: ${step}`,
      });
    }
    await settled(h, ns);
    // Held back: one write with the latest message, not before the delay has passed (its time proves it,
    // not a "nothing yet" look, which a loaded machine could take the whole delay to reach).
    await eventually(async () => (writes.length > 0 ? writes : undefined), 'the held-back progress write');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a negative check: no second write follows
    expect(writes).toHaveLength(1);
    expect(claimsMessage(writes[0]!.status)).toContain('starting: 3 of 3');
    expect(writes[0]!.at - started).toBeGreaterThanOrEqual(DEFAULT_PROGRESS_STATUS_DELAY_MS - 100);

    // A transition is not held back: bound claims, a plan, and Ready follow without the delay (held back,
    // Ready would come no sooner than the delay after the claim is bound; the second left is for load).
    const bound = performance.now();
    await setClaimStatus(h.client, ns, 'shop-jobs', { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await conditionReason(h.client, ns, 'shop', 'Ready', 'Ready');
    expect(performance.now() - bound).toBeLessThan(DEFAULT_PROGRESS_STATUS_DELAY_MS - 1_000);
  });

  it('writes a redis-like Workload twice on the way to Ready: claims bound ride with Ready', async () => {
    const writes = await statusWrites('cache');
    // Its container reads the resource's outputs, as the bench's redis Workloads do: until the claim binds,
    // RuntimeReady is ProjectionError (waiting for outputs), then PlanPending.
    await createRedisLike('cache');
    // The resolver's first provision is not ready yet (a database starting), the next one is.
    await setClaimStatus(h.client, ns, 'cache-db', {
      phase: 'Provisioning',
      reason: 'Provisioning',
      message: 'starting: 0 of 1 ready',
    });
    const bound = performance.now();
    await setClaimStatus(h.client, ns, 'cache-db', { phase: 'Bound', outputs: { url: 'redis://r' } });
    await conditionReason(h.client, ns, 'cache', 'Ready', 'Ready');
    await settled(h, ns);

    // Its first status and Ready, which carries ClaimsReady=True: no write of its own for claims bound.
    expect(writes.map((w) => claimsCondition(w.status)?.reason)).toEqual(['ClaimsPending', 'AllClaimsBound']);
    const condition = (i: number, type: string) =>
      writes[i]!.status?.conditions?.find((c) => c.type === type);
    expect(condition(0, 'RuntimeReady')?.reason).toBe('ProjectionError');
    expect(condition(1, 'Ready')?.status).toBe('True');
    expect(performance.now() - bound).toBeLessThan(DEFAULT_PROGRESS_STATUS_DELAY_MS - 1_000);
  });

  it('makes the plan from outputs final before the claim binds, and is Ready only once it is Bound', async () => {
    const writes = await statusWrites('early');
    await createRedisLike('early');
    // The resolver host's write for outputs final while the database starts (`outputsFinal`).
    const starting = {
      phase: 'Provisioning' as const,
      reason: 'Provisioning',
      message: 'redis is starting: 0 of 1 instances ready',
      outputs: { url: 'redis://r' },
    };
    const outputsAvailable = (status: 'True' | 'False', generation: number) => ({
      type: 'OutputsAvailable',
      status,
      reason: status === 'True' ? 'OutputsFinal' : 'Provisioning',
      message: 'outputs are final; redis is starting',
      lastTransitionTime: new Date().toISOString(),
      observedGeneration: generation,
    });
    // Outputs published but not final: no plan yet.
    await setClaimStatus(h.client, ns, 'early-db', {
      ...starting,
      conditions: [outputsAvailable('False', 1)],
    });
    await settled(h, ns);
    expect(h.runtime.applied.get('early')).toBeUndefined();
    // Final: the plan is made at once, with the outputs, while the claim is still Provisioning.
    await setClaimStatus(h.client, ns, 'early-db', {
      ...starting,
      conditions: [outputsAvailable('True', 1)],
    });
    const plan = await eventually(async () => h.runtime.applied.get('early'), 'the plan from final outputs');
    expect(JSON.stringify(plan.spec.containers)).toContain('redis://r');
    // The runtime is up, but the Workload waits for its claim.
    await settled(h, ns);
    const now = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'early' });
    expect(now?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');

    const bound = performance.now();
    await setClaimStatus(h.client, ns, 'early-db', { phase: 'Bound', outputs: { url: 'redis://r' } });
    await conditionReason(h.client, ns, 'early', 'Ready', 'Ready');
    expect(performance.now() - bound).toBeLessThan(DEFAULT_PROGRESS_STATUS_DELAY_MS - 1_000);
    await settled(h, ns);
    // Its first status and Ready: the plan made and the runtime up while the claim started were progress.
    expect(writes.map((w) => claimsCondition(w.status)?.reason)).toEqual(['ClaimsPending', 'AllClaimsBound']);
  });

  it('writes a claim failure at once while ClaimsReady=True is held back', async () => {
    h.runtime.held.add('stalled');
    await h.client.create(WorkloadKind, workload(ns, 'stalled', { resources: { db: { type: 'queue' } } }));
    await conditionReason(h.client, ns, 'stalled', 'ClaimsReady', 'ClaimsPending');
    await settled(h, ns);
    const writes = await statusWrites('stalled');
    await setClaimStatus(h.client, ns, 'stalled-db', { phase: 'Bound', outputs: { url: 'redis://r' } });
    await eventually(async () => h.runtime.applied.get('stalled'), 'the plan');
    await settled(h, ns);

    const failed = performance.now();
    await setClaimStatus(h.client, ns, 'stalled-db', {
      phase: 'Failed',
      reason: 'ProvisionFailed',
      message: 'the volume is gone',
    });
    await conditionReason(h.client, ns, 'stalled', 'ClaimsReady', 'ClaimFailed');
    expect(performance.now() - failed).toBeLessThan(DEFAULT_PROGRESS_STATUS_DELAY_MS - 1_000);
    // ClaimsReady=True was held back (the plan stays pending, so Ready does not turn), never written.
    expect(writes.map((w) => claimsCondition(w.status)?.reason)).toEqual(['ClaimFailed']);
  });
});
