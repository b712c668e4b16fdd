import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** How a workload runs: `service` keeps it running; `job` runs it to completion once; `cronjob` on a schedule. */
export type WorkloadRunKind = 'service' | 'job' | 'cronjob';
/** The batch kinds of {@link PlanBatch.kind}. */
export type BatchKind = Exclude<WorkloadRunKind, 'service'>;
/** What a scheduled run does when the previous run of the same workload has not finished. */
export type BatchConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';
/** What happens to a run's failed container: restarted in place (`OnFailure`) or a new attempt (`Never`). */
export type BatchRestartPolicy = 'OnFailure' | 'Never';

/** Every {@link BatchKind}. */
export const BATCH_KINDS: readonly BatchKind[] = ['job', 'cronjob'];
/** Every {@link BatchConcurrencyPolicy}. */
export const BATCH_CONCURRENCY_POLICIES: readonly BatchConcurrencyPolicy[] = ['Allow', 'Forbid', 'Replace'];
/** Every {@link BatchRestartPolicy}. */
export const BATCH_RESTART_POLICIES: readonly BatchRestartPolicy[] = ['OnFailure', 'Never'];
/** Upper bound of the counts of a batch plan (retries, history). */
export const BATCH_MAX_COUNT = 1_000_000;
/** Upper bound of the seconds of a batch plan (a year). */
export const BATCH_MAX_SECONDS = 31_536_000;

/**
 * How a batch workload runs (`WorkloadPlan.spec.batch`): absent for a service (kept running). In Score
 * terms, so any runtime can honour it; the orchestrator fills it from the profile's `batch` and the
 * Workload's `k8s.score.dev/*` annotations (see docs/concepts.md, "Batch workloads").
 */
export class PlanBatch {
  /** `job`: run to completion once; `cronjob`: run to completion on `schedule`. */
  @IsIn(BATCH_KINDS)
  kind!: BatchKind;

  /** Five-field cron schedule in UTC (or a macro such as `@daily`); `cronjob` only, and required there. */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  schedule?: string;

  /** `cronjob` only: what a run does while the previous one still runs (default `Allow`). */
  @IsOptional()
  @IsIn(BATCH_CONCURRENCY_POLICIES)
  concurrencyPolicy?: BatchConcurrencyPolicy;

  /** `cronjob` only: finished successful runs kept for inspection. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(BATCH_MAX_COUNT)
  successfulHistoryLimit?: number;

  /** `cronjob` only: finished failed runs kept for inspection. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(BATCH_MAX_COUNT)
  failedHistoryLimit?: number;

  /** `cronjob` only: no new run starts while true. */
  @IsOptional()
  @IsBoolean()
  suspend?: boolean;

  /** Retries of a failing run before it counts as failed. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(BATCH_MAX_COUNT)
  backoffLimit?: number;

  /** Seconds a run may take, retries included, before it counts as failed. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(BATCH_MAX_SECONDS)
  activeDeadlineSeconds?: number;

  /** What happens to a failed container of a run (default `OnFailure`). */
  @IsOptional()
  @IsIn(BATCH_RESTART_POLICIES)
  restartPolicy?: BatchRestartPolicy;
}

/** Where a batch workload stands, in Score terms. */
export type BatchState = 'Running' | 'Succeeded' | 'Failed' | 'Scheduled' | 'Suspended';
/** Every {@link BatchState}. */
export const BATCH_STATES: readonly BatchState[] = [
  'Running',
  'Succeeded',
  'Failed',
  'Scheduled',
  'Suspended',
];

/**
 * A batch workload's runs as the runtime observes them (`WorkloadPlan.status.batch`; absent for a service).
 * Times are RFC 3339.
 */
export class PlanBatchStatus {
  /** `job`: `Running`, `Succeeded` or `Failed`; `cronjob`: `Scheduled` or `Suspended`. */
  @IsIn(BATCH_STATES)
  state!: BatchState;

  /** Why it failed (e.g. `BackoffLimitExceeded`, `DeadlineExceeded`), for `Failed`. */
  @IsOptional()
  @IsString()
  failureReason?: string;

  /** When the run started (`job`). */
  @IsOptional()
  @IsString()
  startTime?: string;

  /** When the run completed successfully (`job`). */
  @IsOptional()
  @IsString()
  completionTime?: string;

  /** Runs in progress now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  active?: number;

  /** When the last run was scheduled (`cronjob`). */
  @IsOptional()
  @IsString()
  lastScheduleTime?: string;

  /** When a run last succeeded (`cronjob`). */
  @IsOptional()
  @IsString()
  lastSuccessfulTime?: string;

  /** When the next run is due (`cronjob`, not while suspended), computed from the schedule. */
  @IsOptional()
  @IsString()
  nextScheduleTime?: string;
}
