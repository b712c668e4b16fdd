import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';

/** Where one etcd member lives and listens. */
export interface EtcdConfig {
  readonly binary: string;
  readonly dir: string;
  readonly clientPort: number;
  readonly peerPort: number;
}

/** The URL kube-apiserver reaches etcd at. */
export function etcdClientUrl(config: EtcdConfig): string {
  return `http://127.0.0.1:${config.clientPort}`;
}

/** A single-member etcd on loopback, plain HTTP, data in `<dir>/etcd`. */
export function etcdProcess(config: EtcdConfig): ProcessSpec {
  const client = etcdClientUrl(config);
  const peer = `http://127.0.0.1:${config.peerPort}`;
  return {
    name: 'etcd',
    command: config.binary,
    logFile: join(config.dir, 'etcd.log'),
    args: [
      '--name=default',
      `--data-dir=${join(config.dir, 'etcd')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=default=${peer}`,
      // Test data is thrown away: skipping fsync makes writes (and API server start-up) much faster.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
  };
}
