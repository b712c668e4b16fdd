// The client an SDK component (event recorder, leader elector) sends its requests through.
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import type { KubeConfigLike } from '../../kubeconfig/kube-config-like.js';
import { KubeClient } from '../kube-client.js';

/** How a component is told where to connect: a client to share, or a kubeconfig to build one over. */
export interface ClientSource {
  client?: KubeClient;
  kubeConfig?: KubeConfigLike;
}

/**
 * `source.client` when given, so the component's requests are counted and time-limited like the rest of
 * its owner's; otherwise a client over `source.kubeConfig` writing as `fieldManager`.
 * @throws OperatorSdkError `Configuration` when neither is given.
 */
export function componentClient(source: ClientSource, fieldManager: string, component: string): KubeClient {
  if (source.client) return source.client;
  if (!source.kubeConfig) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to create the ${component}: it has neither a client nor a kubeConfig; pass one of them`,
    );
  }
  return new KubeClient(source.kubeConfig, { fieldManager });
}
