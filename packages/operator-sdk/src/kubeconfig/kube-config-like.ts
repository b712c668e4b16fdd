// What the SDK needs of a kubeconfig: satisfied by client-node's KubeConfig and by the SDK's LeanKubeConfig.
import type https from 'node:https';
import type { Cluster, Context, User } from '@kubernetes/client-node';

/**
 * The part of `@kubernetes/client-node`'s `KubeConfig` the SDK uses. Everything in the SDK that takes a
 * kubeconfig takes this, so a real `KubeConfig` (users pass one) and the SDK's {@link LeanKubeConfig} (what the
 * SDK loads by itself, without loading the generated client) both fit.
 *
 * `applyToHTTPSOptions` follows `KubeConfig`'s contract: it sets the TLS material, the `Authorization` (or
 * `auth` for basic auth) and impersonation headers, and an `agent` for the current context's cluster.
 */
export interface KubeConfigLike {
  getContexts(): Context[];
  getClusters(): Cluster[];
  getUsers(): User[];
  getCurrentContext(): string;
  getContextObject(name: string): Context | null;
  getCurrentCluster(): Cluster | null;
  getCurrentUser(): User | null;
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
  exportConfig(): string;
}
