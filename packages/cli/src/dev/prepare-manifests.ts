import { dirname } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { SCORE_API_VERSION, WORKLOAD_KIND } from '@score-orchestrator/api';
import { PLATFORM_CONFIG_KIND } from '@score-orchestrator/orchestrator';
import { parseAllDocuments } from 'yaml';
import { convertScore } from '../convert/convert-score.js';
import { CliError } from '../errors/cli.error.js';
import type { InputFile } from '../files/expand-files.js';

/** Options of {@link prepareManifests}. */
export interface PrepareOptions {
  /** Namespace for objects that name none (namespaced kinds only; `Namespace` objects are left alone). */
  readonly namespace: string;
  /** For Score files with `image: "."`. */
  readonly image?: string;
}

/**
 * Turns the files `dev` was given into objects to apply: a Score file becomes its Workload (converted as
 * `convert` does, so invalid ones stop here with their errors), Kubernetes manifests are taken as they are.
 * Objects without a namespace get `namespace`. A `kind: PlatformConfig` document is not applied: it is
 * returned as the platform config to run with (e.g. `examples/hello/platform.yaml`).
 *
 * @throws CliError `Validation` for an invalid Score file or unreadable YAML.
 */
export function prepareManifests(files: readonly InputFile[], options: PrepareOptions): PreparedManifests {
  const objects: KubernetesObject[] = [];
  let platformConfig: string | undefined;
  for (const file of files) {
    const docs = parseAllDocuments(file.text, { prettyErrors: true });
    const list = Array.isArray(docs) ? docs : [];
    const error = list.flatMap((doc) => doc.errors)[0];
    if (error !== undefined)
      throw new CliError('Validation', `failed to read ${file.name}: ${error.message}`);
    const values = list.map((doc) => doc.toJS() as unknown).filter((v) => v !== null && v !== undefined);
    const first = values[0] as Record<string, unknown> | undefined;
    if (
      values.length === 1 &&
      first !== undefined &&
      first.kind === undefined &&
      first.apiVersion === SCORE_API_VERSION
    ) {
      objects.push(
        convertScore({
          text: file.text,
          name: file.name,
          baseDir: dirname(file.path),
          namespace: options.namespace,
          image: options.image,
        }) as KubernetesObject,
      );
      continue;
    }
    for (const [index, value] of values.entries()) {
      const object = value as KubernetesObject;
      if (object?.kind === PLATFORM_CONFIG_KIND) {
        platformConfig ??= String(list.filter((doc) => doc.contents !== null)[index] ?? '');
        continue;
      }
      if (
        typeof object !== 'object' ||
        typeof object.kind !== 'string' ||
        typeof object.apiVersion !== 'string'
      ) {
        throw new CliError(
          'Validation',
          `failed to read ${file.name}: a document is neither a Score file nor a Kubernetes object`,
        );
      }
      objects.push(withNamespace(object, options.namespace));
    }
  }
  return { objects, platformConfig };
}

/** What `dev` applies, and the platform config found among the files (a `kind: PlatformConfig` document). */
export interface PreparedManifests {
  readonly objects: readonly KubernetesObject[];
  readonly platformConfig?: string;
}

const clusterScoped = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PersistentVolume',
]);

function withNamespace(object: KubernetesObject, namespace: string): KubernetesObject {
  if (clusterScoped.has(object.kind ?? '') || object.metadata?.namespace !== undefined) return object;
  return { ...object, metadata: { ...object.metadata, namespace } };
}

/** Whether an object is a Workload (what `dev` waits for). */
export function isWorkload(object: KubernetesObject): boolean {
  return object.kind === WORKLOAD_KIND && object.apiVersion === SCORE_API_VERSION;
}
