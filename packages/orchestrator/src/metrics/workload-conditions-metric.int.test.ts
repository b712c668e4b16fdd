import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkloadKind } from '@score-orchestrator/api';
import type { Gauge } from 'prom-client';
import {
  conditionReason,
  eventually,
  setClaimStatus,
  startOrchestrator,
  workload,
  type OrchestratorHarness,
} from '../workload/fixtures/orchestrator-harness.js';
import { WORKLOADS_METRIC } from './workload-conditions-metric.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe(`${WORKLOADS_METRIC} on a real API server`, () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(config, { resolvers: {}, manual: ['queue'] });
    ns = await h.namespace('counted');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The `Ready` series of the namespace, by status, as a scrape reads them; undefined when there are none. */
  const readyCounts = async () => {
    const gauge = h.manager.metrics.registry.getSingleMetric(WORKLOADS_METRIC) as Gauge;
    const { values } = await gauge.get();
    const ready = values.filter((v) => v.labels.namespace === ns && v.labels.condition === 'Ready');
    if (ready.length === 0) return undefined;
    return Object.fromEntries(ready.map((v) => [v.labels.status, v.value]));
  };
  const sorted = (counts: Record<string, number> | undefined) =>
    counts && JSON.stringify(Object.entries(counts).sort());
  const expectReady = (expected: Record<string, number> | undefined, what: string) =>
    eventually(async () => (sorted(await readyCounts()) === sorted(expected) ? true : undefined), what);

  it('counts Workloads by Ready status as they change, and forgets deleted ones', async () => {
    expect(await h.manager.metrics.registry.metrics()).toContain(`# TYPE ${WORKLOADS_METRIC} gauge`);
    expect(await readyCounts()).toBeUndefined();

    await h.client.create(WorkloadKind, workload(ns, 'up'));
    await h.client.create(WorkloadKind, workload(ns, 'down', { resources: { jobs: { type: 'queue' } } }));
    await conditionReason(h.client, ns, 'up', 'Ready', 'Ready');
    await conditionReason(h.client, ns, 'down', 'ClaimsReady', 'ClaimsPending');
    await expectReady({ True: 1, False: 1, Unknown: 0 }, 'one Ready, one not');

    // The test plays the resolver: the claim binds and the second Workload becomes Ready.
    await setClaimStatus(h.client, ns, 'down-jobs', { phase: 'Bound', outputs: {} });
    await conditionReason(h.client, ns, 'down', 'Ready', 'Ready');
    await expectReady({ True: 2, False: 0, Unknown: 0 }, 'both Ready');

    await h.client.delete(WorkloadKind, { namespace: ns, name: 'down' });
    await expectReady({ True: 1, False: 0, Unknown: 0 }, 'the deleted Workload gone');
    await h.client.delete(WorkloadKind, { namespace: ns, name: 'up' });
    await expectReady(undefined, 'no series for a namespace without Workloads');
  });
});
