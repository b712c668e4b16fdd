import type { V1CronJob, V1Job, V1Pod } from '@kubernetes/client-node';
import {
  nextCronTime,
  parseCronSchedule,
  type PlanBatchStatus,
  type RuntimePhase,
} from '@score-orchestrator/api';
import { plural } from './observe-rollout.js';
import { findPodProblem } from './pod-problems.js';

/** The runtime's reading of a batch workload, in Score terms: the phase, and the state of its runs. */
export interface BatchObservation {
  readonly phase: RuntimePhase;
  /** The batch state (`Running`, `Succeeded`, `Failed`, `Scheduled`, `Suspended`) or a pod problem's reason. */
  readonly reason: string;
  readonly message: string;
  readonly batch: PlanBatchStatus;
}

/**
 * Reads a Job and its pods. Pure.
 *
 * - `Complete` → `Ready`, `Succeeded` (a finished run is what a job's readiness means).
 * - `Failed` → `Failed`, `Failed`, saying why: retries used up (`BackoffLimitExceeded`), deadline passed
 *   (`DeadlineExceeded`), or the Job's own reason and message.
 * - Otherwise the run is going: a problem its pods show (image pull, crash loop…, see `findPodProblem`)
 *   is `Failed` with that reason, else `Progressing`, `Running`, with its counts.
 *
 * `pods` should be the Job's own pods; pods of other Jobs (e.g. a replaced one) are ignored by owner.
 */
export function observeJob(job: V1Job, pods: readonly V1Pod[]): BatchObservation {
  const status = job.status ?? {};
  const times = {
    ...(status.startTime ? { startTime: iso(status.startTime) } : {}),
    ...(status.completionTime ? { completionTime: iso(status.completionTime) } : {}),
    ...(status.active ? { active: status.active } : {}),
  };
  const condition = (type: string) => status.conditions?.find((c) => c.type === type && c.status === 'True');
  if (condition('Complete')) {
    const at = times.completionTime ? ` at ${times.completionTime}` : '';
    return {
      phase: 'Ready',
      reason: 'Succeeded',
      message: `the run succeeded${at}${retried(status.failed)}`,
      batch: { state: 'Succeeded', ...times },
    };
  }
  const failed = condition('Failed');
  if (failed) {
    const reason = failed.reason ?? 'Failed';
    return {
      phase: 'Failed',
      reason: 'Failed',
      message: `the run failed: ${failureMessage(job, reason, failed.message)}`,
      batch: { state: 'Failed', failureReason: reason, ...times },
    };
  }
  const uid = job.metadata?.uid;
  const own = pods.filter((p) => !uid || p.metadata?.ownerReferences?.some((ref) => ref.uid === uid));
  const problem = findPodProblem(own);
  if (problem) {
    return {
      phase: 'Failed',
      reason: problem.reason,
      message: `the run cannot proceed: ${problem.message}`,
      batch: { state: 'Running', ...times },
    };
  }
  const started = status.startTime !== undefined;
  return {
    phase: 'Progressing',
    reason: 'Running',
    message: started
      ? `the run is in progress (${status.active ?? 0} active ${plural(status.active ?? 0, 'pod')}${retried(status.failed)})`
      : 'waiting for the run to start',
    batch: { state: 'Running', ...times },
  };
}

/**
 * Reads a CronJob. Pure (`now` is given). `Ready`, `Scheduled` while it is not suspended, with the last run
 * and the next one (computed from the schedule in UTC, see `nextCronTime`, no earlier than the last run);
 * `Degraded`, `Suspended` while suspended (no run starts, none is due).
 */
export function observeCronJob(cronJob: V1CronJob, now: Date): BatchObservation {
  const spec = cronJob.spec;
  const status = cronJob.status ?? {};
  const last = status.lastScheduleTime ? iso(status.lastScheduleTime) : undefined;
  const runs = {
    ...(last ? { lastScheduleTime: last } : {}),
    ...(status.lastSuccessfulTime ? { lastSuccessfulTime: iso(status.lastSuccessfulTime) } : {}),
    ...(status.active?.length ? { active: status.active.length } : {}),
  };
  const lastText = last ? `last run scheduled at ${last}` : 'no run yet';
  if (spec?.suspend) {
    return {
      phase: 'Degraded',
      reason: 'Suspended',
      message: `the schedule ${JSON.stringify(spec.schedule)} is suspended: no run starts; ${lastText}`,
      batch: { state: 'Suspended', ...runs },
    };
  }
  const next = nextRun(spec?.schedule ?? '', last, now);
  return {
    phase: 'Ready',
    reason: 'Scheduled',
    message: `runs on schedule ${JSON.stringify(spec?.schedule)} (UTC); ${lastText}${next ? `; next run at ${next}` : ''}${
      runs.active ? `; ${runs.active} ${plural(runs.active, 'run')} in progress` : ''
    }`,
    batch: { state: 'Scheduled', ...runs, ...(next ? { nextScheduleTime: next } : {}) },
  };
}

function nextRun(schedule: string, last: string | undefined, now: Date): string | undefined {
  try {
    const from = last && new Date(last) > now ? new Date(last) : now;
    return nextCronTime(parseCronSchedule(schedule), from)?.toISOString().replace('.000Z', 'Z');
  } catch {
    return undefined;
  }
}

function failureMessage(job: V1Job, reason: string, message: string | undefined): string {
  const failures = job.status?.failed ?? 0;
  switch (reason) {
    case 'BackoffLimitExceeded':
      return `it failed ${failures} ${plural(failures, 'time')}, more than its retries allow (backoff limit ${job.spec?.backoffLimit ?? 6}) (BackoffLimitExceeded)`;
    case 'DeadlineExceeded':
      return `it ran longer than its deadline of ${job.spec?.activeDeadlineSeconds ?? '?'}s (DeadlineExceeded)`;
    default:
      return `${reason}${message ? `: ${message}` : ''}`;
  }
}

function retried(failed: number | undefined): string {
  return failed ? `, after ${failed} failed ${plural(failed, 'attempt')}` : '';
}

function iso(time: Date | string): string {
  return (typeof time === 'string' ? new Date(time) : time).toISOString().replace('.000Z', 'Z');
}
