// A profile's `batch:` section: the Workloads of the profile run as jobs or cronjobs.
import {
  checkBatchKind,
  childField,
  readBatchSettings,
  RunAnnotations,
  type BatchField,
  type FieldReader,
  type Mapping,
  type PlanBatch,
} from '@score-orchestrator/api';

const BATCH_FIELDS = Object.keys(RunAnnotations) as BatchField[];

/**
 * Reads `profiles[i].batch` (absent: undefined): `kind` (`job` or `cronjob`, required) and the other
 * `PlanBatch` fields, checked as the Workload annotations are (a cron schedule Kubernetes accepts, a
 * schedule for a cronjob and none of the cronjob-only fields for a job). Problems go to `reader`.
 */
export function readProfileBatch(
  reader: FieldReader,
  profile: Mapping,
  profileField: string,
): PlanBatch | undefined {
  const field = childField(profileField, 'batch');
  const obj = reader.mappingAt(profile, 'batch', profileField, { known: BATCH_FIELDS });
  if (!obj) return undefined;
  const fieldOf = (name: BatchField) => childField(field, name);
  const known = Object.fromEntries(
    Object.entries(obj).filter(([key]) => BATCH_FIELDS.includes(key as BatchField)),
  );
  const { settings, issues } = readBatchSettings(known, fieldOf);
  if (settings.kind === undefined && obj['kind'] === undefined) {
    issues.push({ field: fieldOf('kind'), message: 'is required: job or cronjob' });
  }
  if (issues.length === 0) issues.push(...checkBatchKind(settings, fieldOf));
  for (const issue of issues) reader.add(issue.field, issue.message);
  return issues.length === 0 ? (settings as PlanBatch) : undefined;
}
