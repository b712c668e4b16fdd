import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CustomResourceDefinition } from './custom-resource-definition.js';
import { generateCrd, type CrdOptions } from './crd-generator.js';
import { readKubernetesResource, type ResourceClass } from './kubernetes-resource.decorator.js';

// Generated files are checked in and diffed, so the rendering must not depend on insertion order.
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'type', 'description'];

/** The file a CRD is written to: `<group>_<plural>.yaml`, as controller-gen names them. */
export function crdFileName(crd: CustomResourceDefinition): string {
  return `${crd.spec.group}_${crd.spec.names.plural}.yaml`;
}

/**
 * Renders a CRD as YAML with a stable key order (identity keys first, then alphabetical), so the same
 * CRD always renders to the same bytes. Quoting follows the repository's prettier settings (single
 * quotes), so formatting the checked-in files does not make them stale.
 */
export function renderCrdYaml(crd: CustomResourceDefinition): string {
  return renderManifestYaml(crd);
}

/**
 * Renders any manifest as one YAML document the way {@link renderCrdYaml} renders CRDs (identity keys first,
 * then alphabetical; single quotes): the same object always gives the same bytes.
 */
export function renderManifestYaml(manifest: object): string {
  return `---\n${stringify(sortKeys(manifest), { lineWidth: 0, aliasDuplicateObjects: false, singleQuote: true })}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const rank = (key: string) => {
    const index = LEADING_KEYS.indexOf(key);
    return index < 0 ? LEADING_KEYS.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

/**
 * One CRD per kind: classes that are versions of one kind (same group and plural) become one multi-version
 * CRD, in the order of their first class. `options` apply to the multi-version ones.
 */
export function generateCrds(
  classes: readonly ResourceClass[],
  options: CrdOptions = {},
): CustomResourceDefinition[] {
  const kinds = new Map<string, ResourceClass[]>();
  for (const cls of classes) {
    const resource = readKubernetesResource(cls);
    const key = resource ? `${resource.plural}.${resource.group}` : cls.name;
    kinds.set(key, [...(kinds.get(key) ?? []), cls]);
  }
  return [...kinds.values()].map((versions) => generateCrd(versions, options));
}

/**
 * Writes one YAML file per kind into `dir` (created if missing): the CRD of each class, or of all classes that
 * are versions of one kind (see {@link generateCrds}). Returns the paths written.
 */
export async function writeCrds(
  classes: readonly ResourceClass[],
  dir: string,
  options: CrdOptions = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const crd of generateCrds(classes, options)) {
    const path = join(dir, crdFileName(crd));
    await writeFile(path, renderCrdYaml(crd));
    written.push(path);
  }
  return written;
}

/** A generated file that is missing from, or differs in, the checked-in directory. */
export interface StaleCrd {
  readonly path: string;
  readonly reason: 'missing' | 'differs';
}

/**
 * Compares what `writeCrds` would write with what `dir` holds. An empty result means the directory is up
 * to date. Files in `dir` that no class generates are not reported (other tools may own them).
 */
export async function findStaleCrds(
  classes: readonly ResourceClass[],
  dir: string,
  options: CrdOptions = {},
): Promise<StaleCrd[]> {
  const stale: StaleCrd[] = [];
  for (const crd of generateCrds(classes, options)) {
    const path = join(dir, crdFileName(crd));
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current === undefined) stale.push({ path, reason: 'missing' });
    else if (current !== renderCrdYaml(crd)) stale.push({ path, reason: 'differs' });
  }
  return stale;
}
