import type { V1CronJob, V1Job, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from '@jest/globals';
import { observeCronJob, observeJob } from './observe-batch.js';

function job(status: V1Job['status'], spec: Partial<NonNullable<V1Job['spec']>> = {}): V1Job {
  return {
    kind: 'Job',
    metadata: { name: 'report', uid: 'job-1' },
    spec: { template: {}, ...spec },
    status,
  };
}

const condition = (type: string, reason?: string, message?: string) => ({
  type,
  status: 'True',
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

function waitingPod(owner: string, reason: string): V1Pod {
  return {
    metadata: {
      name: `report-${owner}`,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'report', uid: owner }],
    },
    spec: { containers: [{ name: 'main', image: 'registry.example.com/report:1' }] },
    status: {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'main',
          image: 'x',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason, message: 'pull failed' } },
        },
      ],
    },
  };
}

describe('observeJob', () => {
  it('is Ready, Succeeded once the Job completed', () => {
    const observed = observeJob(
      job({
        startTime: '2026-03-01T10:00:00Z' as never,
        completionTime: '2026-03-01T10:01:30Z' as never,
        succeeded: 1,
        failed: 1,
        conditions: [condition('Complete')] as never,
      }),
      [],
    );
    expect(observed).toEqual({
      phase: 'Ready',
      reason: 'Succeeded',
      message: 'the run succeeded at 2026-03-01T10:01:30Z, after 1 failed attempt',
      batch: {
        state: 'Succeeded',
        startTime: '2026-03-01T10:00:00Z',
        completionTime: '2026-03-01T10:01:30Z',
      },
    });
  });

  it.each([
    [
      'BackoffLimitExceeded',
      { failed: 3 },
      { backoffLimit: 2 },
      'the run failed: it failed 3 times, more than its retries allow (backoff limit 2) (BackoffLimitExceeded)',
    ],
    [
      'DeadlineExceeded',
      { failed: 1 },
      { activeDeadlineSeconds: 60 },
      'the run failed: it ran longer than its deadline of 60s (DeadlineExceeded)',
    ],
    ['PodFailurePolicy', {}, {}, 'the run failed: PodFailurePolicy: Container main exited with 42'],
  ])('is Failed, Failed with the reason %s', (reason, status, spec, message) => {
    const observed = observeJob(
      job(
        { ...status, conditions: [condition('Failed', reason, 'Container main exited with 42')] as never },
        spec,
      ),
      [],
    );
    expect(observed).toEqual({
      phase: 'Failed',
      reason: 'Failed',
      message,
      batch: { state: 'Failed', failureReason: reason },
    });
  });

  it('is Progressing, Running while the run goes', () => {
    expect(observeJob(job(undefined), [])).toMatchObject({
      phase: 'Progressing',
      reason: 'Running',
      message: 'waiting for the run to start',
      batch: { state: 'Running' },
    });
    expect(observeJob(job({ startTime: '2026-03-01T10:00:00Z' as never, active: 1 }), [])).toEqual({
      phase: 'Progressing',
      reason: 'Running',
      message: 'the run is in progress (1 active pod)',
      batch: { state: 'Running', startTime: '2026-03-01T10:00:00Z', active: 1 },
    });
  });

  it("reports a problem of the Job's own pods, not of another Job's", () => {
    const running = job({ startTime: '2026-03-01T10:00:00Z' as never, active: 1 });
    expect(observeJob(running, [waitingPod('job-1', 'ImagePullBackOff')])).toMatchObject({
      phase: 'Failed',
      reason: 'ImagePullError',
      batch: { state: 'Running' },
    });
    expect(observeJob(running, [waitingPod('old-job', 'ImagePullBackOff')])).toMatchObject({
      phase: 'Progressing',
      reason: 'Running',
    });
  });
});

describe('observeCronJob', () => {
  const now = new Date('2026-03-01T10:02:30Z');
  function cronJob(spec: Partial<NonNullable<V1CronJob['spec']>>, status?: V1CronJob['status']): V1CronJob {
    return {
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: { schedule: '*/5 * * * *', jobTemplate: {}, ...spec },
      status,
    };
  }

  it('is Ready, Scheduled with the last and next run', () => {
    const observed = observeCronJob(
      cronJob(
        {},
        {
          lastScheduleTime: '2026-03-01T10:00:00Z' as never,
          lastSuccessfulTime: '2026-03-01T10:00:40Z' as never,
        },
      ),
      now,
    );
    expect(observed).toEqual({
      phase: 'Ready',
      reason: 'Scheduled',
      message:
        'runs on schedule "*/5 * * * *" (UTC); last run scheduled at 2026-03-01T10:00:00Z; next run at 2026-03-01T10:05:00Z',
      batch: {
        state: 'Scheduled',
        lastScheduleTime: '2026-03-01T10:00:00Z',
        lastSuccessfulTime: '2026-03-01T10:00:40Z',
        nextScheduleTime: '2026-03-01T10:05:00Z',
      },
    });
  });

  it('says when no run happened yet and how many run now', () => {
    const observed = observeCronJob(cronJob({}, { active: [{ name: 'report-1' }] }), now);
    expect(observed.message).toBe(
      'runs on schedule "*/5 * * * *" (UTC); no run yet; next run at 2026-03-01T10:05:00Z; 1 run in progress',
    );
    expect(observed.batch).toEqual({
      state: 'Scheduled',
      active: 1,
      nextScheduleTime: '2026-03-01T10:05:00Z',
    });
  });

  it('is Degraded, Suspended while suspended, with no next run', () => {
    expect(observeCronJob(cronJob({ suspend: true }), now)).toEqual({
      phase: 'Degraded',
      reason: 'Suspended',
      message: 'the schedule "*/5 * * * *" is suspended: no run starts; no run yet',
      batch: { state: 'Suspended' },
    });
  });
});
