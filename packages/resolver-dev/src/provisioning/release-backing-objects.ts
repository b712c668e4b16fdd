import type { KubernetesObject } from '@kubernetes/client-node';
import { deleteOwned, ownershipOf, type ResourceKind } from '@score-orchestrator/operator-sdk';
import type { ResolverContext, ResourceRequest } from '@score-orchestrator/api';
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
  /** Also the data volumes (PVCs) of the StatefulSet of this name, which owner references do not reach. */
  readonly dataOf?: string;
}

/**
 * Deprovisions a claim's backing objects by its policy. Idempotent (missing objects are skipped).
 *
 * - `Delete`: deletes the objects the claim controls and, with `dataOf`, the StatefulSet's PVCs: the data
 *   is gone. An object of one of those names that is not the claim's (see `claimOwnership`) is left alone,
 *   and so are the PVCs of a StatefulSet that is not the claim's.
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
    for (const { kind, name } of objects) {
      const outcome = await deleteOwned(ctx.client, kind, { namespace, name }, ownership, {
        propagationPolicy: 'Background',
        signal: ctx.signal,
      });
      if (outcome === 'notOwned') notOwned.push(`${kind.kind}/${name}`);
    }
    // The data volumes go only with a StatefulSet that was the claim's.
    if (options.dataOf && !notOwned.includes(`StatefulSet/${options.dataOf}`)) {
      await deleteDataVolumes(request, ctx, options.dataOf);
    }
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

/**
 * Deletes the PVCs of StatefulSet `statefulSet` that carry the claim's labels and are named as its volume
 * claim templates name them (`<template>-<statefulSet>-<ordinal>`), each with its uid as precondition.
 */
async function deleteDataVolumes(request: ResourceRequest, ctx: ResolverContext, statefulSet: string) {
  const { namespace } = request;
  const selector = Object.entries({
    ...selectorLabels(statefulSet),
    [claimLabel]: labelValue(request.claimName),
  })
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pvcs = await ctx.client.list(DevKinds.PersistentVolumeClaim, { namespace, labelSelector: selector });
  const ordinalName = new RegExp(`^[a-z0-9-]+-${statefulSet}-[0-9]+$`);
  for (const pvc of pvcs.items) {
    const name = pvc.metadata?.name ?? '';
    if (!ordinalName.test(name)) continue;
    await ctx.client.delete(
      DevKinds.PersistentVolumeClaim,
      { namespace, name },
      { preconditions: { uid: pvc.metadata?.uid }, signal: ctx.signal },
    );
  }
}
