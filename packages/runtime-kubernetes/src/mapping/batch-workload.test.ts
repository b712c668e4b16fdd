import { readFileSync, writeFileSync } from 'node:fs';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { describe, expect, it } from '@jest/globals';
import type { PlanBatch } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { JOB_SPEC_HASH_ANNOTATION } from './batch-workload.js';
import { fullPlan, planFixture, webPlan } from './fixtures/plan-fixtures.js';
import type { PlanObject } from './plan-object.js';
import { planToManifests } from './workload-manifests.js';

const options = { defaultReplicas: 1 };
const golden = new URL('./fixtures/batch-plans.golden.json', import.meta.url);

/** The full plan (files, volumes, resources, probes, `before`, ports) as a batch workload. */
function batchPlan(batch: PlanBatch): PlanObject {
  const plan = fullPlan();
  return { ...plan, spec: { ...plan.spec, batch } };
}

const cronjob: PlanBatch = {
  kind: 'cronjob',
  schedule: '*/5 * * * *',
  concurrencyPolicy: 'Forbid',
  successfulHistoryLimit: 2,
  failedHistoryLimit: 1,
  backoffLimit: 3,
  activeDeadlineSeconds: 600,
};

describe('planToManifests of a batch plan', () => {
  it('maps a job and a cronjob using every feature to the golden manifests', () => {
    const manifests = {
      job: planToManifests(batchPlan({ kind: 'job', backoffLimit: 2, restartPolicy: 'Never' }), options).all,
      cronjob: planToManifests(batchPlan(cronjob), options).all,
    };
    if (process.env['UPDATE_GOLDEN'] === '1')
      writeFileSync(golden, `${JSON.stringify(manifests, null, 2)}\n`);
    expect(JSON.parse(JSON.stringify(manifests))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('maps the pod template as for a Deployment, restarting OnFailure by default', () => {
    const deployment = planToManifests(fullPlan(), options).workload;
    const job = planToManifests(batchPlan({ kind: 'job' }), options).workload as V1Job;
    expect(job.kind).toBe('Job');
    expect(job.spec?.template.spec).toEqual({
      ...(deployment.spec as { template: { spec: object } }).template.spec,
      restartPolicy: 'OnFailure',
    });
    // native sidecars keep their own restartPolicy: Always inside a Job's pod
    expect(job.spec?.template.spec?.initContainers?.map((c) => [c.name, c.restartPolicy])).toEqual([
      ['migrate', undefined],
      ['proxy', 'Always'],
    ]);
    expect(job.spec?.template.metadata?.labels).toMatchObject({ 'app.kubernetes.io/instance': 'shop' });
  });

  it('creates no Service for a batch workload without ports, and one when it declares ports', () => {
    expect(planToManifests(webPlan({}, { batch: { kind: 'job' } }), options).services).toEqual([]);
    const served = planToManifests(batchPlan({ kind: 'job' }), options);
    expect(served.services.map((s) => s.metadata?.name)).toEqual(['shop']);
    expect(served.all.map((o) => o.kind)).toEqual(['ConfigMap', 'Service', 'Job']);
  });

  it('ignores replicas and workloadKind for a batch plan', () => {
    const plan = planFixture({
      options: { workloadKind: 'StatefulSet', replicas: 3 },
      batch: { kind: 'job' },
    });
    const manifests = planToManifests(plan, options);
    expect(manifests.all.map((o) => o.kind)).toEqual(['Job']);
  });

  it('stamps the Job with a hash of its inputs, which changes when they do and only then', () => {
    const hash = (plan: PlanObject) =>
      planToManifests(plan, options).workload.metadata?.annotations?.[JOB_SPEC_HASH_ANNOTATION];
    const base = hash(webPlan({}, { batch: { kind: 'job' } }));
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(webPlan({}, { batch: { kind: 'job' } }))).toBe(base);
    expect(hash(webPlan({ image: 'nginx:1.28' }, { batch: { kind: 'job' } }))).not.toBe(base);
    expect(hash(webPlan({}, { batch: { kind: 'job', backoffLimit: 1 } }))).not.toBe(base);
    expect(hash(webPlan({}, { batch: { kind: 'job' }, annotations: { run: '2' } }))).not.toBe(base);
    // What does not go into the Job: the Workload's generation, endpoint hints.
    const unrelated = webPlan({}, { batch: { kind: 'job' }, endpointHints: { host: 'a.example.com' } });
    unrelated.spec.workload = { ...unrelated.spec.workload, generation: 7 };
    expect(hash(unrelated)).toBe(base);
  });

  it('gives the CronJob its schedule in UTC and suspend false unless asked', () => {
    const cron = planToManifests(webPlan({}, { batch: { kind: 'cronjob', schedule: '@daily' } }), options)
      .workload as V1CronJob;
    expect(cron.spec).toMatchObject({ schedule: '@daily', timeZone: 'Etc/UTC', suspend: false });
    expect(cron.spec?.jobTemplate.spec?.template.spec?.restartPolicy).toBe('OnFailure');
  });

  it('refuses a cronjob whose name leaves no room for its jobs names', () => {
    const plan = planFixture({ batch: { kind: 'cronjob', schedule: '@daily' } }, 'a'.repeat(53));
    expect(() => planToManifests(plan, options)).toThrow(RuntimeKubernetesError);
    expect(() => planToManifests(plan, options)).toThrow(/at most 52 characters/);
  });
});
