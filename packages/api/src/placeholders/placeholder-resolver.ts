/**
 * Looks up the value a placeholder path refers to. The substitution functions call it once per
 * placeholder with the split path (`${resources.db.host}` is `['resources', 'db', 'host']`).
 *
 * Contract:
 * - Return the value: a string is used as is; anything else is JSON-encoded where text is needed;
 *   a {@link SecretReference} marks a secret output.
 * - Return `Missing.unknown(detail)` when the path can never resolve (substitution fails), or
 *   `Missing.pending(detail)` when it will once something is ready (substitution reports it unresolved).
 * - Be pure and cheap: it may be called many times for the same path.
 *
 * `createScoreResolver` implements Score's `metadata` / `resources` roots; the orchestrator may plug in its own.
 */
export interface PlaceholderResolver {
  /** Returns the value, or a `Missing` (typed `unknown` because `unknown | Missing` collapses to `unknown`). */
  lookup(path: readonly string[]): unknown;
}
