// The way from any kubeconfig the SDK holds to client-node's KubeConfig, for its generated APIs.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeConfigLike } from './kube-config-like.js';

/**
 * A client-node `KubeConfig` with the same clusters, users, contexts and current context, for its generated
 * APIs (`makeApiClient`). Imports client-node on first use; a `KubeConfig` is returned as it is.
 */
export async function toClientNodeKubeConfig(config: KubeConfigLike | KubeConfig): Promise<KubeConfig> {
  if (typeof (config as Partial<KubeConfig>).makeApiClient === 'function') return config as KubeConfig;
  const { KubeConfig: ClientNodeKubeConfig } = await import('@kubernetes/client-node');
  const full = new ClientNodeKubeConfig();
  full.loadFromOptions({
    clusters: config.getClusters(),
    users: config.getUsers(),
    contexts: config.getContexts(),
    currentContext: config.getCurrentContext(),
  });
  return full;
}
