import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { ResourceRequest } from '@score-orchestrator/api';
import { backingMetadata, ownedByClaim } from '../naming/backing-labels.js';

/** What a `volume` resource gets: a ReadWriteOnce claim of `size`, in `storageClassName` when given. */
export interface VolumeClaimSpec {
  readonly name: string;
  readonly size: string;
  readonly storageClassName?: string;
}

/** Builds the PersistentVolumeClaim of a `volume` resource, controlled by the resource claim. Pure. */
export function buildVolumeClaim(request: ResourceRequest, spec: VolumeClaimSpec): V1PersistentVolumeClaim {
  const pvc: V1PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: backingMetadata(request, spec.name, 'volume'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: spec.size } },
    },
  };
  if (spec.storageClassName && pvc.spec) pvc.spec.storageClassName = spec.storageClassName;
  return ownedByClaim(request, pvc);
}
