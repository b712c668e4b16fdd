import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { runCommand } from '../process/run-command.js';

/** The addresses of one real node: its pods' subnet on a bridge that also carries the node's IP. */
export interface NodeNetwork {
  /** The bridge, e.g. `sc1a2b3cn0` (at most 15 characters, as Linux allows). */
  readonly bridge: string;
  /** The node's IP: the bridge's address and the pods' gateway, e.g. `10.170.0.1`. */
  readonly nodeIp: string;
  /** The pods' subnet, e.g. `10.170.0.0/24`. */
  readonly podCidr: string;
}

/** The addresses of every node of one cluster. */
export interface ClusterNetwork {
  /** Every node's pod subnet falls in it, e.g. `10.170.0.0/16`. */
  readonly clusterCidr: string;
  readonly nodes: readonly NodeNetwork[];
}

/**
 * Picks a /16 for the cluster's pods (10.128.0.0 to 10.191.0.0, clear of the Service range 10.0.0.0/16)
 * and one /24 per node. A random /16 keeps a cluster clear of what another one left behind.
 */
export function planClusterNetwork(id: string, nodes: number): ClusterNetwork {
  const second = 128 + randomInt(64);
  return {
    clusterCidr: `10.${second}.0.0/16`,
    nodes: Array.from({ length: nodes }, (_, i) => ({
      bridge: `sc${id}n${i}`,
      nodeIp: `10.${second}.${i}.1`,
      podCidr: `10.${second}.${i}.0/24`,
    })),
  };
}

/**
 * Creates the node's bridge holding the node IP. The kubelet cannot register a loopback address, and the
 * API server reaches the kubelet there; CNI's bridge plugin then uses the same bridge as the pods' gateway.
 */
export async function createNodeBridge(node: NodeNetwork): Promise<void> {
  await runCommand('ip', ['link', 'add', node.bridge, 'type', 'bridge']);
  await runCommand('ip', ['addr', 'add', `${node.nodeIp}/24`, 'dev', node.bridge]);
  await runCommand('ip', ['link', 'set', node.bridge, 'up']);
}

/**
 * Writes the node's CNI network list: Debian's bridge plugin on the node's bridge with host-local
 * addresses from its pod subnet (kept under `dir`), and loopback. No masquerading: pods reach nothing
 * outside the machine, and kube-proxy masquerades Service traffic itself.
 */
export async function writeCniConfig(dir: string, name: string, node: NodeNetwork): Promise<string> {
  const confDir = join(dir, 'cni', 'net.d');
  await mkdir(confDir, { recursive: true });
  const config = {
    cniVersion: '1.0.0',
    name,
    plugins: [
      {
        type: 'bridge',
        bridge: node.bridge,
        isGateway: true,
        ipMasq: false,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          dataDir: join(dir, 'cni', 'ipam'),
          ranges: [[{ subnet: node.podCidr, gateway: node.nodeIp }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      { type: 'loopback' },
    ],
  };
  await writeFile(join(confDir, '10-score.conflist'), JSON.stringify(config, null, 2));
  return confDir;
}
