import { existsSync } from 'node:fs';
import { join } from 'node:path';

// What real nodes run or build with, from Debian's containerd, containernetworking-plugins, mmdebstrap,
// gcc/libc6-dev, busybox-static, nftables and iproute2.
const commands = ['containerd', 'containerd-shim-runc-v2', 'runc', 'ctr', 'mmdebstrap', 'gcc', 'nft', 'ip'];
const files = ['/usr/lib/cni/bridge', '/usr/lib/cni/host-local', '/usr/lib/cni/loopback', '/bin/busybox'];

/**
 * Why real nodes (LocalCluster's `nodeKind: 'kubelet'`) cannot run on this machine, or undefined when
 * they can: they need root and the Debian packages named in the README's prerequisites.
 */
export function realNodesUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.getuid?.() !== 0) return 'real nodes need root';
  const path = (env.PATH ?? '').split(':').filter((dir) => dir !== '');
  const missing = [
    ...commands.filter((command) => !path.some((dir) => existsSync(join(dir, command)))),
    ...files.filter((file) => !existsSync(file)),
  ];
  if (!existsSync('/sys/fs/cgroup')) missing.push('/sys/fs/cgroup');
  return missing.length > 0
    ? `real nodes need ${missing.join(', ')} (see the README's prerequisites)`
    : undefined;
}
