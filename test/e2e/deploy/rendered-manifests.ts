// The objects deploy/ renders to: `helm template` of the chart and `kustomize build` of the base, parsed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { ensureDeployTool, repoRoot } from './deploy-tools.js';

const run = promisify(execFile);

export const chartDir = join(repoRoot, 'deploy', 'helm', 'score-orchestrator');
export const kustomizeBaseDir = join(repoRoot, 'deploy', 'kustomize', 'base');

/** The namespace both renderings install into. */
export const installNamespace = 'score-system';

/** A rendered object with the fields the tests read. */
export type RenderedObject = KubernetesObject & Record<string, unknown>;

/** Options of {@link renderHelmChart}. */
export interface HelmRenderOptions {
  /** `--set` pairs, e.g. `namespace.create=true`. */
  readonly set?: readonly string[];
  /** `--kube-version`, the version capability checks see. */
  readonly kubeVersion?: string;
}

/** `helm template score-orchestrator deploy/helm/score-orchestrator -n score-system`, parsed. */
export async function renderHelmChart(options: HelmRenderOptions = {}): Promise<RenderedObject[]> {
  const helm = await ensureDeployTool('helm');
  const args = ['template', 'score-orchestrator', chartDir, '--namespace', installNamespace];
  if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
  for (const pair of options.set ?? []) args.push('--set', pair);
  const { stdout } = await run(helm, args, { maxBuffer: 64 * 1024 * 1024, env: helmEnv() });
  return parseObjects(stdout, 'helm template');
}

/**
 * Runs `helm` with `args` against the cluster of `kubeconfigPath` (install, upgrade, uninstall) and
 * resolves with its output.
 */
export async function runHelm(kubeconfigPath: string, args: readonly string[]): Promise<string> {
  const helm = await ensureDeployTool('helm');
  const { stdout } = await run(helm, [...args, '--kubeconfig', kubeconfigPath], {
    maxBuffer: 64 * 1024 * 1024,
    env: helmEnv(),
  });
  return stdout;
}

/** `helm lint --strict` of the chart; resolves with its output, rejects when it finds problems. */
export async function lintHelmChart(kubeVersion: string): Promise<string> {
  const helm = await ensureDeployTool('helm');
  const { stdout } = await run(helm, ['lint', chartDir, '--strict', '--kube-version', kubeVersion], {
    env: helmEnv(),
  });
  return stdout;
}

/** `deploy/kustomize/overlays/watch-namespaces`: namespace-scoped operation in team-a and team-b. */
export const watchNamespacesOverlayDir = join(
  repoRoot,
  'deploy',
  'kustomize',
  'overlays',
  'watch-namespaces',
);

/** `kustomize build deploy/kustomize/base`, parsed. */
export async function buildKustomizeBase(): Promise<RenderedObject[]> {
  return buildKustomize(kustomizeBaseDir);
}

/** `kustomize build <dir>` (the base or an overlay), parsed. */
export async function buildKustomize(dir: string): Promise<RenderedObject[]> {
  const kustomize = await ensureDeployTool('kustomize');
  const { stdout } = await run(kustomize, ['build', dir], { maxBuffer: 64 * 1024 * 1024 });
  return parseObjects(stdout, 'kustomize build');
}

/** The one object of `kind` named `name` (any namespace); throws naming what was rendered otherwise. */
export function findObject(objects: readonly RenderedObject[], kind: string, name: string): RenderedObject {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (found === undefined) {
    const rendered = objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ');
    throw new Error(`no ${kind}/${name} among the rendered objects: ${rendered}`);
  }
  return found;
}

function parseObjects(text: string, source: string): RenderedObject[] {
  const objects: RenderedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`failed to parse the output of ${source}: ${doc.errors[0]}`);
    const value = doc.toJS() as RenderedObject | null;
    if (value !== null) objects.push(value);
  }
  return objects;
}

// helm keeps its own cache and config; point them at a temporary place so tests never touch ~/.config/helm.
function helmEnv(): NodeJS.ProcessEnv {
  const base = join(process.env.TMPDIR ?? '/tmp', 'score-orchestrator-helm');
  return {
    ...process.env,
    HELM_CACHE_HOME: join(base, 'cache'),
    HELM_CONFIG_HOME: join(base, 'config'),
    HELM_DATA_HOME: join(base, 'data'),
  };
}
