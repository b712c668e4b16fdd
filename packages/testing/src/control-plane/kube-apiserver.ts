import { join } from 'node:path';

import type { ClusterPki } from '../pki/cluster-pki.js';
import type { ProcessSpec } from '../process/managed-process.js';

/** Where one kube-apiserver lives and what it talks to. */
export interface ApiServerConfig {
  readonly binary: string;
  readonly dir: string;
  readonly port: number;
  readonly etcdUrl: string;
  readonly pki: ClusterPki;
  /** Extra flags; each replaces a default flag of the same name (list flags would otherwise add up). */
  readonly extraFlags: readonly string[];
}

/**
 * The range services get cluster IPs from; the API server's own service takes its first address. A /16
 * leaves room for thousands of Services (the benchmarks make two per Workload).
 */
export const serviceClusterIpRange = '10.0.0.0/16';

/** kube-apiserver on 127.0.0.1 with TLS, client-certificate authentication and RBAC. */
export function apiServerProcess(config: ApiServerConfig): ProcessSpec {
  const { pki } = config;
  return {
    name: 'kube-apiserver',
    command: config.binary,
    logFile: join(config.dir, 'kube-apiserver.log'),
    args: withOverrides(
      [
        `--etcd-servers=${config.etcdUrl}`,
        `--secure-port=${config.port}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        // The endpoint reconciler refuses a loopback address; nothing in the cluster dials the API server's
        // Service anyway (kwok's pods run no containers).
        '--endpoint-reconciler-type=none',
        `--cert-dir=${join(config.dir, 'apiserver-certs')}`,
        `--tls-cert-file=${pki.servingCertFile}`,
        `--tls-private-key-file=${pki.servingKeyFile}`,
        `--client-ca-file=${pki.caFile}`,
        '--authorization-mode=RBAC',
        `--service-cluster-ip-range=${serviceClusterIpRange}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki.serviceAccountPublicKeyFile}`,
        `--service-account-signing-key-file=${pki.serviceAccountKeyFile}`,
        '--allow-privileged=true',
        // Logs and exec on real nodes: the API server dials the node IP with a client certificate.
        `--kubelet-client-certificate=${pki.kubeletClientCertFile}`,
        `--kubelet-client-key=${pki.kubeletClientKeyFile}`,
        '--kubelet-preferred-address-types=InternalIP,Hostname',
        '--profiling=false',
      ],
      config.extraFlags,
    ),
  };
}

/** The defaults without those `extra` names again, then `extra`. */
function withOverrides(defaults: readonly string[], extra: readonly string[]): string[] {
  const name = (flag: string): string => flag.split('=')[0] as string;
  const overridden = new Set(extra.map(name));
  return [...defaults.filter((flag) => !overridden.has(name(flag))), ...extra];
}
