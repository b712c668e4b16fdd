import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import type { PlanBatch } from '../resources/plan-batch.js';
import { resolveWorkloadRun } from './workload-run.js';

const cronProfile: PlanBatch = {
  kind: 'cronjob',
  schedule: '0 3 * * *',
  concurrencyPolicy: 'Forbid',
  backoffLimit: 2,
};

describe('resolveWorkloadRun', () => {
  it('is a service without annotations or profile batch', () => {
    expect(resolveWorkloadRun(undefined)).toEqual({});
    expect(resolveWorkloadRun({ team: 'a' })).toEqual({});
  });

  it('reads a CronJob and its settings from the annotations', () => {
    const run = resolveWorkloadRun({
      'k8s.score.dev/kind': 'CronJob',
      'k8s.score.dev/schedule': '*/5 * * * *',
      'k8s.score.dev/concurrency-policy': 'Replace',
      'k8s.score.dev/successful-jobs-history-limit': '1',
      'k8s.score.dev/failed-jobs-history-limit': '0',
      'k8s.score.dev/suspend': 'false',
      'k8s.score.dev/backoff-limit': '3',
      'k8s.score.dev/active-deadline-seconds': '600',
      'k8s.score.dev/restart-policy': 'Never',
    });
    expect(run).toEqual({
      batch: {
        kind: 'cronjob',
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Replace',
        successfulHistoryLimit: 1,
        failedHistoryLimit: 0,
        suspend: false,
        backoffLimit: 3,
        activeDeadlineSeconds: 600,
        restartPolicy: 'Never',
      },
    });
  });

  it('takes the profile batch and lets annotations override its fields', () => {
    expect(resolveWorkloadRun({ 'k8s.score.dev/backoff-limit': '5' }, cronProfile)).toEqual({
      batch: { ...cronProfile, backoffLimit: 5 },
    });
  });

  it('drops the profile cronjob fields when the workload asks for a Job', () => {
    expect(resolveWorkloadRun({ 'k8s.score.dev/kind': 'Job' }, cronProfile)).toEqual({
      batch: { kind: 'job', backoffLimit: 2 },
    });
  });

  it('runs as a service when the workload asks for a Deployment or StatefulSet, whatever the profile', () => {
    expect(resolveWorkloadRun({ 'k8s.score.dev/kind': 'Deployment' }, cronProfile)).toEqual({
      serviceKind: 'Deployment',
    });
    expect(resolveWorkloadRun({ 'k8s.score.dev/kind': 'StatefulSet' })).toEqual({
      serviceKind: 'StatefulSet',
    });
  });

  it.each([
    [
      { 'k8s.score.dev/kind': 'cronjob' },
      'metadata.annotations["k8s.score.dev/kind"]: "cronjob" is not one of Deployment, StatefulSet, Job, CronJob',
    ],
    [
      { 'k8s.score.dev/kind': 'CronJob' },
      'metadata.annotations["k8s.score.dev/schedule"]: is required for a cronjob',
    ],
    [
      { 'k8s.score.dev/kind': 'CronJob', 'k8s.score.dev/schedule': '61 * * * *' },
      'metadata.annotations["k8s.score.dev/schedule"]: "61 * * * *" is not a valid cron schedule: minute: 61 is out of range 0-59',
    ],
    [
      { 'k8s.score.dev/kind': 'Job', 'k8s.score.dev/schedule': '0 3 * * *' },
      'metadata.annotations["k8s.score.dev/schedule"]: applies only to a cronjob (k8s.score.dev/kind: Job)',
    ],
    [
      { 'k8s.score.dev/kind': 'Job', 'k8s.score.dev/backoff-limit': '-1' },
      'metadata.annotations["k8s.score.dev/backoff-limit"]: "-1" is not a whole number from 0 to 1000000',
    ],
    [
      { 'k8s.score.dev/kind': 'Job', 'k8s.score.dev/active-deadline-seconds': '0' },
      'metadata.annotations["k8s.score.dev/active-deadline-seconds"]: "0" is not a whole number from 1 to 31536000',
    ],
    [
      {
        'k8s.score.dev/kind': 'CronJob',
        'k8s.score.dev/schedule': '@daily',
        'k8s.score.dev/concurrency-policy': 'forbid',
      },
      'metadata.annotations["k8s.score.dev/concurrency-policy"]: "forbid" is not one of Allow, Forbid, Replace',
    ],
    [
      { 'k8s.score.dev/kind': 'CronJob', 'k8s.score.dev/schedule': '@daily', 'k8s.score.dev/suspend': 'yes' },
      'metadata.annotations["k8s.score.dev/suspend"]: "yes" is not true or false',
    ],
    [
      { 'k8s.score.dev/schedule': '0 3 * * *' },
      'metadata.annotations["k8s.score.dev/schedule"]: applies only to a batch workload (k8s.score.dev/kind: Job or CronJob)',
    ],
    [
      { 'k8s.score.dev/kind': 'Job', 'k8s.score.dev/restart-policy': 'Always' },
      'metadata.annotations["k8s.score.dev/restart-policy"]: "Always" is not one of OnFailure, Never',
    ],
  ])('refuses %j naming the annotation', (annotations, message) => {
    let error: unknown;
    try {
      resolveWorkloadRun(annotations);
    } catch (err) {
      error = err;
    }
    expect(ScoreApiError.is(error, 'Validation')).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
