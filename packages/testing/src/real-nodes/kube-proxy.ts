import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';

/** What the cluster's kube-proxy needs. */
export interface KubeProxyConfig {
  readonly binary: string;
  readonly dir: string;
  readonly kubeconfig: string;
  /** The node it reports as; one kube-proxy serves every node, as they share the machine's network. */
  readonly nodeName: string;
  readonly clusterCidr: string;
  readonly healthzPort: number;
  readonly metricsPort: number;
}

/**
 * kube-proxy in nftables mode: Service ClusterIPs work from pods and from the machine. It masquerades all
 * Service traffic, so a reply from a pod on the same bridge comes back through the machine (no
 * br_netfilter needed). It leaves conntrack settings as they are (a CI container may not change them).
 * Its nftables table names are fixed, so one real-node cluster runs per machine at a time.
 */
export function kubeProxyProcess(config: KubeProxyConfig): ProcessSpec {
  return {
    name: 'kube-proxy',
    command: config.binary,
    logFile: join(config.dir, 'kube-proxy.log'),
    args: [
      `--kubeconfig=${config.kubeconfig}`,
      '--proxy-mode=nftables',
      `--hostname-override=${config.nodeName}`,
      `--cluster-cidr=${config.clusterCidr}`,
      '--masquerade-all',
      `--healthz-bind-address=127.0.0.1:${config.healthzPort}`,
      `--metrics-bind-address=127.0.0.1:${config.metricsPort}`,
      '--conntrack-max-per-core=0',
      '--conntrack-tcp-timeout-established=0',
      '--conntrack-tcp-timeout-close-wait=0',
      '--oom-score-adj=0',
      '--profiling=false',
      '--v=1',
    ],
  };
}
