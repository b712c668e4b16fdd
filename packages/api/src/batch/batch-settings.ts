// Reading and checking batch settings (`PlanBatch` fields) from loosely typed input: YAML or annotations.
import type { FieldIssue } from '../errors/api.error.js';
import {
  BATCH_CONCURRENCY_POLICIES,
  BATCH_KINDS,
  BATCH_MAX_COUNT,
  BATCH_MAX_SECONDS,
  BATCH_RESTART_POLICIES,
  type PlanBatch,
} from '../resources/plan-batch.js';
import { parseCronSchedule } from './cron-schedule.js';

/** A {@link PlanBatch} field. */
export type BatchField = keyof PlanBatch;
/** Batch settings as read: any subset of the fields, each checked. */
export type BatchSettings = { -readonly [K in BatchField]?: PlanBatch[K] };

/** The fields that only a `cronjob` has. */
export const CRONJOB_ONLY_FIELDS: readonly BatchField[] = [
  'schedule',
  'concurrencyPolicy',
  'successfulHistoryLimit',
  'failedHistoryLimit',
  'suspend',
];

type Reader = (raw: unknown) => { value: unknown } | { error: string };

const integer =
  (min: number, max: number): Reader =>
  (raw) => {
    const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      return { error: `${JSON.stringify(raw)} is not a whole number from ${min} to ${max}` };
    }
    return { value: n };
  };
/** The bounds of counts and of seconds (a year), as in the PlanBatch schema. */
const count = integer(0, BATCH_MAX_COUNT);
const seconds = integer(1, BATCH_MAX_SECONDS);

const oneOf =
  (values: readonly string[]): Reader =>
  (raw) =>
    typeof raw === 'string' && values.includes(raw)
      ? { value: raw }
      : { error: `${JSON.stringify(raw)} is not one of ${values.join(', ')}` };

const READERS: Record<BatchField, Reader> = {
  kind: oneOf(BATCH_KINDS),
  schedule: (raw) => {
    if (typeof raw !== 'string' || raw.trim() === '')
      return { error: 'must be a cron schedule, e.g. "0 3 * * *"' };
    try {
      parseCronSchedule(raw);
      return { value: raw.trim() };
    } catch (err) {
      return { error: `${JSON.stringify(raw)} is not a valid cron schedule: ${(err as Error).message}` };
    }
  },
  concurrencyPolicy: oneOf(BATCH_CONCURRENCY_POLICIES),
  successfulHistoryLimit: count,
  failedHistoryLimit: count,
  suspend: (raw) =>
    raw === true || raw === 'true'
      ? { value: true }
      : raw === false || raw === 'false'
        ? { value: false }
        : { error: `${JSON.stringify(raw)} is not true or false` },
  backoffLimit: count,
  activeDeadlineSeconds: seconds,
  restartPolicy: oneOf(BATCH_RESTART_POLICIES),
};

/**
 * Reads the batch fields present in `raw` (numbers and booleans may be strings, as in annotations) and
 * checks each: enums, whole numbers, a cron schedule Kubernetes accepts. `fieldOf` names each field in the
 * issues (e.g. an annotation or `profiles[0].batch.schedule`). Unknown keys are the caller's to refuse.
 * Pure.
 */
export function readBatchSettings(
  raw: Readonly<Partial<Record<BatchField, unknown>>>,
  fieldOf: (field: BatchField) => string,
): { readonly settings: BatchSettings; readonly issues: FieldIssue[] } {
  const settings: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const field of Object.keys(READERS) as BatchField[]) {
    if (raw[field] === undefined) continue;
    const read = READERS[field](raw[field]);
    if ('error' in read) issues.push({ field: fieldOf(field), message: read.error });
    else settings[field] = read.value;
  }
  return { settings: settings as BatchSettings, issues };
}

/**
 * Checks that settings fit their kind: a `cronjob` has a schedule; a `job` has none of the cronjob-only
 * fields. Returns the issues, each naming the field with `fieldOf`. Pure.
 */
export function checkBatchKind(
  settings: BatchSettings,
  fieldOf: (field: BatchField) => string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (settings.kind === 'cronjob' && settings.schedule === undefined) {
    issues.push({ field: fieldOf('schedule'), message: 'is required for a cronjob (e.g. "0 3 * * *")' });
  }
  if (settings.kind !== 'cronjob') {
    for (const field of CRONJOB_ONLY_FIELDS) {
      if (settings[field] !== undefined) {
        issues.push({ field: fieldOf(field), message: 'applies only to a cronjob' });
      }
    }
  }
  return issues;
}
