import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import type { PlanVolume } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { sourceVolumeName } from './object-names.js';

/** What a container's volumes become: pod volumes (one per distinct source) and mounts. */
export interface MappedVolumes {
  readonly volumes: V1Volume[];
  readonly mounts: V1VolumeMount[];
}

/** Volume source keys accepted in a JSON source (a subset of Kubernetes' `VolumeSource`). */
const volumeSourceKeys = [
  'persistentVolumeClaim',
  'emptyDir',
  'configMap',
  'secret',
  'hostPath',
  'nfs',
  'csi',
  'ephemeral',
  'projected',
  'image',
] as const;

/**
 * Maps a container's volumes. A volume's `source` is what the orchestrator projected: for
 * `source: ${resources.NAME}`, that resource's `source` output; else the text as written and expanded.
 * - plain text: the name of a PersistentVolumeClaim;
 * - JSON of an object with one Kubernetes volume source (`{"emptyDir":{}}`,
 *   `{"persistentVolumeClaim":{"claimName":"data"}}`...), as score-k8s volume provisioners output;
 * - JSON of `{"claimName": ...}`: a PersistentVolumeClaim.
 * `path` becomes the mount's `subPath`, without leading `/` (Score paths in a volume are from its root;
 * Kubernetes wants them relative), `readOnly` the mount's (and a claim's) `readOnly`.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` for a JSON source naming no known volume source.
 */
export function mapContainerVolumes(
  container: string,
  volumes: readonly PlanVolume[] | undefined,
): MappedVolumes {
  const result: MappedVolumes = { volumes: [], mounts: [] };
  for (const volume of volumes ?? []) {
    const name = sourceVolumeName(volume.source);
    if (!result.volumes.some((v) => v.name === name)) {
      result.volumes.push({ name, ...volumeSource(container, volume) });
    }
    const subPath = volume.path?.replace(/^\/+/, '');
    result.mounts.push({
      name,
      mountPath: volume.target,
      ...(subPath ? { subPath } : {}),
      ...(volume.readOnly ? { readOnly: true } : {}),
    });
  }
  return result;
}

function volumeSource(container: string, volume: PlanVolume): Omit<V1Volume, 'name'> {
  const text = volume.source.trim();
  if (!text.startsWith('{')) return { persistentVolumeClaim: { claimName: text } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw invalid(container, volume, 'it is neither a claim name nor valid JSON', err);
  }
  const obj = parsed as Record<string, unknown>;
  if (typeof obj['claimName'] === 'string') {
    return { persistentVolumeClaim: { claimName: obj['claimName'] } };
  }
  const keys = Object.keys(obj).filter((k) => (volumeSourceKeys as readonly string[]).includes(k));
  if (keys.length !== 1) {
    throw invalid(
      container,
      volume,
      `it must hold exactly one of ${volumeSourceKeys.join(', ')} (or a claimName)`,
    );
  }
  return { [keys[0]!]: obj[keys[0]!] } as Omit<V1Volume, 'name'>;
}

function invalid(
  container: string,
  volume: PlanVolume,
  why: string,
  cause?: unknown,
): RuntimeKubernetesError {
  return new RuntimeKubernetesError(
    'InvalidPlan',
    `failed to map volume ${volume.target} of container ${container}: ${why}`,
    { cause },
  );
}
