const brand = Symbol.for('@score-orchestrator/api/missing');

/**
 * What a {@link PlaceholderResolver} returns instead of a value. The reasons are handled differently:
 *
 * - `unknown`: the reference can never resolve as written (unknown root, resource or metadata key).
 *   Substitution fails with a `ScoreApiError` of kind `Placeholder`.
 * - `pending`: the reference names something real whose value does not exist yet (the claim is not
 *   ready). Substitution returns an unresolved result listing it, so the caller can wait and report.
 * - `absent`: the reference names a resource whose outputs are known, but they do not hold the output or
 *   key asked for. What a resolver outputs is the resolver's to decide and may change (a new version, a
 *   re-provisioned claim), so this is not an error of the reference either: substitution lists it as
 *   unresolved, like `pending`, and the caller reports it until the outputs or the reference change.
 */
export class Missing {
  readonly [brand] = true;

  private constructor(
    readonly reason: 'unknown' | 'pending' | 'absent',
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

  /** The resource's known outputs do not hold the key; substitution reports it as unresolved. */
  static absent(detail: string): Missing {
    return new Missing('absent', detail);
  }

  /** Brand check that works across two copies of the package. */
  static is(value: unknown): value is Missing {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
