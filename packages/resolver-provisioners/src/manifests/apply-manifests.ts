// Applies a provisioner's manifests in the claim's namespace, owned by the claim, and prunes the ones it dropped.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  applyOwned,
  checkOwnership,
  deleteOwned,
  getControllerOf,
  setControllerReference,
  TerminalError,
  type KubeClient,
  type Ownership,
} from '@score-orchestrator/operator-sdk';
import { MANAGED_BY_LABEL, ORCHESTRATOR_MANAGED_BY } from '@score-orchestrator/api';
import { CLAIM_LABEL, type ManifestRef } from '../state/claim-state.js';

/** The reference of a manifest, for remembering and pruning. */
export function manifestRef(manifest: Readonly<Record<string, unknown>>): ManifestRef {
  const meta = (manifest.metadata ?? {}) as Record<string, unknown>;
  return {
    apiVersion: String(manifest.apiVersion ?? ''),
    kind: String(manifest.kind ?? ''),
    name: String(meta.name ?? ''),
  };
}

const sameRef = (a: ManifestRef, b: ManifestRef) =>
  a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name;

/**
 * Checks the manifests of provisioner `uri`: each needs apiVersion, kind and metadata.name, a namespaced
 * kind, and no namespace but the claim's (everything is owned by the claim, and owner references do not
 * cross namespaces). Returns them with the namespace, the claim as controller and the managed-by label
 * `score-orchestrator` set (pod templates inside are the template's: label them for the host to see pods).
 *
 * @throws TerminalError naming the manifest (index, kind/name): retrying cannot fix a template.
 */
export async function prepareManifests(
  client: KubeClient,
  claim: KubernetesObject,
  uri: string,
  manifests: readonly Record<string, unknown>[],
): Promise<KubernetesObject[]> {
  const namespace = claim.metadata!.namespace!;
  return Promise.all(
    manifests.map(async (manifest, i) => {
      const ref = manifestRef(manifest);
      const label = `manifest ${i} (${ref.kind || '?'}/${ref.name || '?'}) of provisioner ${uri}`;
      if (!ref.apiVersion || !ref.kind || !ref.name)
        throw new TerminalError(`${label} needs apiVersion, kind and metadata.name`);
      const meta = (manifest.metadata ?? {}) as Record<string, unknown>;
      if (meta.namespace !== undefined && meta.namespace !== namespace) {
        throw new TerminalError(
          `${label} names namespace ${String(meta.namespace)}; provisioner manifests live in the claim's namespace ${namespace}`,
        );
      }
      let kind;
      try {
        kind = await client.resolveKind(manifest as KubernetesObject);
      } catch (err) {
        throw new TerminalError(`${label}: unknown kind ${ref.apiVersion}/${ref.kind}`, { cause: err });
      }
      if (!kind.namespaced)
        throw new TerminalError(
          `${label} is cluster-scoped; only namespaced objects can be owned by the claim`,
        );
      // managed-by wins over the template's: the resolver host caches Secrets, ConfigMaps and Pods by it.
      const labels = {
        ...(meta.labels as Record<string, string> | undefined),
        [MANAGED_BY_LABEL]: ORCHESTRATOR_MANAGED_BY,
      };
      const obj = structuredClone({
        ...manifest,
        metadata: { ...meta, namespace, labels },
      }) as KubernetesObject;
      return setControllerReference(claim, obj);
    }),
  );
}

/**
 * Server-side applies `objects` for the claim, only when each name is free or the claim's (see
 * {@link manifestOwnership}); checked for all before any is written. Idempotent.
 *
 * @throws OwnershipConflictError naming the first object that is someone else's (nothing is written).
 */
export async function applyManifests(
  client: KubeClient,
  claim: KubernetesObject,
  objects: readonly KubernetesObject[],
): Promise<void> {
  const ownership = manifestOwnership(claim);
  const found = await checkOwnership(client, objects, ownership);
  for (const [i, obj] of objects.entries()) {
    await applyOwned(client, obj, { ownership, current: found[i] ?? null });
  }
}

/**
 * Whose a provisioner's object is: controlled by the claim, or with no controller and the claim's label
 * (as a `Retain` deprovision leaves it, so a claim of the same name takes it up again).
 */
export function manifestOwnership(claim: KubernetesObject): Ownership {
  return { owner: claim, labels: { [CLAIM_LABEL]: claim.metadata!.name! } };
}

/** Deletes the objects in `previous` that `current` no longer has, if the claim still controls them. */
export async function pruneManifests(
  client: KubeClient,
  claim: KubernetesObject,
  previous: readonly ManifestRef[],
  current: readonly ManifestRef[],
): Promise<void> {
  for (const ref of previous.filter((p) => !current.some((c) => sameRef(c, p)))) {
    await deleteIfControlled(client, claim, ref);
  }
}

/** Deletes the object `ref` names when the claim controls it (uid precondition); absent objects are fine. */
export async function deleteIfControlled(
  client: KubeClient,
  claim: KubernetesObject,
  ref: ManifestRef,
): Promise<void> {
  const kind = await client.resolveKind({ apiVersion: ref.apiVersion, kind: ref.kind });
  const key = { namespace: claim.metadata?.namespace, name: ref.name };
  await deleteOwned(client, kind, key, { owner: claim });
}

/** Drops the claim's owner reference from the object `ref` names, so garbage collection keeps it (`Retain`). */
export async function releaseManifest(
  client: KubeClient,
  claim: KubernetesObject,
  ref: ManifestRef,
): Promise<void> {
  const kind = await client.resolveKind({ apiVersion: ref.apiVersion, kind: ref.kind });
  const key = { namespace: claim.metadata?.namespace, name: ref.name };
  const obj = await client.get(kind, key);
  if (!obj || getControllerOf(obj)?.uid !== claim.metadata?.uid) return;
  const ownerReferences = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== claim.metadata?.uid);
  await client.patch(kind, key, {
    // resourceVersion: fails on a concurrent change instead of overwriting it.
    metadata: {
      resourceVersion: obj.metadata?.resourceVersion,
      ownerReferences: ownerReferences.length > 0 ? ownerReferences : null,
    },
  });
}
