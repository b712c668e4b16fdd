// How the resolver host writes a claim's status: one pure mutation per outcome.
import {
  ClaimConditionType,
  ClaimPhase,
  type Condition,
  type ResourceClaim,
  type ResourceClaimStatus,
  type DeprovisionPolicy,
  ClaimReason,
} from '@score-orchestrator/api';
import { setOrDelete, withCondition, withReadyCondition } from './ready-condition.js';

/** What one reconcile concluded about a claim. Fields left undefined keep their current value. */
export interface ClaimOutcome {
  readonly phase: ClaimPhase;
  readonly reason: ClaimReason;
  readonly message: string;
  readonly resolver?: string;
  /** Replaces the published outputs (empty removes them). */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The outputs Secret and its keys (never the values). */
  readonly secret?: { readonly name: string; readonly keys: readonly string[] };
  /**
   * Whether Workloads may use the published outputs (`OutputsAvailable`): the resolver reported them ready
   * or final. Undefined (a provision that threw) keeps the condition as it was while `Provisioning`.
   */
  readonly outputsFinal?: boolean;
  /** The deprovision policy to latch into `status.deprovisionPolicy` unless one is latched already. */
  readonly latchPolicy?: DeprovisionPolicy;
  /** The platform config rule behind `resolver` for `status.resolverRule`; `null` removes it. */
  readonly resolverRule?: string | null;
}

/** What a reconcile decided its outcome from: the claim's generation and latched choices as it read them. */
export interface ClaimDecisionBasis {
  readonly generation?: number;
  readonly resolver?: string;
  readonly deprovisionPolicy?: DeprovisionPolicy;
}

/** The basis of a decision taken from `claim` (the reconcile's copy). Pure. */
export function decisionBasis(claim: ResourceClaim): ClaimDecisionBasis {
  return {
    generation: claim.metadata?.generation,
    resolver: claim.status?.resolver,
    deprovisionPolicy: claim.status?.deprovisionPolicy,
  };
}

/**
 * A pure `updateStatus` mutation writing `outcome` (and `observedGeneration`, the `Ready` condition) into
 * a copy of the claim's status; `updateStatus` then writes only when something changed.
 *
 * With `basis`, it changes nothing when the claim it is applied to (a fresh read after a write conflict)
 * no longer matches what the outcome was decided from: a new spec, or a latched resolver or policy removed
 * or set to another choice meanwhile (someone re-selecting). Writing then would latch a stale choice again;
 * the change that made it stale has queued another reconcile, which decides afresh. A choice latched
 * meanwhile to exactly what the outcome latches is no such change: it is the host's own first write (e.g.
 * the first provisioning's), which the reconcile's cached copy did not show yet, and it queues no
 * reconcile (status-only), so dropping the outcome would leave the claim at the older message until some
 * other event (a ready resource reported as "starting" for good).
 */
export function claimStatusMutation(
  outcome: ClaimOutcome,
  now: string,
  basis?: ClaimDecisionBasis,
): (claim: ResourceClaim) => void {
  return (claim) => {
    if (basis && !stillDecided(basis, decisionBasis(claim), outcome)) return;
    const status: ResourceClaimStatus = claim.status ?? {};
    const generation = claim.metadata?.generation;
    status.observedGeneration = generation;
    status.phase = outcome.phase;
    status.reason = outcome.reason;
    status.message = outcome.message;
    if (outcome.resolver !== undefined) status.resolver = outcome.resolver;
    if (outcome.resolverRule === null) delete status.resolverRule;
    else if (outcome.resolverRule !== undefined) status.resolverRule = outcome.resolverRule;
    if (outcome.latchPolicy !== undefined) status.deprovisionPolicy ??= outcome.latchPolicy;
    if (outcome.outputs !== undefined) setOrDelete(status, 'outputs', { ...outcome.outputs });
    if (outcome.secret !== undefined) {
      status.secretName = outcome.secret.name;
      setOrDelete(status, 'secretOutputKeys', [...outcome.secret.keys].sort());
    }
    status.conditions = withReadyCondition(
      status.conditions,
      {
        ready: outcome.phase === ClaimPhase.Bound,
        reason: outcome.reason,
        message: outcome.message,
        observedGeneration: generation,
      },
      now,
    );
    status.conditions = withOutputsAvailable(status.conditions, outcome, generation, now);
    claim.status = status;
  };
}

/**
 * `conditions` with `OutputsAvailable` as `outcome` says: True when `Bound`, or `Provisioning` with outputs
 * the resolver reported final (reason `OutputsFinal`); kept as it was for a `Provisioning` outcome that
 * says nothing of them (a provision that threw: what was published stays, and the condition's
 * `observedGeneration` tells whether it was for the current spec); False otherwise.
 */
function withOutputsAvailable(
  conditions: Condition[],
  outcome: ClaimOutcome,
  generation: number | undefined,
  now: string,
): Condition[] {
  const provisioning = outcome.phase === ClaimPhase.Provisioning;
  if (provisioning && outcome.outputsFinal === undefined) {
    if (conditions.some((c) => c.type === ClaimConditionType.OutputsAvailable)) return conditions;
  }
  const bound = outcome.phase === ClaimPhase.Bound;
  const early = provisioning && outcome.outputsFinal === true;
  return withCondition(
    conditions,
    ClaimConditionType.OutputsAvailable,
    {
      ready: bound || early,
      reason: early ? ClaimReason.OutputsFinal : outcome.reason,
      message: early ? `outputs are final; ${outcome.message}` : outcome.message,
      observedGeneration: generation,
    },
    now,
  );
}

/** Whether `current` (a fresh read) still stands where `basis` was taken, as far as `outcome` goes. */
function stillDecided(
  basis: ClaimDecisionBasis,
  current: ClaimDecisionBasis,
  outcome: ClaimOutcome,
): boolean {
  return (
    basis.generation === current.generation &&
    sameLatch(basis.resolver, current.resolver, outcome.resolver) &&
    sameLatch(basis.deprovisionPolicy, current.deprovisionPolicy, outcome.latchPolicy)
  );
}

/** A latch as decided on, or latched since (from nothing) to what the outcome latches itself. */
function sameLatch<T>(decided: T | undefined, current: T | undefined, latching: T | undefined): boolean {
  return decided === current || (decided === undefined && current !== undefined && current === latching);
}
