const brand = Symbol.for('@score-orchestrator/api/missing');

/**
 * What a {@link PlaceholderResolver} returns instead of a value. The two reasons are handled differently:
 *
 * - `unknown`: the reference can never resolve as written (unknown root, resource, output or key).
 *   Substitution fails with a `ScoreApiError` of kind `Placeholder`.
 * - `pending`: the reference names something real whose value does not exist yet (the claim is not
 *   ready). Substitution returns an unresolved result listing it, so the caller can wait and report.
 */
export class Missing {
  readonly [brand] = true;

  private constructor(
    readonly reason: 'unknown' | 'pending',
    /** Why, for messages: `key 'host' not found`, `resource 'db' has no outputs yet`. */
    readonly detail: string,
  ) {}

  /** The reference cannot resolve as written; substitution reports an error. */
  static unknown(detail: string): Missing {
    return new Missing('unknown', detail);
  }

  /** The reference is valid but its value is not available yet; substitution reports it as unresolved. */
  static pending(detail: string): Missing {
    return new Missing('pending', detail);
  }

  /** Brand check that works across two copies of the package. */
  static is(value: unknown): value is Missing {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
