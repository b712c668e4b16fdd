// What the rendered install gives the orchestrator's pod, for tests that play that pod themselves (the
// production bundle as a process, the image as a container), and for the image as a real pod: everything
// installed but the Deployment, the pod's identity (its ServiceAccount) and the Deployment container's
// arguments.
import { writeFile } from 'node:fs/promises';

import { BuiltinKinds, type KubeClient } from '@score-orchestrator/operator-sdk';
import type { LocalCluster } from '@score-orchestrator/testing';

import { serviceAccountKubeConfig } from './access-review.js';
import { applyRendered, installFoundations } from './apply-rendered.js';
import { expandContainerArgs } from './bundle-process.js';
import { findObject, installNamespace, type RenderedObject } from './rendered-manifests.js';

/**
 * Installs `rendered` on `cluster` except its Deployment, creates the Namespace `team`, writes a kubeconfig
 * of the orchestrator's ServiceAccount to `kubeconfigPath` when given (readable by any uid: a container's
 * user reads it; a real pod has its token mounted instead) and returns the Deployment container's args with
 * `$(POD_NAMESPACE)` expanded.
 *
 * @throws Error listing the objects the API server refused.
 */
export async function installForOrchestratorPod(
  cluster: LocalCluster,
  admin: KubeClient,
  rendered: readonly RenderedObject[],
  options: { readonly team: string; readonly kubeconfigPath?: string },
): Promise<string[]> {
  await installFoundations(cluster, rendered);
  const refused = (
    await applyRendered(
      admin,
      rendered.filter((o) => o.kind !== 'Deployment'),
      { dryRun: false },
    )
  ).filter((o) => o.error);
  if (refused.length > 0) throw new Error(`the API server refused: ${JSON.stringify(refused)}`);
  await admin.create(BuiltinKinds.Namespace, { metadata: { name: options.team } });
  if (options.kubeconfigPath !== undefined) {
    const kubeConfig = await serviceAccountKubeConfig(
      cluster.kubeConfig,
      installNamespace,
      'score-orchestrator',
    );
    await writeFile(options.kubeconfigPath, kubeConfig.exportConfig(), { mode: 0o644 });
  }
  const deployment = findObject(rendered, 'Deployment', 'score-orchestrator');
  const container = (deployment.spec as { template: { spec: { containers: Array<{ args: string[] }> } } })
    .template.spec.containers[0]!;
  return expandContainerArgs(container.args, { POD_NAMESPACE: installNamespace });
}
