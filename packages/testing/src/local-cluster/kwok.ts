import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ProcessSpec } from '../process/managed-process.js';

/** The annotation that marks a Node as played by kwok; kwok manages only nodes that carry it. */
export const kwokNodeAnnotation = { key: 'kwok.x-k8s.io/node', value: 'fake' } as const;

/** kwok's node and pod lifecycle stages, copied from kwok's release (the binary ships none). */
export const kwokStagesFile = fileURLToPath(new URL('../../config/kwok-stages.yaml', import.meta.url));

/** What kwok needs: its binary, folder and kubeconfig. */
export interface KwokConfig {
  readonly binary: string;
  readonly dir: string;
  readonly kubeconfig: string;
}

/**
 * kwok playing the kubelets of every annotated Node: it keeps the nodes Ready (with leases) and moves their
 * pods to Running and Ready with a pod IP, so Deployments become Available and Services get endpoints.
 */
export function kwokProcess(config: KwokConfig): ProcessSpec {
  return {
    name: 'kwok',
    command: config.binary,
    logFile: join(config.dir, 'kwok.log'),
    args: [
      `--kubeconfig=${config.kubeconfig}`,
      `--config=${kwokStagesFile}`,
      `--manage-nodes-with-annotation-selector=${kwokNodeAnnotation.key}=${kwokNodeAnnotation.value}`,
      '--cidr=10.244.0.0/16',
      '--node-ip=10.96.0.1',
      '--node-lease-duration-seconds=40',
    ],
    // kwok also reads ~/.kwok/kwok.yaml; a HOME of its own keeps a developer's file out of tests.
    env: { ...process.env, HOME: config.dir },
  };
}
