import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';

/** What kube-controller-manager needs: its binary, folder, kubeconfig and the cluster CA. */
export interface ControllerManagerConfig {
  readonly binary: string;
  readonly dir: string;
  readonly kubeconfig: string;
  readonly caFile: string;
}

/**
 * kube-controller-manager with every default controller (deployments, replica sets, endpoint slices,
 * garbage collection, service accounts, ...), no serving port and no leader election (it is alone).
 */
export function controllerManagerProcess(config: ControllerManagerConfig): ProcessSpec {
  return {
    name: 'kube-controller-manager',
    command: config.binary,
    logFile: join(config.dir, 'kube-controller-manager.log'),
    args: [
      `--kubeconfig=${config.kubeconfig}`,
      '--secure-port=0',
      '--leader-elect=false',
      '--controllers=*',
      // Publishes the kube-root-ca.crt ConfigMap that pods' projected service-account volumes mount.
      `--root-ca-file=${config.caFile}`,
      // A dynamic provisioner for the default StorageClass, so PersistentVolumeClaims bind as in a real
      // cluster (the volumes are directories under /tmp; kwok's pods never mount them).
      '--enable-hostpath-provisioner',
      '--profiling=false',
      // Each controller's client is limited to 20 requests/s by default: the deployment controller then
      // rolls out about five Deployments a second, which hides what the code under test costs. Real
      // clusters under load raise it too.
      '--kube-api-qps=500',
      '--kube-api-burst=1000',
    ],
  };
}
