/** A placeholder that names something real whose value is not available yet (e.g. its claim is not ready). */
export interface UnresolvedPlaceholder {
  /** As written: `${resources.db.host}`. */
  readonly placeholder: string;
  /** Where it was used: `containers.web.variables.DB_HOST`. */
  readonly field: string;
  /** The resource it waits for, when the reference is `${resources.NAME...}`. */
  readonly resource?: string;
  /** The resolver's reason, e.g. `resource 'db' has no outputs yet`. */
  readonly detail: string;
}

/**
 * The outcome of a substitution that did not fail: either every placeholder resolved, or some are
 * still pending (listed, so the orchestrator can report `ProjectionError` naming them and retry when
 * the claim changes). Errors (malformed or unknown references, misused secrets) are thrown instead,
 * as `ScoreApiError` of kind `Placeholder`, because waiting cannot fix them.
 */
export type Substitution<T> =
  | { readonly resolved: true; readonly value: T }
  | { readonly resolved: false; readonly unresolved: readonly UnresolvedPlaceholder[] };
