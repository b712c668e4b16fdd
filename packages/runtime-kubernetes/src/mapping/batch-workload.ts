import type { V1CronJob, V1Job, V1JobSpec, V1ObjectMeta, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { PlanBatch } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { contentHash } from './content-hash.js';
import type { PlanObject } from './plan-object.js';
import { LabelKeys } from './workload-labels.js';

/**
 * Job annotation: a hash of what the Job is made from — the plan's containers, batch settings, labels,
 * annotations, service and options, and the versions of the files it mounts — not of the manifest, so a
 * newer runtime that maps the same plan differently does not run finished Jobs again. A Job's pod
 * template cannot change, so a Job whose hash differs from the plan's is replaced, and one whose hash is the
 * plan's is left as it is (see the package README, "Batch workloads").
 */
export const JOB_SPEC_HASH_ANNOTATION = 'score.dev/job-spec-hash';

/** The time zone of every CronJob: schedules are UTC, so the next run can be computed here. */
export const CRONJOB_TIME_ZONE = 'Etc/UTC';

/** A CronJob's name leaves 11 characters for the Job names it makes (Kubernetes' own limit). */
const CRONJOB_NAME_MAX = 52;

/**
 * The Job (`batch.kind: job`) or CronJob (`cronjob`) of a batch plan, around the pod template built as
 * for a Deployment: the pods restart `OnFailure` unless `restartPolicy` says `Never`; `backoffLimit` and
 * `activeDeadlineSeconds` go on the Job (the CronJob's job template); a CronJob gets the schedule in UTC,
 * the concurrency policy, history limits and `suspend` (false unless set). The Job's own selector is left to
 * Kubernetes (its pods carry the plan's labels all the same). Pure.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` for a cronjob without a schedule or with a name too long.
 */
export function batchWorkload(
  plan: PlanObject,
  batch: PlanBatch,
  metadata: V1ObjectMeta,
  podTemplate: V1PodTemplateSpec,
): V1Job | V1CronJob {
  const template: V1PodTemplateSpec = {
    ...podTemplate,
    spec: { ...podTemplate.spec!, restartPolicy: batch.restartPolicy ?? 'OnFailure' },
  };
  const jobSpec: V1JobSpec = {
    ...(batch.backoffLimit !== undefined ? { backoffLimit: batch.backoffLimit } : {}),
    ...(batch.activeDeadlineSeconds !== undefined
      ? { activeDeadlineSeconds: batch.activeDeadlineSeconds }
      : {}),
    template,
  };
  if (batch.kind === 'job') {
    const annotations = {
      ...metadata.annotations,
      [JOB_SPEC_HASH_ANNOTATION]: jobInputsHash(plan, podTemplate),
    };
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...metadata, annotations }, spec: jobSpec };
  }
  const name = metadata.name ?? '';
  if (name.length > CRONJOB_NAME_MAX) {
    throw new RuntimeKubernetesError(
      'InvalidPlan',
      `failed to map plan: a cronjob's name may have at most ${CRONJOB_NAME_MAX} characters, and ${JSON.stringify(name)} has ${name.length}; shorten the Workload's name`,
    );
  }
  if (!batch.schedule) {
    throw new RuntimeKubernetesError(
      'InvalidPlan',
      'failed to map plan: batch.schedule is required for a cronjob',
    );
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata,
    spec: {
      schedule: batch.schedule,
      timeZone: CRONJOB_TIME_ZONE,
      ...(batch.concurrencyPolicy ? { concurrencyPolicy: batch.concurrencyPolicy } : {}),
      ...(batch.successfulHistoryLimit !== undefined
        ? { successfulJobsHistoryLimit: batch.successfulHistoryLimit }
        : {}),
      ...(batch.failedHistoryLimit !== undefined ? { failedJobsHistoryLimit: batch.failedHistoryLimit } : {}),
      suspend: batch.suspend ?? false,
      jobTemplate: {
        metadata: {
          labels: metadata.labels,
          ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
        },
        spec: jobSpec,
      },
    },
  };
}

/** The hash of {@link JOB_SPEC_HASH_ANNOTATION}: the plan's inputs to the Job (not the workload reference). */
function jobInputsHash(plan: PlanObject, podTemplate: V1PodTemplateSpec): string {
  const { containers, batch, labels, annotations, service, options } = plan.spec;
  const filesHash = podTemplate.metadata?.annotations?.[LabelKeys.filesHash];
  return contentHash({ containers, batch, labels, annotations, service, options, filesHash }, 16);
}
