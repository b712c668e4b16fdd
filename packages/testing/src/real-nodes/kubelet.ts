import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';
import { clusterDomain } from './cluster-dns.js';

/** What one node's kubelet needs. */
export interface KubeletConfig {
  readonly binary: string;
  /** The node's folder; the kubelet's root folder, config and logs go under it. */
  readonly dir: string;
  readonly nodeName: string;
  readonly nodeIp: string;
  /** A kubeconfig with the node's client certificate (`system:node:<name>`, group `system:nodes`). */
  readonly kubeconfig: string;
  readonly caFile: string;
  /** The kubelet's serving certificate for the node IP, signed by the cluster CA. */
  readonly servingCertFile: string;
  readonly servingKeyFile: string;
  readonly containerdSocket: string;
  /** The cgroup (in every v1 hierarchy) the node's pods live under, e.g. `/score-1a2b3c-n0`. */
  readonly cgroupRoot: string;
  readonly port: number;
  readonly healthzPort: number;
  /** The nameserver pods get (the cluster DNS). */
  readonly clusterDns: string;
}

/**
 * Writes the kubelet's config file and returns how to start it. It keeps everything under the node's
 * folder (root folder, pod logs, volume plugins), authenticates callers by the cluster CA's client
 * certificates, never evicts or garbage-collects images (the imported ones cannot be pulled again), and
 * runs on cgroup v1 with cgroupfs, which kubelet 1.35+ refuses unless told (`failCgroupV1: false`).
 */
export async function kubeletProcess(config: KubeletConfig): Promise<ProcessSpec> {
  await mkdir(join(config.dir, 'kubelet'), { recursive: true });
  const configFile = join(config.dir, 'kubelet-config.json');
  const kubeletConfig = {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    failCgroupV1: false,
    cgroupDriver: 'cgroupfs',
    cgroupRoot: config.cgroupRoot,
    containerRuntimeEndpoint: `unix://${config.containerdSocket}`,
    address: config.nodeIp,
    port: config.port,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort: config.healthzPort,
    tlsCertFile: config.servingCertFile,
    tlsPrivateKeyFile: config.servingKeyFile,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: false },
      x509: { clientCAFile: config.caFile },
    },
    authorization: { mode: 'AlwaysAllow' },
    clusterDomain,
    clusterDNS: [config.clusterDns],
    failSwapOn: false,
    evictionHard: {},
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
    podLogsDir: join(config.dir, 'pod-logs'),
    volumePluginDir: join(config.dir, 'volume-plugins'),
    resolvConf: '',
    nodeStatusUpdateFrequency: '2s',
    syncFrequency: '10s',
    fileCheckFrequency: '10s',
    shutdownGracePeriod: '0s',
  };
  await writeFile(configFile, JSON.stringify(kubeletConfig, null, 2));
  return {
    name: `kubelet (${config.nodeName})`,
    command: config.binary,
    logFile: join(config.dir, 'kubelet.log'),
    args: [
      `--config=${configFile}`,
      `--kubeconfig=${config.kubeconfig}`,
      `--root-dir=${join(config.dir, 'kubelet')}`,
      `--cert-dir=${join(config.dir, 'kubelet-pki')}`,
      `--hostname-override=${config.nodeName}`,
      `--node-ip=${config.nodeIp}`,
      `--node-labels=score.dev/real-node=true`,
      '--v=1',
    ],
  };
}
