import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { WorkloadPlanKind, type WorkloadPlan } from '@score-orchestrator/api';
import { eventually, sleep, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { SIGNAL_LABEL, SignalRuntime } from './fixtures/signal.runtime.js';
import { runtimeConfigMapName, TestRuntime } from './fixtures/test.runtime.js';
import { createRuntimeHost } from './runtime-host.js';

/**
 * The host's progress-only status delay here: longer than a test's steps take, short enough to wait out.
 * The rollout test's steps take 0.7 s when idle: 6 s leaves room for a CI machine 8 times slower.
 */
const PROGRESS_DELAY_MS = 6_000;

describe('runtime host on a real API server', () => {
  let cluster: HostTestCluster;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('plans');
    await cluster.startHost(
      createRuntimeHost([TestRuntime, SignalRuntime], { progressStatusDelayMs: PROGRESS_DELAY_MS }),
    );
  });
  afterAll(() => cluster?.stop());

  const createPlan = (name: string, runtimeClass: string) =>
    cluster.client.create<WorkloadPlan>(WorkloadPlanKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'WorkloadPlan',
      metadata: { name, namespace: ns },
      spec: {
        runtimeClass,
        workload: { name, uid: '00000000-0000-0000-0000-000000000001', generation: 1 },
        containers: { main: { image: 'nginx:1.27' } },
      },
    });
  const getPlan = (name: string) =>
    cluster.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name });
  const configMap = (plan: string) =>
    cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ns,
      name: runtimeConfigMapName(plan),
    });

  it('applies a plan through its runtime and reports phase and endpoint', async () => {
    await createPlan('web', 'test');
    const ready = await eventually(async () => {
      const plan = await getPlan('web');
      return plan?.status?.phase === 'Ready' && plan;
    }, 'plan Ready');
    expect(ready.status).toMatchObject({
      reason: 'Running',
      message: 'all containers run',
      endpoint: `http://web.${ns}:8080`,
      observedGeneration: 1,
    });
    expect(ready.status?.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Running' }),
    ]);
    expect(ready.metadata.finalizers).toEqual(['score.dev/runtime-host']); // the runtime has delete()
    expect((await configMap('web'))?.data).toEqual({ images: 'nginx:1.27' });
  });

  it('repairs drift of owned objects and writes no status when nothing changed', async () => {
    const before = await getPlan('web');
    const applies = TestRuntime.applies.get(`${ns}/web`) ?? 0;
    await cluster.client.patch(
      BuiltinKinds.ConfigMap,
      { namespace: ns, name: 'web-runtime' },
      { data: { images: 'drifted' } },
    );
    await eventually(async () => (await configMap('web'))?.data?.images === 'nginx:1.27', 'drift repaired');
    expect(TestRuntime.applies.get(`${ns}/web`)).toBeGreaterThan(applies);
    await sleep(300);
    expect((await getPlan('web'))?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it("writes a batch plan's runs to status.batch, and removes them when the plan is a service again", async () => {
    await createPlan('report', 'test');
    await cluster.client.patch(
      WorkloadPlanKind,
      { namespace: ns, name: 'report' },
      { spec: { batch: { kind: 'job' } } },
    );
    const done = await eventually(async () => {
      const plan = await getPlan('report');
      return plan?.status?.batch !== undefined && plan;
    }, 'status.batch');
    expect(done.status?.batch).toEqual({ state: 'Succeeded', completionTime: '2026-03-01T10:00:00Z' });
    await cluster.client.patch(
      WorkloadPlanKind,
      { namespace: ns, name: 'report' },
      { spec: { batch: null } },
    );
    await eventually(async () => {
      const plan = await getPlan('report');
      return plan?.status?.observedGeneration === 3 && plan.status.batch === undefined;
    }, 'status.batch removed');
  });

  it('reports RuntimeNotFound without a finalizer', async () => {
    await createPlan('orphan', 'no-such-runtime');
    const pending = await eventually(async () => {
      const plan = await getPlan('orphan');
      return plan?.status?.phase === 'Pending' && plan;
    }, 'plan Pending');
    expect(pending.status?.reason).toBe('RuntimeNotFound');
    expect(pending.status?.message).toContain('runtimeClass "no-such-runtime"');
    expect(pending.metadata.finalizers ?? []).toEqual([]);
    await cluster.client.delete(WorkloadPlanKind, { namespace: ns, name: 'orphan' });
    await eventually(async () => (await getPlan('orphan')) === undefined, 'plan gone');
  });

  it('re-runs apply for objects a runtime watches without owning them, through its map', async () => {
    const created = Date.now();
    await createPlan('watcher', 'signal');
    const waiting = await eventually(async () => {
      const plan = await getPlan('watcher');
      return plan?.status?.message === 'signal: none' && plan;
    }, 'plan waiting for its signal');
    expect(waiting.status?.phase).toBe('Progressing');
    // Its first status only reported progress: held back for the delay, then written.
    expect(Date.now() - created).toBeGreaterThanOrEqual(PROGRESS_DELAY_MS - 500);
    const signal = (name: string, value: string, plan: string) =>
      cluster.client.create(BuiltinKinds.ConfigMap, {
        metadata: { name, namespace: ns, labels: { [SIGNAL_LABEL]: plan } },
        data: { value },
      });
    // A map that throws drops its event; the watch goes on working.
    await signal('broken', 'ignored', 'boom');
    // Not owned by the plan: only the declared watch can map this ConfigMap to it.
    await signal('go', 'green', 'watcher');
    const ready = await eventually(async () => {
      const plan = await getPlan('watcher');
      return plan?.status?.phase === 'Ready' && plan;
    }, 'plan Ready after its signal');
    expect(ready.status?.message).toBe('signal: green');
  });

  it('writes a plan that turns Ready within the progress delay once: its progress rides along', async () => {
    const phases: string[] = [];
    const watch = cluster.client.watch<WorkloadPlan>(
      WorkloadPlanKind,
      { namespace: ns, fieldSelector: 'metadata.name=rollout' },
      (event) => {
        if (event.type === 'MODIFIED')
          phases.push(`${event.object.status?.phase}: ${event.object.status?.message}`);
      },
    );
    try {
      await watch.established; // the watch is open before the plan exists
      await createPlan('rollout', 'signal');
      const signal = await cluster.client.create<V1ConfigMap>(BuiltinKinds.ConfigMap, {
        metadata: { name: 'rollout-signal', namespace: ns, labels: { [SIGNAL_LABEL]: 'rollout' } },
        data: { value: 'wait: 1 of 2 replicas' },
      });
      const setSignal = (value: string) =>
        cluster.client.patch(
          BuiltinKinds.ConfigMap,
          { namespace: ns, name: signal.metadata!.name! },
          { data: { value } },
        );
      await sleep(300);
      await setSignal('wait: 2 of 2 replicas');
      await sleep(300);
      await setSignal('green');
      await eventually(async () => (await getPlan('rollout'))?.status?.phase === 'Ready', 'plan Ready');
      await sleep(PROGRESS_DELAY_MS + 500); // nothing held back is written afterwards either
      expect(phases).toEqual(['Ready: signal: green']);
    } finally {
      watch.abort();
    }
  });

  it('calls the runtime delete on deletion, then releases the plan', async () => {
    await cluster.client.delete(WorkloadPlanKind, { namespace: ns, name: 'web' });
    await eventually(async () => (await getPlan('web')) === undefined, 'plan gone');
    expect(await configMap('web')).toBeUndefined();
  });
});
