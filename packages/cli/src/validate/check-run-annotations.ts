import { resolveWorkloadRun, ScoreApiError, type FieldIssue } from '@score-orchestrator/api';

/**
 * The issues of a Workload's `k8s.score.dev/*` annotations (how it runs: service, Job or CronJob), as the
 * orchestrator would report them (`InputsValid=False InvalidSpec`), each naming its annotation under
 * `metadata.annotations`. Offline there is no profile, so a profile's `batch:` is not taken into account.
 */
export function checkRunAnnotations(annotations: Readonly<Record<string, string>> | undefined): FieldIssue[] {
  try {
    resolveWorkloadRun(annotations);
    return [];
  } catch (err) {
    if (ScoreApiError.is(err, 'Validation')) return [...err.issues];
    throw err;
  }
}
