// Puts rendered objects on a real API server: CRDs and Namespaces for real (so what depends on them
// validates), everything else for real or as a server-side dry run (`dryRun=All`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { KubeClient } from '@score-orchestrator/operator-sdk';
import type { ControlPlane } from '@score-orchestrator/testing';
import { stringify } from 'yaml';

import type { RenderedObject } from './rendered-manifests.js';

/** What the API server said to one object. */
export interface ApplyOutcome {
  readonly object: string;
  readonly error?: string;
}

const isCrd = (o: RenderedObject): boolean => o.kind === 'CustomResourceDefinition';
const isNamespace = (o: RenderedObject): boolean => o.kind === 'Namespace' && o.apiVersion === 'v1';

/**
 * Installs the CRDs among `objects` for real and waits until they are served, then applies the Namespaces
 * for real. Idempotent.
 */
export async function installFoundations(
  cp: ControlPlane,
  objects: readonly RenderedObject[],
): Promise<void> {
  const crds = objects.filter(isCrd);
  if (crds.length > 0) {
    const dir = await mkdtemp(join(tmpdir(), 'deploy-crds-'));
    try {
      const file = join(dir, 'crds.yaml');
      await writeFile(file, crds.map((crd) => stringify(crd)).join('---\n'));
      await cp.installCrds(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const client = new KubeClient(cp.kubeConfig, { fieldManager: 'deploy-test' });
  for (const namespace of objects.filter(isNamespace)) await client.apply(namespace);
}

/**
 * Server-side applies every object that is not a CRD or Namespace, with `dryRun` as asked, and reports
 * each outcome (never throws for a rejected object, so one run lists every problem).
 */
export async function applyRendered(
  client: KubeClient,
  objects: readonly RenderedObject[],
  options: { readonly dryRun: boolean },
): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  for (const obj of objects.filter((o) => !isCrd(o) && !isNamespace(o))) {
    const object = `${obj.kind}/${obj.metadata?.name}`;
    try {
      await client.apply(obj, { dryRun: options.dryRun });
      outcomes.push({ object });
    } catch (err) {
      outcomes.push({ object, error: (err as Error).message });
    }
  }
  return outcomes;
}
