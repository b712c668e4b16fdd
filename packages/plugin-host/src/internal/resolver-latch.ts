// Which resolver serves a claim: the one latched in its status when it was first provisioned, else the
// one its spec chooses now (by name, or by type, class and id).
import type { Predicate } from '@score-orchestrator/operator-sdk';
import type { ResourceClaim, ResolverOptions } from '@score-orchestrator/api';
import { matchResolver, type ResolverMatch } from '../match-resolver.js';

/** What {@link chooseResolver} decided for one claim. */
export interface ResolverChoice<T> {
  /** The resolver to serve the claim with, or why there is none (safe to show users). */
  readonly match: ResolverMatch<T>;
  /**
   * What `status.resolverRule` becomes: the spec's rule when the spec's choice serves the claim (`null`:
   * none, remove it); undefined keeps it (a latched resolver the spec no longer chooses).
   */
  readonly resolverRule?: string | null;
  /** Set when the spec chooses another resolver than the latched one: the Warning Event's message. */
  readonly kept?: string;
}

/**
 * Chooses the resolver of `claim` among `candidates` (this host's). A claim whose `status.resolver` is set
 * (latched at its first provisioning) stays with that resolver, whatever `spec.resolver` or the matching
 * rules say now: a platform config edit or a namespace relabelled into another environment must not move
 * existing data to another resolver (which would provision anew, elsewhere). When the latched resolver is
 * not among `candidates`, there is no match (beside other hosts, the claim is theirs). Pure.
 */
export function chooseResolver<T extends { readonly options: ResolverOptions }>(
  claim: ResourceClaim,
  candidates: readonly T[],
): ResolverChoice<T> {
  const wanted = matchResolver(
    {
      type: claim.spec.type,
      class: claim.spec.class ?? 'default',
      id: claim.spec.id,
      resolver: claim.spec.resolver,
    },
    candidates,
  );
  const specRule = claim.spec.resolverRule ?? null;
  const latched = claim.status?.resolver;
  if (latched === undefined) return { match: wanted, resolverRule: specRule };
  const served = candidates.find((c) => c.options.name === latched);
  if (!served) {
    return {
      match: {
        found: false,
        message: `resolver "${latched}" serves this claim (status.resolver, latched when it was first provisioned) and is not installed; install it again, or remove status.resolver to let the platform config choose again`,
      },
    };
  }
  const wantedName = claim.spec.resolver ?? (wanted.found ? wanted.candidate.options.name : undefined);
  if (wantedName === undefined || wantedName === latched) {
    return { match: { found: true, candidate: served }, resolverRule: specRule };
  }
  const rule = (name: string, label: string | null | undefined) =>
    label ? `resolver ${name} (rule ${label})` : `resolver ${name}`;
  return {
    match: { found: true, candidate: served },
    kept: `keeping ${rule(latched, claim.status?.resolverRule)}, latched when the claim was first provisioned; the platform config (its rules, or the namespace's labels) now chooses ${rule(wantedName, specRule)}, which applies to new claims only. To move this claim, delete it (${latched} deprovisions it by its deprovision policy and the Workload's new claim goes to ${wantedName}), or remove status.resolver to hand it as it is to ${wantedName}`,
  };
}

/**
 * Admits a claim update that removed a latched choice from its status (`status.resolver` or
 * `status.deprovisionPolicy`): the documented way to have the platform config's current choice taken
 * over, which must reconcile the claim although only its status changed. The host never removes either.
 */
export const latchReleased: Predicate<ResourceClaim> = (event) =>
  event.type === 'update' &&
  ((event.old?.status?.resolver !== undefined && event.new?.status?.resolver === undefined) ||
    (event.old?.status?.deprovisionPolicy !== undefined &&
      event.new?.status?.deprovisionPolicy === undefined));
