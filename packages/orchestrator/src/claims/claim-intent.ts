import type { DeprovisionPolicy, UnresolvedPlaceholder } from '@score-orchestrator/api';

/**
 * What a Workload wants of one of its resources, computed by `planClaims`: the claim's name and spec, or
 * (while its params wait for another resource's outputs) the placeholders it waits for.
 */
export interface ClaimIntent {
  /** The resource's name in `spec.resources`. */
  readonly resource: string;
  /** The ResourceClaim's name (see `claimName`). */
  readonly claim: string;
  readonly type: string;
  /** `default` when the Workload names none. */
  readonly class: string;
  readonly id?: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly deprovisionPolicy: DeprovisionPolicy;
  /** The resolver chosen by platform config; undefined lets the resolver host match by type/class/id. */
  readonly resolver?: string;
  /** The platform config rule that chose `resolver` and `deprovisionPolicy` (see `resolverRuleLabel`). */
  readonly resolverRule?: string;
  /** The resolved params (secrets as `{ secretName, key }`); undefined while some are unresolved. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** What the params wait for; empty when `params` is set. */
  readonly waitingFor: readonly UnresolvedPlaceholder[];
}
