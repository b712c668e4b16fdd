// What becomes of a claim's backing resources when the claim goes: one vocabulary for the ResourceClaim
// CRD, the resolvers (ResourceRequest) and the platform configuration.

/** Every {@link DeprovisionPolicy}, in documentation order (`Delete` is the default). */
export const DEPROVISION_POLICIES = ['Delete', 'Retain', 'Orphan'] as const;

/**
 * How a claim's backing resources are treated when the claim goes away: `Delete` removes them with their
 * data, `Retain` keeps them (owner references dropped), `Orphan` keeps the claim itself when its last
 * Workload lets go (the orchestrator never deletes it).
 */
export type DeprovisionPolicy = (typeof DEPROVISION_POLICIES)[number];
