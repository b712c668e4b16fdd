import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResourceClaimKind, WorkloadKind, type ResourceClaim } from '@score-orchestrator/api';
import {
  conditionReason,
  setClaimStatus,
  settled,
  startOrchestrator,
  timesRecorded,
  workload,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

// The orchestrator's cache sees every Workload change this long after the API server stored it, while it
// sees claims and plans at once: each claim or plan event reconciles a Workload whose cached status lags
// behind the one the controller has just written.
const WORKLOAD_WATCH_LAG_MS = 1_500;

describe('transition events while the Workload cache lags, on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(
      config,
      { resolvers: {}, manual: ['queue'] },
      { workloadWatchLagMs: WORKLOAD_WATCH_LAG_MS },
    );
    ns = await h.namespace('transitions');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** How often each of `reasons` was recorded for Workload `name`. */
  const recorded = async (name: string, reasons: readonly string[]) =>
    Object.fromEntries(
      await Promise.all(reasons.map(async (r) => [r, await timesRecorded(h.client, ns, name, r)] as const)),
    );

  /** Changes the claim without changing what it says: one more reconcile of every Workload owning it. */
  const touchClaim = async (name: string, mark: string) => {
    const claim = await h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
    claim!.metadata.annotations = { ...claim!.metadata.annotations, 'test.score.dev/touch': mark };
    await h.client.update(ResourceClaimKind, claim!);
  };

  /**
   * A Workload with one `queue` resource (its claim's status is the test's to write), settled while the
   * claim is pending: from then on the cache holds the Workload with its finalizer, so reconciles run on
   * the cached copy (a Workload still without the finalizer is read afresh when the finalizer is added).
   */
  const pendingWorkload = async (name: string) => {
    await h.client.create(WorkloadKind, workload(ns, name, { resources: { jobs: { type: 'queue' } } }));
    await conditionReason(h.client, ns, name, 'ClaimsReady', 'ClaimsPending');
    await settled(h, ns);
  };

  /**
   * Binds the Workload's claim and waits for Ready. The plan is applied and taken up meanwhile, and each
   * step reconciles the Workload again before its cached status shows what the previous step wrote; then
   * `touches` more reconciles, within the lag, of a Workload whose cached status is not Ready yet. Returns
   * once all of it has settled.
   */
  const bindUntilReady = async (name: string, touches: number) => {
    await setClaimStatus(h.client, ns, `${name}-jobs`, { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await conditionReason(h.client, ns, name, 'Ready', 'Ready');
    for (let touch = 1; touch <= touches; touch++) await touchClaim(`${name}-jobs`, `${Date.now()}-${touch}`);
    await settled(h, ns);
  };

  it('records ClaimsBound and Ready once on the way to Ready, however often it is reconciled', async () => {
    await pendingWorkload('shop');
    await bindUntilReady('shop', 3);
    expect(await recorded('shop', ['ClaimsBound', 'Ready', 'PlanApplied'])).toEqual({
      ClaimsBound: 1,
      Ready: 1,
      PlanApplied: 1,
    });
  });

  it('records them again when the Workload really leaves Ready and comes back', async () => {
    await pendingWorkload('worker');
    await bindUntilReady('worker', 1);
    expect(await recorded('worker', ['ClaimsBound', 'Ready'])).toEqual({ ClaimsBound: 1, Ready: 1 });

    // The resolver re-provisions: the claim is no longer bound, so neither is the Workload ready.
    await setClaimStatus(h.client, ns, 'worker-jobs', { phase: 'Provisioning', reason: 'Provisioning' });
    await conditionReason(h.client, ns, 'worker', 'ClaimsReady', 'ClaimsPending');
    await touchClaim('worker-jobs', 'while-pending');
    await bindUntilReady('worker', 1);
    expect(await recorded('worker', ['ClaimsBound', 'Ready'])).toEqual({ ClaimsBound: 2, Ready: 2 });
  });
});
