// The Secret holding a claim's secret outputs: named after the claim, controlled by it.
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import {
  applyOwned,
  BuiltinKinds,
  deleteOwned,
  type DeleteOwnedOutcome,
  getControllerOf,
  isConflict,
  isReferenceToKind,
  type Logger,
  OperatorSdkError,
  ownershipOf,
  type KubeClient,
  type Ownership,
  type SharedCache,
} from '@score-orchestrator/operator-sdk';
import { MANAGED_BY_LABEL, ORCHESTRATOR_MANAGED_BY, ResourceClaimKind } from '@score-orchestrator/api';

/** Label on every outputs Secret: the claim it belongs to (also after a `Retain` orphaned it). */
export const CLAIM_LABEL = 'score.dev/claim';

/** The name of the Secret holding the secret outputs of claim `claimName`. */
export function outputsSecretName(claimName: string): string {
  return `${claimName}-outputs`;
}

/** The claim's outputs Secret as read: its values (decoded) and whether the claim controls it. */
export interface OutputsSecret {
  readonly name: string;
  readonly values: Readonly<Record<string, string>>;
  readonly controlled: boolean;
}

/** What {@link readOutputsSecret} found under the outputs Secret's name. */
export interface OutputsSecretRead {
  /** The Secret of that name, whoever's it is; null when there is none. */
  readonly object: V1Secret | null;
  /** The claim's outputs, when the Secret is the claim's. */
  readonly outputs?: OutputsSecret;
}

/**
 * Reads the claim's outputs Secret: from `cache` when it holds it (every reconcile after the first, without
 * a request), else from the API server (a Secret not written yet, or one the cache's label filter leaves
 * out). It counts when the claim controls it, or when it has no controller and carries the claim's label (a
 * Secret a `Retain` deprovision kept, adopted again by a claim of the same name). Any other Secret of that
 * name is not the claim's: no `outputs`.
 *
 * A miss of the label-filtered cache is read, not presumed absent (as the dev resolvers' backing Secret is,
 * checked by its create-only write; see `createOwned`): the resolver acts on these values before this Secret
 * is written, so a provision told "none" while the claim has some (a kept Secret whose label was changed)
 * may already have handed out new credentials (e.g. a backing Secret created with a fresh password, a pod
 * started with it) by the time a create-only write found the Secret.
 */
export async function readOutputsSecret(
  client: KubeClient,
  claim: KubernetesObject,
  cache?: Pick<SharedCache, 'get'>,
): Promise<OutputsSecretRead> {
  const name = outputsSecretName(claim.metadata!.name!);
  const key = { namespace: claim.metadata?.namespace, name };
  const secret = cachedSecret(cache, key) ?? (await client.get<V1Secret>(BuiltinKinds.Secret, key));
  return outputsSecretRead(secret, claim);
}

/** Classifies `secret` (under the claim's outputs Secret name, or none) as {@link readOutputsSecret} does. */
function outputsSecretRead(secret: V1Secret | undefined, claim: KubernetesObject): OutputsSecretRead {
  const name = outputsSecretName(claim.metadata!.name!);
  if (!secret) return { object: null };
  const state = ownershipOf(secret, outputsSecretOwnership(claim));
  if (state !== 'controlled' && state !== 'adoptable') return { object: secret };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    values[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return { object: secret, outputs: { name, values, controlled: state === 'controlled' } };
}

/**
 * Server-side applies the outputs Secret with exactly `values`, controlled by the claim. Writes nothing
 * when `read` (this reconcile's {@link readOutputsSecret}) already holds them, and reads nothing again.
 * Values never leave this function except in the request body.
 */
export async function writeOutputsSecret(
  client: KubeClient,
  claim: KubernetesObject,
  values: Readonly<Record<string, string>>,
  read: OutputsSecretRead,
): Promise<string> {
  const name = outputsSecretName(claim.metadata!.name!);
  if (read.outputs?.controlled && sameValues(read.outputs.values, values)) return name;
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: claim.metadata?.namespace,
      // managed-by: the hosts' caches select Secrets by it (see managedObjectFilters).
      labels: { [CLAIM_LABEL]: claim.metadata!.name!, [MANAGED_BY_LABEL]: ORCHESTRATOR_MANAGED_BY },
    },
    type: 'Opaque',
    data,
  };
  // Never over a Secret of that name that is not the claim's: `NotOwned` instead (reported as NameConflict).
  await applyOwned(client, secret, { ownership: outputsSecretOwnership(claim), current: read.object });
  return name;
}

/**
 * Deletes the Secret `read` (this reconcile's {@link readOutputsSecret}) found under the claim's outputs
 * Secret name when it is the outputs Secret of an earlier claim of the same name that is gone, and returns
 * the read to go on with (`{ object: null }` once deleted); any other read comes back as it is, without a
 * request.
 *
 * Why delete rather than wait: such a Secret is garbage, not someone else's object. A claim without a
 * `deprovision` (no finalizer) leaves its outputs Secret to the garbage collector, so a claim created again
 * at once under the same name (a Workload deleted and applied again) would find it, still controlled by the
 * old claim's uid, and be refused as `NameConflict` until the collector came (never, on a cluster without
 * one). This deletes it as the collector would, on the same evidence: read live, its owner references all
 * name one ResourceClaim of this claim's name (its controller) and it carries this claim's identity label
 * (the host wrote it), and that claim is gone: the claim of that name, read live, is this claim, whose uid
 * is another. The delete has the Secret's uid and resourceVersion as preconditions, so a Secret written or
 * changed since it was read (e.g. by this claim's own earlier reconcile) is never deleted. Anything else
 * under that name (no owner, another owner's kind or name, other owners besides, a `Retain`-kept Secret)
 * is left as it is: someone else's stays refused (`NameConflict`), a kept one stays adoptable.
 */
export async function collectStaleOutputsSecret(
  client: KubeClient,
  claim: KubernetesObject,
  read: OutputsSecretRead,
  logger: Logger,
): Promise<OutputsSecretRead> {
  if (!read.object || read.outputs || !staleOutputsSecret(read.object, claim)) return read;
  const key = { namespace: claim.metadata?.namespace, name: outputsSecretName(claim.metadata!.name!) };
  for (let attempt = 1; ; attempt++) {
    // The cached copy may lag (e.g. this claim wrote its own Secret since): decide on the live one.
    const live = await client.get<V1Secret>(BuiltinKinds.Secret, key);
    if (!live || !staleOutputsSecret(live, claim)) return outputsSecretRead(live, claim);
    const current = await client.get(ResourceClaimKind, {
      namespace: key.namespace,
      name: claim.metadata!.name!,
    });
    // Only on behalf of the claim that now holds the name (not from a stale copy of a deleted one).
    if (current?.metadata?.uid !== claim.metadata?.uid) return { object: live };
    const { uid, resourceVersion } = live.metadata!;
    try {
      await client.delete(BuiltinKinds.Secret, key, { preconditions: { uid, resourceVersion } });
      logger.info(
        'deleted the outputs Secret of an earlier claim of this name, left for garbage collection',
        {
          secret: key.name,
          formerOwnerUid: getControllerOf(live)?.uid,
        },
      );
      return { object: null };
    } catch (err) {
      // Changed or replaced since it was read: look again once, then let the reconcile retry.
      if (!isConflict(err) || attempt > 1) throw err;
    }
  }
}

/**
 * Whether `secret` is the outputs Secret of an earlier claim of `claim`'s name with another uid: every
 * owner reference is its controller, a ResourceClaim of this name, and it carries the claim's label. Pure.
 */
function staleOutputsSecret(secret: V1Secret, claim: KubernetesObject): boolean {
  const controller = getControllerOf(secret);
  if (!controller || controller.uid === claim.metadata?.uid) return false;
  return (
    isReferenceToKind(controller, ResourceClaimKind) &&
    controller.name === claim.metadata?.name &&
    (secret.metadata?.ownerReferences ?? []).every((ref) => ref.uid === controller.uid) &&
    secret.metadata?.labels?.[CLAIM_LABEL] === claim.metadata?.name
  );
}

/** Drops the claim's owner reference from its outputs Secret, so garbage collection keeps it (`Retain`). */
export async function orphanOutputsSecret(client: KubeClient, claim: KubernetesObject): Promise<void> {
  const key = { namespace: claim.metadata?.namespace, name: outputsSecretName(claim.metadata!.name!) };
  const secret = await client.get<V1Secret>(BuiltinKinds.Secret, key);
  if (!secret || getControllerOf(secret)?.uid !== claim.metadata?.uid) return;
  const ownerReferences = (secret.metadata?.ownerReferences ?? []).filter(
    (ref) => ref.uid !== claim.metadata?.uid,
  );
  await client.patch(BuiltinKinds.Secret, key, {
    // resourceVersion: fails on a concurrent change instead of overwriting it.
    metadata: {
      resourceVersion: secret.metadata?.resourceVersion,
      ownerReferences: ownerReferences.length > 0 ? ownerReferences : null,
    },
  });
}

/**
 * Deletes the claim's outputs Secret (`Delete`) only while the claim controls it, with its uid as
 * precondition (see `deleteOwned`): a Secret a claim of the same name wrote since, or one a `Retain` kept,
 * stays. Done before the claim is released instead of left to garbage collection, so a claim created
 * again under the same name (a Workload deleted and applied again) does not find it and wait for the
 * collector as for someone else's Secret (or for ever, on a cluster without one).
 */
export function deleteOutputsSecret(
  client: KubeClient,
  claim: KubernetesObject,
): Promise<DeleteOwnedOutcome> {
  const key = { namespace: claim.metadata?.namespace, name: outputsSecretName(claim.metadata!.name!) };
  return deleteOwned(client, BuiltinKinds.Secret, key, outputsSecretOwnership(claim));
}

/** The claim's outputs Secret is its own: controlled by it, or kept by a `Retain` with its label. */
function outputsSecretOwnership(claim: KubernetesObject): Ownership {
  return { owner: claim, labels: { [CLAIM_LABEL]: claim.metadata!.name! } };
}

function sameValues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The Secret `key` from `cache`; undefined when the cache does not hold it or keeps no Secrets. */
function cachedSecret(
  cache: Pick<SharedCache, 'get'> | undefined,
  key: { namespace?: string; name: string },
): V1Secret | undefined {
  if (!cache) return undefined;
  try {
    return cache.get<V1Secret>(BuiltinKinds.Secret, key);
  } catch (err) {
    // No informer for Secrets (no resolver owns any): the API server it is.
    if (OperatorSdkError.is(err) && err.kind === 'Configuration') return undefined;
    throw err;
  }
}
