import type { ScoreMetadata } from './score-workload.js';
import type { WorkloadObject } from './workload-object.js';

/**
 * Annotations Kubernetes tooling adds to objects that are not the user's Score metadata; they are
 * left out when a Workload is read back as Score (the first one holds the whole object as JSON).
 */
export const toolingAnnotations: readonly string[] = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * Rebuilds a Workload's Score `metadata` map: `spec.metadataExtras`, then `name`, `annotations`
 * (tooling annotations left out) and `labels` from the object's metadata. This is the map
 * `${metadata.*}` placeholders walk (pass it to `createScoreResolver`) and what `toScoreFile` writes.
 */
export function workloadScoreMetadata(workload: WorkloadObject): ScoreMetadata {
  const { name, annotations, labels } = workload.metadata;
  const userAnnotations = Object.fromEntries(
    Object.entries(annotations ?? {}).filter(([key]) => !toolingAnnotations.includes(key)),
  );
  return {
    name,
    ...(Object.keys(userAnnotations).length > 0 ? { annotations: userAnnotations } : {}),
    ...(labels !== undefined && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    ...workload.spec.metadataExtras,
  };
}
