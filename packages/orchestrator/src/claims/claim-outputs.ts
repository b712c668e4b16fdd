import {
  ClaimConditionType,
  ClaimPhase,
  SecretReference,
  type ResourceBinding,
  type ResourceClaim,
} from '@score-orchestrator/api';

/**
 * Whether a claim's outputs may be used in placeholders: its resolver has observed the claim's current
 * spec (an older status describes params that no longer apply), it is not being deleted, and it is
 * `Bound`, or still `Provisioning` with `OutputsAvailable=True` for this spec (the resolver reported its
 * outputs final before the resource is ready; see `ProvisionResult.outputsFinal`). Pure.
 */
export function claimOutputsAvailable(claim: ResourceClaim | undefined): boolean {
  if (!claim?.status || claim.metadata.deletionTimestamp || !observedCurrent(claim)) return false;
  if (claim.status.phase === ClaimPhase.Bound) return true;
  if (claim.status.phase !== ClaimPhase.Provisioning) return false;
  const outputs = claim.status.conditions?.find((c) => c.type === ClaimConditionType.OutputsAvailable);
  return outputs?.status === 'True' && current(outputs.observedGeneration, claim.metadata.generation);
}

function observedCurrent(claim: ResourceClaim): boolean {
  return current(claim.status?.observedGeneration, claim.metadata.generation);
}

function current(observed: number | undefined, generation: number | undefined): boolean {
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
