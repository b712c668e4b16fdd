/** Which rule set found an issue. */
export type IssueOrigin =
  /** The file is not readable YAML. */
  | 'yaml'
  /** The Score schema (Score files only). */
  | 'score-file'
  /** The Workload CRD's OpenAPI schema and CEL rules, as the API server would apply them. */
  | 'crd'
  /** Placeholder references: unknown roots, keys or resources, misused secrets, cycles. */
  | 'placeholder'
  /** How the workload runs: the `k8s.score.dev/*` annotations (kind, schedule, batch settings). */
  | 'run-annotations'
  /** A platform config (`kind: PlatformConfig`), checked as `run` would load it. */
  | 'platform-config';

/** One problem in one file, where it is written: what `validate` prints as `file:line:column: field: message`. */
export interface FileIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The field path as the rule set names it (Score path for Score files, object path for manifests). */
  readonly field: string;
  readonly message: string;
  readonly origin: IssueOrigin;
}

/** What one file holds and what is wrong with it. */
export interface FileValidation {
  readonly file: string;
  /** `score` for a Score file, `workload` for Workload manifests, `platform-config`, or `unknown`. */
  readonly kind: 'score' | 'workload' | 'platform-config' | 'unknown';
  /** The Workloads found (`namespace/name` or `name`). */
  readonly workloads: readonly string[];
  readonly issues: readonly FileIssue[];
}
