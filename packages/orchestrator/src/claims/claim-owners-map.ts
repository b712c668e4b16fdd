import type { ResourceClaim } from '@score-orchestrator/api';
import type { MapFunction } from '@score-orchestrator/operator-sdk';
import { workloadOwners } from './claim-object.js';

/**
 * Maps a claim event to every Workload owning the claim, so a claim's status change (its outputs arriving,
 * its deletion finishing) reconciles each Workload that uses it. Shared claims have several.
 */
export const claimOwners: MapFunction<ResourceClaim> = (claim) =>
  workloadOwners(claim).map((ref) => ({ namespace: claim.metadata.namespace, name: ref.name }));
