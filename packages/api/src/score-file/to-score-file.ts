import { stringify } from 'yaml';
import { ScoreApiError } from '../errors/api.error.js';
import { workloadScoreMetadata } from './score-metadata.js';
import { SCORE_API_VERSION, type ScoreFile } from './score-workload.js';
import { WORKLOAD_API_VERSION, WORKLOAD_KIND, type WorkloadObject } from './workload-object.js';

/**
 * Converts a `Workload` object back into a Score file: the inverse of `scoreFileToWorkload`. Metadata
 * comes from `workloadScoreMetadata` (name, user annotations, labels, `spec.metadataExtras`); object
 * fields a cluster adds (uid, resourceVersion, status...) and `namespace` are dropped.
 *
 * @throws ScoreApiError kind `Conversion` when the object is not a `score.dev/v1b1` `Workload`.
 */
export function workloadToScoreFile(workload: WorkloadObject): ScoreFile {
  if (workload.apiVersion !== WORKLOAD_API_VERSION || workload.kind !== WORKLOAD_KIND) {
    throw new ScoreApiError(
      'Conversion',
      `failed to convert Workload: expected apiVersion ${WORKLOAD_API_VERSION} kind ${WORKLOAD_KIND}, ` +
        `got ${String(workload.apiVersion)} ${String(workload.kind)}`,
    );
  }
  const { containers, service, resources } = workload.spec;
  return {
    apiVersion: SCORE_API_VERSION,
    metadata: workloadScoreMetadata(workload),
    containers,
    ...(service === undefined ? {} : { service }),
    ...(resources === undefined ? {} : { resources }),
  };
}

/** `workloadToScoreFile` rendered as Score YAML (multi-line strings as block scalars, no line folding). */
export function toScoreFile(workload: WorkloadObject): string {
  return stringify(workloadToScoreFile(workload), { lineWidth: 0 });
}
