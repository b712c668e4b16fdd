// How a Workload runs: a service (Deployment/StatefulSet) or a batch workload (Job/CronJob), from its
// profile and its `k8s.score.dev/*` annotations.
import { ScoreApiError, type FieldIssue } from '../errors/api.error.js';
import { childField } from '../errors/field-path.js';
import type { PlanBatch } from '../resources/plan-batch.js';
import {
  checkBatchKind,
  CRONJOB_ONLY_FIELDS,
  readBatchSettings,
  type BatchField,
  type BatchSettings,
} from './batch-settings.js';

/** The workload annotations that choose how a workload runs (the `k8s.score.dev/` prefix of score-k8s). */
export const RunAnnotations = {
  /** `Deployment` or `StatefulSet` (a service, as in score-k8s), `Job` or `CronJob` (batch). */
  kind: 'k8s.score.dev/kind',
  schedule: 'k8s.score.dev/schedule',
  concurrencyPolicy: 'k8s.score.dev/concurrency-policy',
  successfulHistoryLimit: 'k8s.score.dev/successful-jobs-history-limit',
  failedHistoryLimit: 'k8s.score.dev/failed-jobs-history-limit',
  suspend: 'k8s.score.dev/suspend',
  backoffLimit: 'k8s.score.dev/backoff-limit',
  activeDeadlineSeconds: 'k8s.score.dev/active-deadline-seconds',
  restartPolicy: 'k8s.score.dev/restart-policy',
} as const satisfies Record<BatchField, string>;

/** The values of `k8s.score.dev/kind`, spelled as score-k8s spells them (case-sensitive). */
export const WORKLOAD_KIND_VALUES = ['Deployment', 'StatefulSet', 'Job', 'CronJob'] as const;
export type WorkloadKindValue = (typeof WORKLOAD_KIND_VALUES)[number];

/** How a Workload runs; see {@link resolveWorkloadRun}. */
export interface WorkloadRun {
  /** Present for a batch workload (`WorkloadPlan.spec.batch`). */
  readonly batch?: PlanBatch;
  /** `k8s.score.dev/kind: Deployment | StatefulSet`: the service kind the Workload asks for, if it does. */
  readonly serviceKind?: 'Deployment' | 'StatefulSet';
}

/**
 * Works out how a Workload runs from its profile's `batch` settings (already checked at config load; may
 * be absent) and its annotations:
 *
 * - `k8s.score.dev/kind` decides when present: `Job` → `job`, `CronJob` → `cronjob`, `Deployment` or
 *   `StatefulSet` → a service (the profile's batch settings do not apply). Absent: the profile's kind, or a
 *   service.
 * - Each other annotation overrides the profile's value of its field; profile values that do not fit the
 *   resulting kind (e.g. a schedule when the Workload asks for `Job`) are dropped.
 * - Refused, with every issue naming its annotation: an unknown kind; a bad value; a batch annotation on a
 *   service; a cronjob-only annotation on a job; a cronjob without a schedule.
 *
 * Pure. Other `k8s.score.dev/*` annotations (score-k8s has more) are ignored.
 *
 * @throws ScoreApiError `Validation` listing every issue.
 */
export function resolveWorkloadRun(
  annotations: Readonly<Record<string, string>> | undefined,
  profileBatch?: PlanBatch,
  field = 'metadata.annotations',
): WorkloadRun {
  const annotationField = (key: string) => childField(field, key);
  const fieldOf = (batchField: BatchField) => annotationField(RunAnnotations[batchField]);
  const issues: FieldIssue[] = [];
  const kindText = annotations?.[RunAnnotations.kind];
  let kind: PlanBatch['kind'] | 'service' | undefined;
  let serviceKind: WorkloadRun['serviceKind'];
  if (kindText !== undefined) {
    switch (kindText) {
      case 'Job':
        kind = 'job';
        break;
      case 'CronJob':
        kind = 'cronjob';
        break;
      case 'Deployment':
      case 'StatefulSet':
        kind = 'service';
        serviceKind = kindText;
        break;
      default:
        issues.push({
          field: annotationField(RunAnnotations.kind),
          message: `${JSON.stringify(kindText)} is not one of ${WORKLOAD_KIND_VALUES.join(', ')}`,
        });
    }
  }
  const raw: Partial<Record<BatchField, unknown>> = {};
  for (const [batchField, key] of Object.entries(RunAnnotations)) {
    if (batchField !== 'kind' && annotations?.[key] !== undefined)
      raw[batchField as BatchField] = annotations[key];
  }
  const read = readBatchSettings(raw, fieldOf);
  issues.push(...read.issues);
  if (issues.length > 0) throw invalid(issues);

  kind ??= profileBatch?.kind ?? 'service';
  if (kind === 'service') {
    const given = Object.keys(read.settings) as BatchField[];
    if (given.length > 0) {
      throw invalid(
        given.map((f) => ({
          field: fieldOf(f),
          message: `applies only to a batch workload (${RunAnnotations.kind}: Job or CronJob)`,
        })),
      );
    }
    return serviceKind ? { serviceKind } : {};
  }
  const fromProfile: BatchSettings = { ...(profileBatch ?? {}) };
  if (kind === 'job') {
    for (const f of CRONJOB_ONLY_FIELDS) delete fromProfile[f];
  }
  const settings: BatchSettings = { ...fromProfile, ...read.settings, kind };
  const kindIssues = checkBatchKind(settings, fieldOf).map((issue) => ({
    ...issue,
    message: `${issue.message} (${RunAnnotations.kind}: ${kind === 'job' ? 'Job' : 'CronJob'})`,
  }));
  if (kindIssues.length > 0) throw invalid(kindIssues);
  return { batch: settings as PlanBatch };
}

function invalid(issues: readonly FieldIssue[]): ScoreApiError {
  return ScoreApiError.fromIssues('Validation', 'failed to read how the workload runs', issues);
}
