// A claim's provisioner state, kept in a Secret the claim controls: score-k8s's per-resource state file.
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import {
  applyOwned,
  BuiltinKinds,
  ownershipOf,
  type KubeClient,
  type Ownership,
} from '@score-orchestrator/operator-sdk';
import { MANAGED_BY_LABEL, ORCHESTRATOR_MANAGED_BY } from '@score-orchestrator/api';

/** Label on the state Secrets: the claim they belong to. */
export const CLAIM_LABEL = 'score.dev/claim';

/** A manifest applied for a claim, remembered so that one no longer rendered is deleted. */
export interface ManifestRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/** What is remembered between two provisions of one claim. */
export interface ClaimState {
  /** The provisioner (uri) that served the claim. */
  readonly provisioner: string;
  /** The resource state the provisioner returned last (`resource_state` / `.State`). */
  readonly state: Record<string, unknown>;
  /** Manifests applied for the claim. */
  readonly manifests: readonly ManifestRef[];
}

/** The name of claim `claimName`'s state Secret. */
export function claimStateSecretName(claimName: string): string {
  return `${claimName}-provisioner-state`;
}

/**
 * Reads the claim's state; undefined before the first provision (or when a Secret of that name is not
 * the claim's: controlled by it, or kept by a `Retain` deprovision with the claim's label). Values may be secret (generated passwords): they stay in the Secret.
 */
export async function readClaimState(
  client: KubeClient,
  claim: KubernetesObject,
): Promise<ClaimState | undefined> {
  const secret = await client.get<V1Secret>(BuiltinKinds.Secret, {
    namespace: claim.metadata?.namespace,
    name: claimStateSecretName(claim.metadata!.name!),
  });
  const state = ownershipOf(secret, claimStateOwnership(claim));
  if (state !== 'controlled' && state !== 'adoptable') return undefined;
  const field = (key: string) => Buffer.from(secret!.data?.[key] ?? '', 'base64').toString('utf8');
  return {
    provisioner: field('provisioner'),
    state: JSON.parse(field('state') || '{}') as Record<string, unknown>,
    manifests: JSON.parse(field('manifests') || '[]') as ManifestRef[],
  };
}

/** Server-side applies the claim's state Secret (controlled by the claim), unless `current` already equals it. */
export async function writeClaimState(
  client: KubeClient,
  claim: KubernetesObject,
  next: ClaimState,
  current: ClaimState | undefined,
): Promise<void> {
  if (current && JSON.stringify(current) === JSON.stringify(next)) return;
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: claimStateSecretName(claim.metadata!.name!),
      namespace: claim.metadata?.namespace,
      labels: { [CLAIM_LABEL]: claim.metadata!.name!, [MANAGED_BY_LABEL]: ORCHESTRATOR_MANAGED_BY },
    },
    type: 'Opaque',
    data: {
      provisioner: encode(next.provisioner),
      state: encode(JSON.stringify(next.state)),
      manifests: encode(JSON.stringify(next.manifests)),
    },
  };
  // Never over a Secret of that name that is not the claim's (`NotOwned`, reported as NameConflict).
  await applyOwned(client, secret, { ownership: claimStateOwnership(claim) });
}

/** The state Secret is the claim's: controlled by it, or kept by a `Retain` with the claim's label. */
function claimStateOwnership(claim: KubernetesObject): Ownership {
  return { owner: claim, labels: { [CLAIM_LABEL]: claim.metadata!.name! } };
}
