import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';
import { runCommand } from '../process/run-command.js';
import { pauseImage } from '../images/local-images.js';

/** Where one node's containerd keeps everything, all under the node's folder. */
export interface ContainerdLayout {
  readonly dir: string;
  /** The gRPC socket the kubelet and `ctr` talk to. */
  readonly socket: string;
  readonly configFile: string;
}

/** What a node's containerd is configured with. */
export interface ContainerdConfig {
  readonly dir: string;
  /** The folder holding the node's CNI network list. */
  readonly cniConfDir: string;
}

// Registries the images' tags name; pulls from them, and from any other (`_default`), go to a closed port.
const registries = ['_default', 'docker.io', 'registry.k8s.io', 'mirror.gcr.io', 'quay.io', 'ghcr.io'];
const nowhere = 'http://127.0.0.1:9';

/**
 * Writes containerd's config (CRI on, cgroupfs, runc, overlayfs) and the registry hosts that send every
 * pull nowhere, so images come only from what was imported and nothing waits on the network.
 *
 * `restrict_oom_score_adj` keeps runc from raising a container's OOM score adjustment above containerd's
 * own, which fails every sandbox ("can't get final child's PID from pipe") where the machine lacks
 * CAP_SYS_RESOURCE, as in many CI containers.
 */
export async function writeContainerdConfig(config: ContainerdConfig): Promise<ContainerdLayout> {
  const dir = join(config.dir, 'containerd');
  const hostsDir = join(dir, 'certs.d');
  const layout = { dir, socket: join(dir, 'containerd.sock'), configFile: join(dir, 'config.toml') };
  for (const registry of registries) {
    await mkdir(join(hostsDir, registry), { recursive: true });
    const server = registry === '_default' ? '' : `server = "${nowhere}"\n`;
    await writeFile(
      join(hostsDir, registry, 'hosts.toml'),
      `${server}[host."${nowhere}"]\n  capabilities = ["pull", "resolve"]\n`,
    );
  }
  const toml = `version = 2
root = "${join(dir, 'root')}"
state = "${join(dir, 'state')}"
disabled_plugins = [
  "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing",
]

[grpc]
  address = "${layout.socket}"

[ttrpc]
  address = "${layout.socket}.ttrpc"

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "${join(dir, 'opt')}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${pauseImage}"
  restrict_oom_score_adj = true
  disable_tcp_service = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  disable_apparmor = true

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = false
  Root = "${join(dir, 'runc')}"

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = "${config.cniConfDir}"
  max_conf_num = 1

[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "${hostsDir}"
`;
  await writeFile(layout.configFile, toml);
  return layout;
}

/** containerd with its own config, in its own process group (its shims are found by the teardown). */
export function containerdProcess(layout: ContainerdLayout, name: string): ProcessSpec {
  return {
    name: `containerd (${name})`,
    command: 'containerd',
    args: ['--config', layout.configFile],
    logFile: join(layout.dir, '..', 'containerd.log'),
  };
}

/** Imports `docker save` archives into the namespace the CRI uses, so pods find the images by tag. */
export async function importImages(layout: ContainerdLayout, archives: readonly string[]): Promise<void> {
  for (const archive of archives) {
    await runCommand('ctr', [
      '--address',
      layout.socket,
      '--namespace',
      'k8s.io',
      'images',
      'import',
      archive,
    ]);
  }
}
