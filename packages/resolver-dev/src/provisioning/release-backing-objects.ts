import type { KubernetesObject, V1StatefulSet } from '@kubernetes/client-node';
import { BuiltinKinds, deleteOwned, ownershipOf, type ResourceKind } from '@score-orchestrator/operator-sdk';
import type { ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import { dataVolumeName } from '../manifests/backing-service.manifests.js';
import { claimLabel, claimOwnership, selectorLabels } from '../naming/backing-labels.js';
import { labelValue } from '../naming/backing-names.js';
import { DevKinds } from './dev-kinds.js';

/** One object a resolver created for a claim. */
export interface BackingObjectRef {
  readonly kind: ResourceKind;
  readonly name: string;
}

/** Options of {@link releaseBackingObjects}. */
export interface ReleaseOptions {
  /**
   * Also the data volumes (PVCs) of the StatefulSet of this name, which the claim's owner references do not
   * reach (see {@link releaseBackingObjects} for which PVCs count as its).
   */
  readonly dataOf?: string;
}

/**
 * Deprovisions a claim's backing objects by its policy. Idempotent (missing objects are skipped).
 *
 * - `Delete`: deletes the objects the claim controls and, with `dataOf`, the StatefulSet's PVCs: the data
 *   is gone. An object of one of those names that is not the claim's (see `claimOwnership`) is left alone.
 *   A PVC is deleted only when provably the data volume of that StatefulSet as the claim controls it (read
 *   before it is deleted): named as its volume claim template names them (`data-<statefulSet>-<ordinal>`),
 *   carrying the claim's identity labels, and owned by nothing but that StatefulSet (by uid). Labels alone
 *   prove nothing (anyone can set them), so with the StatefulSet already gone or not the claim's, no PVC is
 *   deleted: those the StatefulSet controller gave an owner reference (retention `whenDeleted: Delete`) go
 *   with it by garbage collection.
 * - `Retain` and `Orphan`: removes the claim's owner reference from each object it controls (so garbage collection
 *   spares them when the claim goes) and switches a StatefulSet's PVC retention to `Retain`; the service keeps
 *   running with its data. A claim of the same name created later adopts the objects again, credentials
 *   included (they are read back from the backing Secret).
 *
 * Caveat: the host must delete the claim with background propagation (the default for custom resources).
 * Foreground deletion lets garbage collection remove the dependents before `deprovision` can release them.
 */
export async function releaseBackingObjects(
  request: ResourceRequest,
  ctx: ResolverContext,
  objects: readonly BackingObjectRef[],
  options: ReleaseOptions = {},
): Promise<void> {
  const { namespace } = request;
  const ownership = claimOwnership(request);
  const notOwned: string[] = [];
  if (request.deprovisionPolicy === 'Delete') {
    const dataSet = options.dataOf ? await claimStatefulSet(request, ctx, options.dataOf) : undefined;
    for (const { kind, name } of objects) {
      const outcome = await deleteOwned(ctx.client, kind, { namespace, name }, ownership, {
        propagationPolicy: 'Background',
        signal: ctx.signal,
      });
      if (outcome === 'notOwned') notOwned.push(`${kind.kind}/${name}`);
    }
    if (dataSet) await deleteDataVolumes(request, ctx, dataSet);
    ctx.logger.info('deleted backing objects', {
      namespace,
      claim: request.claimName,
      count: objects.length - notOwned.length,
      ...(notOwned.length > 0 ? { notOwned } : {}),
    });
    return;
  }

  for (const { kind, name } of objects) {
    const obj = await ctx.client.get<KubernetesObject>(kind, { namespace, name });
    if (ownershipOf(obj, ownership) !== 'controlled') continue;
    const remaining = (obj!.metadata?.ownerReferences ?? []).filter(
      (r) => r.uid !== request.claim.metadata?.uid,
    );
    const patch: Record<string, unknown> = {
      // resourceVersion makes the patch fail on a concurrent change instead of overwriting it.
      metadata: {
        resourceVersion: obj!.metadata?.resourceVersion,
        ownerReferences: remaining.length > 0 ? remaining : null,
      },
    };
    if (kind.kind === 'StatefulSet') {
      patch.spec = { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } };
    }
    await ctx.client.patch(kind, { namespace, name }, patch, { type: 'merge' });
  }
  ctx.logger.info('released backing objects', {
    namespace,
    claim: request.claimName,
    policy: request.deprovisionPolicy,
  });
}

/** StatefulSet `name` when the claim controls it, else undefined (absent or not the claim's). */
async function claimStatefulSet(
  request: ResourceRequest,
  ctx: ResolverContext,
  name: string,
): Promise<KubernetesObject | undefined> {
  const key = { namespace: request.namespace, name };
  const statefulSet = await ctx.client.get<KubernetesObject>(BuiltinKinds.StatefulSet, key, {
    signal: ctx.signal,
  });
  return ownershipOf(statefulSet, claimOwnership(request)) === 'controlled' ? statefulSet : undefined;
}

/**
 * Deletes the data volumes of `statefulSet` (the claim's, read before it was deleted): the PVCs named as its
 * volume claim template names them for its pods (`data-<statefulSet>-<ordinal>`, the names the StatefulSet
 * binds its pods' volumes by, whoever created the PVC), carrying the claim's identity labels, and owned by
 * nothing but `statefulSet` (the StatefulSet controller's reference for retention `whenDeleted: Delete`,
 * matched by uid). Each is deleted with its uid as precondition, so a PVC replaced since the list is not.
 */
async function deleteDataVolumes(
  request: ResourceRequest,
  ctx: ResolverContext,
  statefulSet: KubernetesObject,
) {
  const { namespace } = request;
  const setName = statefulSet.metadata?.name ?? '';
  const setUid = statefulSet.metadata?.uid;
  const selector = Object.entries({
    ...selectorLabels(setName),
    [claimLabel]: labelValue(request.claimName),
  })
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pvcs = await ctx.client.list(DevKinds.PersistentVolumeClaim, { namespace, labelSelector: selector });
  // Controlled by the set, or with no controller and the claim's identity labels (ownerReferences of
  // a StatefulSet controller that sets no `controller: true`).
  const setOwnership = { owner: statefulSet, labels: claimOwnership(request).labels };
  const names = dataVolumeNames(statefulSet as V1StatefulSet);
  for (const pvc of pvcs.items) {
    const name = pvc.metadata?.name ?? '';
    const named = names.has(name);
    const ownedBySet = (pvc.metadata?.ownerReferences ?? []).every((ref) => ref.uid === setUid);
    const state = ownershipOf(pvc, setOwnership);
    const ours = named && ownedBySet && (state === 'controlled' || state === 'adoptable');
    if (!ours) continue;
    await ctx.client.delete(
      DevKinds.PersistentVolumeClaim,
      { namespace, name },
      { preconditions: { uid: pvc.metadata?.uid }, signal: ctx.signal },
    );
  }
}

/**
 * The names of the PVCs the pods of `statefulSet` mount as their data volume: one per ordinal
 * (`spec.ordinals.start` up to `spec.replicas`), whoever created the PVC.
 */
function dataVolumeNames(statefulSet: V1StatefulSet): Set<string> {
  const start = statefulSet.spec?.ordinals?.start ?? 0;
  const replicas = statefulSet.spec?.replicas ?? 1;
  const names = new Set<string>();
  for (let ordinal = start; ordinal < start + replicas; ordinal++)
    names.add(`${dataVolumeName}-${statefulSet.metadata?.name}-${ordinal}`);
  return names;
}
