import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfigLike } from '../kubeconfig/kube-config-like.js';

type AgentOptions = https.AgentOptions & Record<string, unknown>;
type CreateAgent = (cluster: unknown, options: AgentOptions) => http.Agent;

const memoised = Symbol.for('@score-orchestrator/operator-sdk/shared-agent');

/**
 * Makes every request made through `kubeConfig` share one keep-alive agent per TLS identity.
 *
 * Works on client-node's `KubeConfig` and on the SDK's `LeanKubeConfig` alike. client-node 1.x builds a new
 * `https.Agent` for every request, so a busy controller opens a socket per
 * call and leaks them under load. This replaces `createAgent` on this one instance with a memoised version
 * keyed by the TLS material, so certificate rotation still gets a fresh agent. Proxied clusters keep
 * client-node's own behaviour. Idempotent: calling it twice on the same instance changes nothing.
 */
export function shareHttpAgent<T extends KubeConfigLike>(
  kubeConfig: T,
  options: { maxSockets?: number } = {},
): T {
  const target = kubeConfig as unknown as { createAgent: CreateAgent; [memoised]?: true };
  if (target[memoised]) return kubeConfig;
  const original = target.createAgent.bind(kubeConfig);
  const agents = new Map<string, http.Agent>();
  target.createAgent = (cluster, agentOptions) => {
    const server = (cluster as { server?: string; proxyUrl?: string } | null)?.server ?? '';
    if ((cluster as { proxyUrl?: string } | null)?.proxyUrl) return original(cluster, agentOptions);
    const key = agentKey(server, agentOptions);
    let agent = agents.get(key);
    if (!agent) {
      const shared = {
        ...agentOptions,
        keepAlive: true,
        maxSockets: options.maxSockets ?? Infinity,
        maxFreeSockets: 32,
      };
      agent = server.startsWith('http:') ? original(cluster, shared) : new https.Agent(shared);
      agents.set(key, agent);
    }
    return agent;
  };
  target[memoised] = true;
  return kubeConfig;
}

function agentKey(server: string, options: AgentOptions): string {
  const hash = createHash('sha256').update(server);
  for (const field of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername']) {
    const value = options[field];
    hash.update(`|${field}=`);
    if (value !== undefined) hash.update(Buffer.isBuffer(value) ? value : String(value));
  }
  return hash.digest('hex');
}
