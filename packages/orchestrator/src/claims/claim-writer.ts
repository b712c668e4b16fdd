import {
  claimDeprovisionPolicy,
  ResourceClaimKind,
  type ResourceClaim,
  type Workload,
} from '@score-orchestrator/api';
import { isConflict, isNotFound, setOwnerReference, type KubeClient } from '@score-orchestrator/operator-sdk';
import { jsonEqual } from '../internal/json-equal.js';
import type { ClaimIntent } from './claim-intent.js';
import {
  claimSpecOf,
  decidesSpec,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  newClaim,
  workloadOwners,
} from './claim-object.js';
import { specConflict, type SpecConflict } from './spec-conflict.js';

/** What {@link ClaimWriter.ensure} did with one claim. */
export type EnsureOutcome =
  /** The claim exists with this Workload among its owners (possibly unchanged: nothing written). */
  | { readonly state: 'ready'; readonly claim: ResourceClaim; readonly written: boolean }
  /** Not made yet: its params wait for other resources' outputs. */
  | { readonly state: 'waiting' }
  /** The claim is being deleted (its last owner let go); a new one is made once it is gone. */
  | { readonly state: 'terminating'; readonly claim: ResourceClaim }
  /** The name is taken by a private claim of another Workload. */
  | { readonly state: 'conflict'; readonly claim: ResourceClaim; readonly message: string }
  /**
   * The Workload is among the owners of a shared claim whose spec another Workload decides, with params
   * or metadata other than it asks for (see `specConflict`): the claim is not what this Workload wants.
   */
  | {
      readonly state: 'specConflict';
      readonly claim: ResourceClaim;
      readonly written: boolean;
      readonly conflict: SpecConflict;
    };

/** What {@link ClaimWriter.release} did. */
export type ReleaseOutcome = 'released' | 'deleting';

const CONFLICT_ATTEMPTS = 4;

/**
 * Writes ResourceClaims for Workloads. Owner references are the reference count of a claim: every Workload
 * using it is a (non-controller) owner. Writes are read-modify-write with optimistic concurrency (the
 * claim's resourceVersion), so two Workloads joining or leaving a shared claim at once never lose each
 * other's reference; a conflict re-reads and tries again. Nothing is written when the claim already is as
 * wanted (compared with the cached object first).
 */
export class ClaimWriter {
  constructor(private readonly client: KubeClient) {}

  /**
   * Makes `intent`'s claim exist, owned by `workload`, with the intended spec when this Workload decides it
   * (see `decidesSpec`). An intent still waiting for params makes no claim and leaves an existing one as
   * it is. A Workload that does not decide a shared claim still joins it when its params or metadata differ
   * (so it takes over once the deciding Workload lets go) and gets `specConflict` back.
   */
  async ensure(
    workload: Workload,
    intent: ClaimIntent,
    cached: ResourceClaim | undefined,
  ): Promise<EnsureOutcome> {
    if (cached?.metadata.deletionTimestamp) return { state: 'terminating', claim: cached };
    if (!cached) {
      if (intent.params === undefined) return { state: 'waiting' };
      try {
        const created = await this.client.create(ResourceClaimKind, newClaim(workload, intent));
        return { state: 'ready', claim: created, written: true };
      } catch (err) {
        if (!isConflict(err)) throw err;
        // Made by another Workload (or our cache lags): join it below.
        cached = await this.client.get<ResourceClaim>(ResourceClaimKind, keyOf(workload, intent.claim));
        if (!cached) throw err;
        if (cached.metadata.deletionTimestamp) return { state: 'terminating', claim: cached };
      }
    }
    const conflict = ownershipConflict(workload, intent, cached);
    if (conflict) return { state: 'conflict', claim: cached, message: conflict };
    if (intent.params === undefined && !isOwner(cached, workload)) return { state: 'waiting' };
    const mutate = (claim: ResourceClaim): ResourceClaim => {
      const next = structuredClone(claim);
      if (intent.params !== undefined && decidesSpec(next, workload)) next.spec = claimSpecOf(intent);
      next.metadata.labels = { ...next.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY };
      return setOwnerReference(workload, next);
    };
    const result = await this.update(cached, mutate);
    if (!result.claim) return { state: 'waiting' };
    const differing = specConflict(result.claim, workload, intent);
    if (differing) {
      return { state: 'specConflict', claim: result.claim, written: result.written, conflict: differing };
    }
    return { state: 'ready', claim: result.claim, written: result.written };
  }

  /**
   * Lets `workload` go of `claim`. With other owners left, only this Workload's reference is removed. As
   * the last owner: policy `Orphan` removes the reference and leaves the claim (and what it provisioned);
   * `Delete` and `Retain` delete the claim (its resolver then deprovisions by the policy), keeping this
   * Workload's reference meanwhile so the claim's disappearance reconciles it. `deleting` means the claim
   * is still there.
   */
  async release(workload: Workload, claim: ResourceClaim): Promise<ReleaseOutcome> {
    if (!isOwner(claim, workload)) return 'released';
    if (claim.metadata.deletionTimestamp) return 'deleting';
    let target = claim;
    const others = (claim.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== workload.metadata.uid);
    if (others.length > 0 || claimDeprovisionPolicy(claim) === 'Orphan') {
      const dropOwner = (current: ResourceClaim): ResourceClaim => {
        const next = structuredClone(current);
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
          (ref) => ref.uid !== workload.metadata.uid,
        );
        return next;
      };
      const result = await this.update(claim, dropOwner);
      if (!result.claim || claimDeprovisionPolicy(claim) === 'Orphan') return 'released';
      if ((result.claim.metadata.ownerReferences ?? []).length > 0) return 'released';
      // Between our read and write the other owners left too: this Workload was the last after all.
      target = result.claim;
    }
    try {
      await this.client.delete(ResourceClaimKind, keyOf(workload, target.metadata.name!), {
        preconditions: { uid: target.metadata.uid, resourceVersion: target.metadata.resourceVersion },
      });
    } catch (err) {
      if (isNotFound(err)) return 'released';
      throw err; // a precondition conflict: someone joined or changed it; the next reconcile looks again
    }
    return 'deleting';
  }

  /** Read-modify-write from the cached copy; on conflict from a fresh read. Undefined when the claim is gone. */
  private async update(
    cached: ResourceClaim,
    mutate: (claim: ResourceClaim) => ResourceClaim,
  ): Promise<{ claim?: ResourceClaim; written: boolean }> {
    let current: ResourceClaim | undefined = cached;
    for (let attempt = 1; ; attempt++) {
      if (!current) return { written: false };
      const next = mutate(current);
      if (
        jsonEqual(next.spec, current.spec) &&
        jsonEqual(next.metadata.ownerReferences, current.metadata.ownerReferences) &&
        jsonEqual(next.metadata.labels, current.metadata.labels)
      ) {
        return { claim: current, written: false };
      }
      try {
        delete next.status;
        return { claim: await this.client.update(ResourceClaimKind, next), written: true };
      } catch (err) {
        if (!isConflict(err) || attempt >= CONFLICT_ATTEMPTS) throw err;
        current = await this.client.get<ResourceClaim>(ResourceClaimKind, {
          namespace: cached.metadata.namespace,
          name: cached.metadata.name!,
        });
      }
    }
  }
}

/** Whether `workload` is among the owners of `claim`. */
export function isOwner(claim: ResourceClaim, workload: Workload): boolean {
  return (claim.metadata.ownerReferences ?? []).some((ref) => ref.uid === workload.metadata.uid);
}

function ownershipConflict(
  workload: Workload,
  intent: ClaimIntent,
  claim: ResourceClaim,
): string | undefined {
  if (isOwner(claim, workload)) return undefined;
  const owners = workloadOwners(claim);
  const shared = intent.id !== undefined && claim.spec.id === intent.id;
  if (shared || owners.length === 0) return undefined;
  return `claim ${claim.metadata.name} belongs to Workload ${owners.map((o) => o.name).join(', ')}; rename the resource or the Workload`;
}

function keyOf(workload: Workload, name: string) {
  return { namespace: workload.metadata.namespace, name };
}
