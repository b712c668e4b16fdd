import type { ScoreWorkload } from '@score-orchestrator/api';

/**
 * The part of a `Workload` that platform configuration and policy read. Structural, so a Workload class
 * instance, an object from the cache or a converted Score file all fit.
 */
export interface WorkloadInput {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec: ScoreWorkload;
}
