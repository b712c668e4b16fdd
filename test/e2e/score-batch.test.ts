// examples/score-features/job.score.yaml and cronjob.score.yaml on a LocalCluster: batch workloads chosen
// by the `k8s.score.dev/kind` annotation. The Job's pods are completed by the fake nodes' pod lifecycle
// (kwok's pod-complete stage: pods owned by a Job turn Succeeded), the job controller marks the Job
// Complete, and the Workload becomes Ready with RuntimeReady reason Succeeded. The CronJob's Workload is
// Ready (Scheduled) as soon as the schedule is in place, and says when it runs next. A bad annotation is
// refused before anything runs, naming the annotation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import {
  convertScoreFile,
  validateScoreFile,
  WorkloadKind,
  WorkloadPlanKind,
  type Workload,
  type WorkloadPlan,
} from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  eventually,
  readExample,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  type GoldenCluster,
  type RunningOrchestrator,
} from './golden-path/golden-path-cluster.js';

const examples = join(process.cwd(), 'examples', 'score-features');
const exampleText = (file: string) => readFileSync(join(examples, file), 'utf8');
const conditionOf = (workload: Workload | undefined, type: string) =>
  workload?.status?.conditions?.find((c) => c.type === type);

describe('batch workloads (examples/score-features/job.score.yaml, cronjob.score.yaml)', () => {
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator;
  let ns: string;

  beforeAll(async () => {
    golden = await startGoldenCluster();
    orchestrator = await startOrchestrator(golden.cluster.kubeConfig, readExample('platform.yaml'));
    ns = await golden.namespace('batch');
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  it('runs the Job to completion: the Workload is Ready, RuntimeReady Succeeded, with no Service', async () => {
    const text = exampleText('job.score.yaml');
    expect(validateScoreFile(text).issues).toEqual([]);
    await golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const ready = await waitForReady(golden.client, ns, 'report');
    expect(conditionOf(ready, 'RuntimeReady')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(conditionOf(ready, 'RuntimeReady')?.message).toMatch(/^the run succeeded at /);
    expect(ready.status?.endpoint).toBeUndefined();

    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'report' });
    expect(plan?.spec.batch).toEqual({ kind: 'job', backoffLimit: 2, activeDeadlineSeconds: 600 });
    expect(plan?.status?.batch).toMatchObject({ state: 'Succeeded' });
    expect(plan?.status?.batch?.completionTime).toBeDefined();

    const job = await golden.client.get<V1Job>(BuiltinKinds.Job, { namespace: ns, name: 'report' });
    expect(job?.status?.succeeded).toBe(1);
    const pod = job!.spec!.template.spec!;
    expect(pod.restartPolicy).toBe('OnFailure');
    // fetch runs to completion first; logs is a native sidecar, kept running next to main for the run.
    expect(pod.initContainers?.map((c) => [c.name, c.restartPolicy]).sort()).toEqual([
      ['fetch', undefined],
      ['logs', 'Always'],
    ]);
    expect(pod.containers.map((c) => c.name)).toEqual(['main']);
    expect(pod.containers[0]?.volumeMounts?.map((m) => m.mountPath)).toEqual(['/etc/report/query.sql']);
    expect(await golden.client.get(BuiltinKinds.Service, { namespace: ns, name: 'report' })).toBeUndefined();

    // A completed Job is never run again while nothing changes.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await golden.client.get<V1Job>(BuiltinKinds.Job, { namespace: ns, name: 'report' });
    expect(again?.metadata?.uid).toBe(job?.metadata?.uid);
  });

  it('puts the CronJob in place: the Workload is Ready, RuntimeReady Scheduled, with the next run', async () => {
    const text = exampleText('cronjob.score.yaml');
    expect(validateScoreFile(text).issues).toEqual([]);
    await golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const ready = await waitForReady(golden.client, ns, 'cleanup');
    const runtime = conditionOf(ready, 'RuntimeReady');
    expect(runtime).toMatchObject({ status: 'True', reason: 'Scheduled' });
    expect(runtime?.message).toMatch(/^runs on schedule "\*\/15 \* \* \* \*" \(UTC\); .*next run at \d{4}-/);

    const cronJob = await golden.client.get<V1CronJob>(BuiltinKinds.CronJob, {
      namespace: ns,
      name: 'cleanup',
    });
    expect(cronJob?.spec).toMatchObject({
      schedule: '*/15 * * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 1,
      suspend: false,
    });
    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'cleanup' });
    const next = plan?.status?.batch?.nextScheduleTime;
    expect(next && new Date(next).getUTCMinutes() % 15).toBe(0);
  });

  it('refuses a CronJob without a schedule before anything runs, naming the annotation', async () => {
    const text = exampleText('cronjob.score.yaml')
      .replace('name: cleanup', 'name: unscheduled')
      .replace(/\n {4}k8s\.score\.dev\/schedule: .*\n/, '\n');
    await golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const refused = await eventually(async () => {
      const workload = await golden.client.get<Workload>(WorkloadKind, {
        namespace: ns,
        name: 'unscheduled',
      });
      const inputs = conditionOf(workload, 'InputsValid');
      return inputs?.status === 'False' && inputs;
    }, 'InputsValid False');
    expect(refused.reason).toBe('InvalidSpec');
    expect(refused.message).toContain(
      'metadata.annotations["k8s.score.dev/schedule"]: is required for a cronjob',
    );
    expect(
      await golden.client.get(BuiltinKinds.CronJob, { namespace: ns, name: 'unscheduled' }),
    ).toBeUndefined();
    expect(orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
