import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { inject, optional } from 'inversify';
import {
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { buildVolumeClaim } from '../manifests/volume-claim.manifest.js';
import { backingName } from '../naming/backing-names.js';
import { quantityParam } from '../params/resource-params.js';
import { applyForClaim } from '../provisioning/claim-objects.js';
import { DevKinds } from '../provisioning/dev-kinds.js';
import { releaseBackingObjects } from '../provisioning/release-backing-objects.js';
import {
  devResolverSettings,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';

/** The PVC name of a `volume` claim. */
export function volumeClaimName(request: ResourceRequest): string {
  return backingName('vol', request.claimName, 63);
}

/**
 * `volume`: a PersistentVolumeClaim (params `size`, a Kubernetes quantity such as `10Gi`, default the
 * storage setting; any other size fails the claim without retrying). Output `source` is a
 * Kubernetes volume source (`{ persistentVolumeClaim: { claimName } }`), the shape score-k8s's `source`
 * has (there an `emptyDir`); `claimName` names the PVC. Ready once the PVC exists and is not `Lost`: with
 * `WaitForFirstConsumer` storage classes it binds only when a pod uses it.
 */
@Resolver({
  name: 'dev-volume',
  type: 'volume',
  owns: [DevKinds.PersistentVolumeClaim],
  description: 'a PersistentVolumeClaim per claim',
  params: [
    { name: 'size', description: 'a Kubernetes quantity such as `10Gi` (default the storage setting)' },
  ],
  outputs: [
    {
      name: 'source',
      description: '`{ persistentVolumeClaim: { claimName } }`, what a container volume mounts',
    },
    { name: 'claimName', description: 'the PersistentVolumeClaim' },
  ],
})
export class VolumeResolver implements Resolver {
  private readonly settings: DevResolverSettings;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const claimName = volumeClaimName(request);
    const pvc = await applyForClaim<V1PersistentVolumeClaim>(
      request,
      ctx,
      buildVolumeClaim(request, {
        name: claimName,
        size: quantityParam(request, 'size') ?? this.settings.storage.size,
        storageClassName: this.settings.storage.storageClassName,
      }),
    );
    const phase = pvc.status?.phase ?? 'Pending';
    const outputs = { source: { persistentVolumeClaim: { claimName } }, claimName };
    if (phase === 'Lost') return { ready: false, outputs, message: 'the volume lost its storage' };
    return {
      ready: true,
      outputs,
      message: phase === 'Bound' ? 'volume is bound' : 'volume binds on first use',
    };
  }

  deprovision(request: ResourceRequest, ctx: ResolverContext): Promise<void> {
    const name = volumeClaimName(request);
    return releaseBackingObjects(request, ctx, [{ kind: DevKinds.PersistentVolumeClaim, name }]);
  }
}
