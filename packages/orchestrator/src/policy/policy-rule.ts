/** One org policy: a CEL expression over the Workload (`object`) that must evaluate to `true`. */
export interface PolicyRule {
  /** Unique name, reported with every violation (e.g. `no-latest-tag`). */
  readonly name: string;
  /** CEL expression; `object` is the Workload (`apiVersion`, `kind`, `metadata`, `spec`). */
  readonly rule: string;
  /** What users read when the rule does not hold; say what to change. */
  readonly message?: string;
}
