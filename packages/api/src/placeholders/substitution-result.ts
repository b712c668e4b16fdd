/**
 * A placeholder that names a declared resource whose value is not available: not yet (its claim is not
 * ready), or not at all for now (the claim's outputs do not hold it).
 */
export interface UnresolvedPlaceholder {
  /** As written: `${resources.db.host}`. */
  readonly placeholder: string;
  /** Where it was used: `containers.web.variables.DB_HOST`. */
  readonly field: string;
  /** The resource it waits for, when the reference is `${resources.NAME...}`. */
  readonly resource?: string;
  /**
   * `pending`: the outputs are not available yet and will be once the claim is ready. `absent`: the
   * outputs are there but do not hold this value; it resolves only when the resolver provides it or the
   * reference changes (see `Missing`).
   */
  readonly reason: 'pending' | 'absent';
  /** The resolver's reason, e.g. `resource 'db' has no outputs yet`, `resource 'db' has no output 'x'`. */
  readonly detail: string;
}

/**
 * The outcome of a substitution that did not fail: either every placeholder resolved, or some are
 * unresolved (listed, so the orchestrator can report `ProjectionError` naming them and retry when
 * the claim changes). Errors (malformed or unknown references, misused secrets) are thrown instead,
 * as `ScoreApiError` of kind `Placeholder`, because waiting cannot fix them.
 */
export type Substitution<T> =
  | { readonly resolved: true; readonly value: T }
  | { readonly resolved: false; readonly unresolved: readonly UnresolvedPlaceholder[] };
