import { dirname } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { SCORE_API_VERSION, WORKLOAD_KIND } from '@score-orchestrator/api';
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
 * Objects without a namespace get `namespace`.
 *
 * @throws CliError `Validation` for an invalid Score file or unreadable YAML.
 */
export function prepareManifests(files: readonly InputFile[], options: PrepareOptions): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const file of files) {
    const docs = parseAllDocuments(file.text, { prettyErrors: true });
    const list = Array.isArray(docs) ? docs : [];
    const error = list.flatMap((doc) => doc.errors)[0];
    if (error !== undefined) throw new CliError('Validation', `failed to read ${file.name}: ${error.message}`);
    const values = list.map((doc) => doc.toJS() as unknown).filter((v) => v !== null && v !== undefined);
    const first = values[0] as Record<string, unknown> | undefined;
    if (values.length === 1 && first !== undefined && first.kind === undefined && first.apiVersion === SCORE_API_VERSION) {
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
    for (const value of values) {
      const object = value as KubernetesObject;
      if (typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') {
        throw new CliError('Validation', `failed to read ${file.name}: a document is neither a Score file nor a Kubernetes object`);
      }
      objects.push(withNamespace(object, options.namespace));
    }
  }
  return objects;
}

const clusterScoped = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume']);

function withNamespace(object: KubernetesObject, namespace: string): KubernetesObject {
  if (clusterScoped.has(object.kind ?? '') || object.metadata?.namespace !== undefined) return object;
  return { ...object, metadata: { ...object.metadata, namespace } };
}

/** Whether an object is a Workload (what `dev` waits for). */
export function isWorkload(object: KubernetesObject): boolean {
  return object.kind === WORKLOAD_KIND && object.apiVersion === SCORE_API_VERSION;
}
