import { SecretReference, type ResourceBinding, type ResourceClaim } from '@score-orchestrator/api';

/**
 * Whether a claim's outputs may be used in placeholders: it is `Bound` and its resolver has observed the
 * claim's current spec (an older `Bound` describes params that no longer apply). Pure.
 */
export function claimOutputsAvailable(claim: ResourceClaim | undefined): boolean {
  if (claim?.status?.phase !== 'Bound' || claim.metadata.deletionTimestamp) return false;
  const observed = claim.status.observedGeneration;
  const generation = claim.metadata.generation;
  return observed === undefined || generation === undefined || observed >= generation;
}

/**
 * What placeholders see of one resource: `${resources.NAME}` is the claim's name; its outputs are the
 * claim's non-secret outputs plus a `SecretReference` for every secret output key (never a value), or
 * `undefined` while they are not available (placeholders then wait rather than fail). Pure.
 */
export function claimBinding(claimName: string, claim: ResourceClaim | undefined): ResourceBinding {
  if (!claim || !claimOutputsAvailable(claim)) return { id: claimName };
  const status = claim.status ?? {};
  const outputs: Record<string, unknown> = { ...(status.outputs ?? {}) };
  if (status.secretName) {
    for (const key of status.secretOutputKeys ?? [])
      outputs[key] = new SecretReference(status.secretName, key);
  }
  return { id: claimName, outputs };
}
