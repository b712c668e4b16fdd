import type { V1ConfigMap, V1Volume, V1VolumeMount, V1VolumeProjection } from '@kubernetes/client-node';
import type { PlanFile } from '@score-orchestrator/api';
import { fileKey, filesConfigMapName, filesVolumeName } from './object-names.js';

/** What one container's files become. */
export interface MappedFiles {
  /** The ConfigMap of `content` (`data`) and `binaryContent` (`binaryData`) files; absent without any. */
  readonly configMap?: V1ConfigMap;
  /** One projected volume: the ConfigMap's keys and the referenced Secrets' keys, each with its mode. */
  readonly volume?: V1Volume;
  /** One `subPath` mount per file, at its target path, read-only. */
  readonly mounts: V1VolumeMount[];
  /** What the pod-template hash covers: file contents and secret references (never secret values). */
  readonly hashInput: unknown;
}

/** Identifies a Secret the files reference, for the hash (its resourceVersion when known). */
export type SecretVersionLookup = (secretName: string) => string | undefined;

/**
 * Maps a container's files. Every file lands at its own target path through a `subPath` mount of one
 * projected volume, so files of different directories need no shared directory and nothing else in the
 * target directory is hidden. `mode` (octal text such as `0600`) becomes the item's `mode`. `secretRef`
 * files project the referenced Secret's key directly; the runtime copies no secret.
 */
export function mapContainerFiles(
  planName: string,
  namespace: string,
  container: string,
  files: readonly PlanFile[] | undefined,
  secretVersion: SecretVersionLookup = () => undefined,
): MappedFiles {
  if (!files || files.length === 0) return { mounts: [], hashInput: undefined };
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const configItems: { key: string; path: string; mode?: number }[] = [];
  const secretItems = new Map<string, { key: string; path: string; mode?: number }[]>();
  const mounts: V1VolumeMount[] = [];
  const volumeName = filesVolumeName(container);
  for (const file of files) {
    const path = fileKey(file.target);
    const mode = file.mode === undefined ? undefined : parseInt(file.mode, 8);
    if (file.secretRef) {
      const items = secretItems.get(file.secretRef.name) ?? [];
      items.push({ key: file.secretRef.key, path, ...(mode === undefined ? {} : { mode }) });
      secretItems.set(file.secretRef.name, items);
    } else {
      if (file.binaryContent !== undefined) binaryData[path] = file.binaryContent;
      else data[path] = file.content ?? '';
      configItems.push({ key: path, path, ...(mode === undefined ? {} : { mode }) });
    }
    mounts.push({ name: volumeName, mountPath: file.target, subPath: path, readOnly: true });
  }
  const configMapName = filesConfigMapName(planName, container);
  const sources: V1VolumeProjection[] = [];
  let configMap: V1ConfigMap | undefined;
  if (configItems.length > 0) {
    configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName, namespace },
      ...(Object.keys(data).length > 0 ? { data } : {}),
      ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
    };
    sources.push({ configMap: { name: configMapName, items: configItems } });
  }
  const secretNames = [...secretItems.keys()].sort();
  for (const name of secretNames) sources.push({ secret: { name, items: secretItems.get(name) } });
  return {
    configMap,
    volume: { name: volumeName, projected: { sources } },
    mounts,
    hashInput: {
      files: files.map((f) => ({ ...f })),
      secrets: secretNames.map((name) => ({ name, version: secretVersion(name) })),
    },
  };
}
