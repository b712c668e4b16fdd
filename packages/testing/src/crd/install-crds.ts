import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

import {
  ApiException,
  ApiextensionsV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { TestingError, describeError } from '../errors/testing.error.js';
import { waitFor } from '../control-plane/wait-for.js';

const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

/**
 * Installs CustomResourceDefinitions from YAML/JSON files (multi-document allowed) or folders of them,
 * then waits until each is Established and every served version answers a list request (so the
 * resource is really served, not only accepted).
 *
 * Idempotent: a CRD that exists already is replaced with the file's content.
 *
 * @returns the installed CRDs, as the API server stored them.
 * @throws TestingError `Configuration` for unreadable files or documents that are not CRDs; `Api` when the API
 *   server rejects one; `Timeout` when one is not served in time.
 */
export async function installCrds(
  kubeConfig: KubeConfig,
  dirsOrFiles: string | readonly string[],
  timeoutMs = 60_000,
): Promise<V1CustomResourceDefinition[]> {
  const crds = await readCrds(typeof dirsOrFiles === 'string' ? [dirsOrFiles] : dirsOrFiles);
  const api = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const objects = kubeConfig.makeApiClient(CustomObjectsApi);
  const installed = await Promise.all(crds.map((crd) => apply(objects, crd)));
  return Promise.all(installed.map((crd) => waitUntilServed(api, objects, crd, timeoutMs)));
}

async function readCrds(paths: readonly string[]): Promise<V1CustomResourceDefinition[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((err: unknown) => {
      throw new TestingError('Configuration', `failed to read CRDs from ${path}: ${describeError(err)}`, {
        cause: err,
      });
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path)).filter((e) => manifestExtensions.has(extname(e))).sort();
    files.push(...entries.map((e) => join(path, e)));
  }
  const crds: V1CustomResourceDefinition[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(file, 'utf8'))) {
      if (document.errors.length > 0) {
        throw new TestingError('Configuration', `failed to parse ${file}: ${document.errors[0]?.message}`);
      }
      const object = document.toJS() as V1CustomResourceDefinition | null;
      if (object === null || object === undefined) continue;
      if (object.kind !== 'CustomResourceDefinition') {
        throw new TestingError(
          'Configuration',
          `failed to read CRDs from ${file}: found a ${String(object.kind)}, not a CustomResourceDefinition`,
        );
      }
      crds.push(object);
    }
  }
  return crds;
}

// CRDs go through the untyped custom-objects client on purpose: client-node's typed apiextensions model
// renames `x-kubernetes-*` keys (`x_kubernetes_validations`...) and silently drops them on the way out.
const crdResource = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions' };

async function apply(
  objects: CustomObjectsApi,
  crd: V1CustomResourceDefinition,
): Promise<V1CustomResourceDefinition> {
  const name = crd.metadata?.name ?? '';
  try {
    return (await objects.createClusterCustomObject({
      ...crdResource,
      body: crd,
    })) as V1CustomResourceDefinition;
  } catch (err) {
    if (!(err instanceof ApiException) || err.code !== 409) throw apiError(name, err);
  }
  try {
    const existing = (await objects.getClusterCustomObject({
      ...crdResource,
      name,
    })) as V1CustomResourceDefinition;
    const body = {
      ...crd,
      metadata: { ...crd.metadata, resourceVersion: existing.metadata?.resourceVersion },
    };
    return (await objects.replaceClusterCustomObject({
      ...crdResource,
      name,
      body,
    })) as V1CustomResourceDefinition;
  } catch (err) {
    throw apiError(name, err);
  }
}

async function waitUntilServed(
  api: ApiextensionsV1Api,
  objects: CustomObjectsApi,
  crd: V1CustomResourceDefinition,
  timeoutMs: number,
): Promise<V1CustomResourceDefinition> {
  const name = crd.metadata?.name ?? '';
  return waitFor(
    async (setReason) => {
      const current = await api.readCustomResourceDefinition({ name });
      const established = current.status?.conditions?.find((c) => c.type === 'Established');
      if (established?.status !== 'True') {
        setReason(`CRD ${name} is not Established: ${established?.message ?? 'no condition yet'}`);
        return undefined;
      }
      const { group, names } = current.spec;
      for (const version of current.spec.versions.filter((v) => v.served)) {
        try {
          await objects.listClusterCustomObject({
            group,
            version: version.name,
            plural: names.plural,
            limit: 1,
          });
        } catch (err) {
          setReason(`${names.plural}.${group}/${version.name} is not served yet: ${describeError(err)}`);
          return undefined;
        }
      }
      return current;
    },
    { description: `CRD ${name} to be served`, timeoutMs },
  );
}

function apiError(name: string, err: unknown): TestingError {
  const detail = err instanceof ApiException ? `${err.code} ${JSON.stringify(err.body)}` : describeError(err);
  return new TestingError('Api', `failed to install CRD ${name}: ${detail}`, { cause: err });
}
