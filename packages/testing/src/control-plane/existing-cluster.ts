import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';

import { TestingError, describeError } from '../errors/testing.error.js';

/** The cluster of the current kubeconfig, used instead of starting one when `USE_EXISTING_CLUSTER=true`. */
export interface ExistingCluster {
  readonly kubeConfig: KubeConfig;
  readonly kubeconfigPath: string;
  readonly server: string;
}

/**
 * Loads the current kubeconfig: the first file of `KUBECONFIG`, else `~/.kube/config`.
 *
 * @throws TestingError `Configuration` when it has no current cluster.
 */
export function loadExistingCluster(env: NodeJS.ProcessEnv): ExistingCluster {
  const kubeConfig = new KubeConfig();
  const fromEnv = env.KUBECONFIG?.split(delimiter).find((p) => p !== '');
  const kubeconfigPath = fromEnv ?? join(homedir(), '.kube', 'config');
  try {
    kubeConfig.loadFromFile(kubeconfigPath);
  } catch (err) {
    throw new TestingError(
      'Configuration',
      `failed to use the existing cluster: ${describeError(err)}; set KUBECONFIG or unset USE_EXISTING_CLUSTER`,
      { cause: err },
    );
  }
  const server = kubeConfig.getCurrentCluster()?.server;
  if (server === undefined) {
    throw new TestingError(
      'Configuration',
      'failed to use the existing cluster: the current kubeconfig names no cluster; ' +
        'set KUBECONFIG or unset USE_EXISTING_CLUSTER',
    );
  }
  return { kubeConfig, kubeconfigPath, server };
}

/**
 * A KubeConfig that acts as `user` on an existing cluster by impersonation; the cluster's client CA key is
 * not at hand there, so no certificate can be minted.
 *
 * @throws TestingError `Unsupported` for groups: client-node can impersonate a user but not groups.
 */
export function impersonatingKubeConfig(
  admin: KubeConfig,
  user: string,
  groups: readonly string[],
): KubeConfig {
  if (groups.length > 0) {
    throw new TestingError(
      'Unsupported',
      'failed to create a user KubeConfig: groups cannot be impersonated on an existing cluster; bind roles to the user',
    );
  }
  const current = admin.getCurrentUser();
  const cluster = admin.getCurrentCluster();
  if (current === null || cluster === null) {
    throw new TestingError(
      'Configuration',
      'failed to create a user KubeConfig: the current kubeconfig has no user',
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ ...current, impersonateUser: user }],
    contexts: [{ name: 'impersonated', cluster: cluster.name, user: current.name }],
    currentContext: 'impersonated',
  });
  return kubeConfig;
}
