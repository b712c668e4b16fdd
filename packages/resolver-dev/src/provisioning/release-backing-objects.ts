import type { KubernetesObject } from '@kubernetes/client-node';
import { isOwnedBy, type ResourceKind } from '@score-orchestrator/operator-sdk';
import type { ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import { claimLabel, selectorLabels } from '../naming/backing-labels.js';
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
 * - `Delete`: deletes the objects and, with `dataOf`, the StatefulSet's PVCs: the data is gone.
 * - `Retain` and `Orphan`: removes the claim's owner reference from each object (so garbage collection
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
  if (request.deprovisionPolicy === 'Delete') {
    for (const { kind, name } of objects) {
      await ctx.client.delete(kind, { namespace, name }, { propagationPolicy: 'Background' });
    }
    if (options.dataOf) {
      const selector = Object.entries({
        ...selectorLabels(options.dataOf),
        [claimLabel]: labelValue(request.claimName),
      })
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const pvcs = await ctx.client.list(DevKinds.PersistentVolumeClaim, {
        namespace,
        labelSelector: selector,
      });
      for (const pvc of pvcs.items) {
        await ctx.client.delete(DevKinds.PersistentVolumeClaim, {
          namespace,
          name: pvc.metadata?.name ?? '',
        });
      }
    }
    ctx.logger.info('deleted backing objects', {
      namespace,
      claim: request.claimName,
      count: objects.length,
    });
    return;
  }

  const claimUid = request.claim.metadata?.uid;
  for (const { kind, name } of objects) {
    const obj = await ctx.client.get<KubernetesObject>(kind, { namespace, name });
    if (!obj || !isOwnedBy(obj, request.claim)) continue;
    const remaining = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== claimUid);
    const patch: Record<string, unknown> = {
      // resourceVersion makes the patch fail on a concurrent change instead of overwriting it.
      metadata: {
        resourceVersion: obj.metadata?.resourceVersion,
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
