// Batch workloads on a real kube-apiserver: the runtime creates the Job or CronJob of a batch plan, reads
// their status as the kube-controller-manager writes it (patched here by hand, as the job and cronjob
// controllers would), replaces a Job only when its spec changes, and prunes it when the plan turns
// into a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import type { PlanBatch } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { eventually } from '@score-orchestrator/testing';
import type { PlanObject } from '../mapping/plan-object.js';
import { startRuntimeTestbed, type RuntimeTestbed } from './fixtures/runtime-testbed.js';
import { KubernetesRuntime } from './kubernetes.runtime.js';

const namespace = 'batch';
let testbed: RuntimeTestbed;
const runtime = new KubernetesRuntime();

beforeAll(async () => {
  testbed = await startRuntimeTestbed(namespace);
}, 120_000);

afterAll(async () => {
  await testbed?.stop();
}, 60_000);

/** Stores a plan (as the orchestrator would) and returns it as the API server has it. */
async function storePlan(
  name: string,
  batch: PlanBatch | undefined,
  image = 'busybox:1.36',
  generation = 1,
): Promise<PlanObject> {
  return testbed.client.apply<PlanObject>(
    {
      apiVersion: 'score.dev/v1b1',
      kind: 'WorkloadPlan',
      metadata: { name, namespace },
      spec: {
        runtimeClass: 'kubernetes',
        workload: { name, uid: `uid-of-${name}`, generation },
        ...(batch ? { batch } : {}),
        containers: { main: { image, command: ['sh', '-c', 'echo done'] } },
      },
    } as PlanObject,
    { force: true },
  );
}

/** Applies the plan once the cache shows the objects the runtime wrote last (as the host's watch would). */
async function applyPlan(plan: PlanObject) {
  return runtime.apply(plan, testbed.ctx);
}

const getJob = (name: string) => testbed.client.get<V1Job>(BuiltinKinds.Job, { namespace, name });
const getCronJob = (name: string) => testbed.client.get<V1CronJob>(BuiltinKinds.CronJob, { namespace, name });

/** Writes a Job's status as the job controller does, and waits until the cache has it. */
async function setJobStatus(name: string, status: V1Job['status']): Promise<void> {
  const updated = await testbed.client.updateStatus<V1Job>(BuiltinKinds.Job, { namespace, name }, (job) => {
    job.status = status;
  });
  const written = updated.object.metadata?.resourceVersion;
  await eventually(
    () =>
      testbed.cache.get<V1Job>(BuiltinKinds.Job, { namespace, name })?.metadata?.resourceVersion === written,
    `the cache to see the status of Job ${name}`,
  );
}

describe('a job plan', () => {
  it('runs as a Job and says Running, then Succeeded from the Job status', async () => {
    const plan = await storePlan('report', { kind: 'job', backoffLimit: 2 });
    const first = await applyPlan(plan);
    expect(first).toMatchObject({
      phase: 'Progressing',
      reason: 'Running',
      message: 'waiting for the run to start',
      batch: { state: 'Running' },
    });
    expect(first.endpoint).toBeUndefined();
    const job = await getJob('report');
    expect(job?.spec?.backoffLimit).toBe(2);
    expect(job?.spec?.template.spec?.restartPolicy).toBe('OnFailure');
    expect(job?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'WorkloadPlan', name: 'report' });
    // No Service for a workload without ports.
    expect(await testbed.client.get(BuiltinKinds.Service, { namespace, name: 'report' })).toBeUndefined();

    const started = '2026-03-01T10:00:00Z';
    await setJobStatus('report', { startTime: started as never, active: 1 });
    expect(await applyPlan(plan)).toMatchObject({
      phase: 'Progressing',
      reason: 'Running',
      message: 'the run is in progress (1 active pod)',
      batch: { state: 'Running', startTime: started, active: 1 },
    });

    const done = '2026-03-01T10:00:42Z';
    await setJobStatus('report', {
      startTime: started as never,
      completionTime: done as never,
      succeeded: 1,
      conditions: [
        {
          type: 'SuccessCriteriaMet',
          status: 'True',
          reason: 'CompletionsReached',
          lastTransitionTime: done as never,
        },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', lastTransitionTime: done as never },
      ],
    });
    expect(await applyPlan(plan)).toEqual({
      phase: 'Ready',
      reason: 'Succeeded',
      message: `the run succeeded at ${done}`,
      batch: { state: 'Succeeded', startTime: started, completionTime: done },
    });
    // An unchanged plan never re-runs a finished Job, nor does a Workload change that is not the Job's.
    await applyPlan(plan);
    expect((await getJob('report'))?.metadata?.uid).toBe(job?.metadata?.uid);
    const regenerated = await storePlan('report', { kind: 'job', backoffLimit: 2 }, 'busybox:1.36', 2);
    expect(await applyPlan(regenerated)).toMatchObject({ reason: 'Succeeded' });
    expect((await getJob('report'))?.metadata?.uid).toBe(job?.metadata?.uid);
  });

  it('says Failed with the reason from the Job status', async () => {
    const plan = await storePlan('flaky', { kind: 'job', backoffLimit: 1 });
    await applyPlan(plan);
    const at = '2026-03-01T11:00:00Z' as never;
    await setJobStatus('flaky', {
      startTime: at,
      failed: 2,
      conditions: [
        { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: at },
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
          lastTransitionTime: at,
        },
      ],
    });
    expect(await applyPlan(plan)).toMatchObject({
      phase: 'Failed',
      reason: 'Failed',
      message:
        'the run failed: it failed 2 times, more than its retries allow (backoff limit 1) (BackoffLimitExceeded)',
      batch: { state: 'Failed', failureReason: 'BackoffLimitExceeded' },
    });
  });

  it('replaces the Job when its pod template changes, and the new one runs', async () => {
    const before = await getJob('report');
    const plan = await storePlan('report', { kind: 'job', backoffLimit: 2 }, 'busybox:1.37');
    // The old Job is deleted (Background) and the new one created in the same apply.
    const observed = await applyPlan(plan);
    expect(observed).toMatchObject({ reason: 'Running', batch: { state: 'Running' } });
    const after = await getJob('report');
    expect(after?.metadata?.uid).not.toBe(before?.metadata?.uid);
    expect(after?.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.37');
    // Applying again with the cache perhaps still showing the old Job changes nothing.
    await applyPlan(plan);
    expect((await getJob('report'))?.metadata?.uid).toBe(after?.metadata?.uid);
  });

  it('prunes the Job when the plan becomes a service', async () => {
    const plan = await storePlan('flaky', undefined);
    await applyPlan(plan);
    expect(await getJob('flaky')).toBeUndefined();
    expect(await testbed.client.get(BuiltinKinds.Deployment, { namespace, name: 'flaky' })).toBeDefined();
  });
});

describe('a cronjob plan', () => {
  const batch: PlanBatch = {
    kind: 'cronjob',
    schedule: '*/5 * * * *',
    concurrencyPolicy: 'Forbid',
    successfulHistoryLimit: 1,
    failedHistoryLimit: 1,
  };

  it('runs as a CronJob in UTC and is Ready, Scheduled, with the last and next run', async () => {
    const plan = await storePlan('nightly', batch);
    const first = await applyPlan(plan);
    expect(first).toMatchObject({ phase: 'Ready', reason: 'Scheduled', batch: { state: 'Scheduled' } });
    expect(first.message).toMatch(/^runs on schedule "\*\/5 \* \* \* \*" \(UTC\); no run yet; next run at /);
    const next = new Date(first.batch!.nextScheduleTime!);
    expect(next.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(next.getUTCMinutes() % 5).toBe(0);
    const cronJob = await getCronJob('nightly');
    expect(cronJob?.spec).toMatchObject({
      schedule: '*/5 * * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 1,
      suspend: false,
    });

    const last = new Date(Math.floor(Date.now() / 300_000) * 300_000).toISOString().replace('.000Z', 'Z');
    const updated = await testbed.client.updateStatus<V1CronJob>(
      BuiltinKinds.CronJob,
      { namespace, name: 'nightly' },
      (c) => {
        c.status = { lastScheduleTime: last as never };
      },
    );
    const written = updated.object.metadata?.resourceVersion;
    await eventually(
      () =>
        testbed.cache.get<V1CronJob>(BuiltinKinds.CronJob, { namespace, name: 'nightly' })?.metadata
          ?.resourceVersion === written,
      'the cache to see the CronJob status',
    );
    const observed = await applyPlan(plan);
    expect(observed.batch).toMatchObject({ state: 'Scheduled', lastScheduleTime: last });
    expect(observed.message).toContain(`last run scheduled at ${last}`);
  });

  it('is Suspended, not ready, while the plan suspends it', async () => {
    const plan = await storePlan('nightly', { ...batch, suspend: true });
    expect(await applyPlan(plan)).toMatchObject({
      phase: 'Degraded',
      reason: 'Suspended',
      batch: { state: 'Suspended' },
    });
    expect((await getCronJob('nightly'))?.spec?.suspend).toBe(true);
  });
});
