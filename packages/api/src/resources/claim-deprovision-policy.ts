// The deprovision policy that decides a claim's data: latched at first provisioning.
import type { DeprovisionPolicy } from './deprovision-policy.js';
import type { ResourceClaim } from './resource-claim.resource.js';

/**
 * The policy a claim is deprovisioned with: the one latched in `status.deprovisionPolicy` when the resolver
 * host first provisioned it, else (not provisioned yet) `spec.deprovisionPolicy`, else `Delete`. A platform
 * config edit changes the spec, never the latched policy: it applies to new claims only. Pure.
 */
export function claimDeprovisionPolicy(claim: Pick<ResourceClaim, 'spec' | 'status'>): DeprovisionPolicy {
  return claim.status?.deprovisionPolicy ?? claim.spec.deprovisionPolicy ?? 'Delete';
}
