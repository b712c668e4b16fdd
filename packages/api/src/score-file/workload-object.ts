import type { ScoreWorkload } from './score-workload.js';

/** Group/version of the `Workload` custom resource (the same string as Score's `apiVersion`). */
export const WORKLOAD_API_VERSION = 'score.dev/v1b1';
export const WORKLOAD_KIND = 'Workload';

/** The Kubernetes object metadata a conversion sets; objects read from a cluster carry more, which is ignored. */
export interface WorkloadObjectMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A `Workload` custom resource as plain data: a Score workload in `spec`, its name and annotations in `metadata`. */
export interface WorkloadObject {
  readonly apiVersion: typeof WORKLOAD_API_VERSION;
  readonly kind: typeof WORKLOAD_KIND;
  readonly metadata: WorkloadObjectMetadata;
  readonly spec: ScoreWorkload;
}
