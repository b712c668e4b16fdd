import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

import { waitFor } from '../control-plane/wait-for.js';
import type { LocalControlPlane } from '../control-plane/local-control-plane.js';
import { ensureLocalImages, type LocalImage } from '../images/ensure-images.js';
import type { LocalImageName } from '../images/local-images.js';
import { writeKubeconfigFile } from '../kubeconfig/client-credentials.js';
import { freePort } from '../process/free-port.js';
import type { ManagedProcess } from '../process/managed-process.js';
import { runCommand } from '../process/run-command.js';
import { containerdProcess, importImages, writeContainerdConfig } from './containerd.js';
import { kubeProxyProcess } from './kube-proxy.js';
import { kubeletProcess } from './kubelet.js';
import { acquireMachineLock, machineLockFile } from './machine-lock.js';
import { ApiForwarder } from './api-forwarder.js';
import { ClusterDns } from './cluster-dns.js';
import {
  createNodeBridge,
  planClusterNetwork,
  writeCniConfig,
  type ClusterNetwork,
  type NodeNetwork,
} from './node-network.js';
import { snapshotBeforeNodes, writeTeardownScript } from './node-teardown.js';

/** What {@link startRealNodes} needs. */
export interface RealNodesRequest {
  readonly plane: LocalControlPlane;
  readonly kubeletBinary: string;
  readonly kubeProxyBinary: string;
  readonly count: number;
  /** Images imported into every node; all local images when omitted. */
  readonly images?: readonly LocalImageName[];
  /** More `docker save` archives imported into every node (images built elsewhere). */
  readonly imageArchives?: readonly string[];
  readonly timeoutMs: number;
}

/** The API server flags real nodes need: the Node authorizer and NodeRestriction, as in real clusters. */
export const realNodeApiServerFlags: readonly string[] = [
  '--authorization-mode=Node,RBAC',
  '--enable-admission-plugins=NodeRestriction',
];

/** Started real nodes: their names, and what their owner closes on stop (the DNS, the API forwarder). */
export interface RealNodes {
  readonly names: string[];
  close(): Promise<void>;
}

/**
 * Starts `count` real nodes on this machine (`node-0`, ...): per node a bridge holding the node IP and its
 * pods' gateway, a containerd of its own with the local images imported, CNI's bridge plugin and a kubelet
 * with its own client certificate; one kube-proxy for the cluster, and in this process a DNS and a
 * forwarder that lets pods reach the API server. Waits until every node is Ready.
 *
 * Everything it puts outside the plane's folder is removed by a teardown script that `stop()` and the
 * reaper run. One real-node cluster runs per machine at a time (see `machine-lock.ts`).
 *
 * @returns the node names, and `close()` for the DNS and the forwarder, which the caller calls on stop.
 */
export async function startRealNodes(request: RealNodesRequest): Promise<RealNodes> {
  const { plane, count, timeoutMs } = request;
  await acquireMachineLock(timeoutMs * 5, plane.reaperPid);
  const id = randomBytes(3).toString('hex');
  const network = planClusterNetwork(id, count);
  const names = network.nodes.map((_, i) => `node-${i}`);
  const cgroupRoots = names.map((_, i) => `/score-${id}-n${i}`);
  const cniNetwork = `score-${id}`;
  const teardown = await writeTeardownScript({
    dir: plane.dir,
    bridges: network.nodes.map((n) => n.bridge),
    cgroupRoots,
    cniNetwork,
    ...(await snapshotBeforeNodes()),
  });
  await plane.addCleanup({ command: ['sh', teardown], files: [machineLockFile] });

  const images = await ensureLocalImages({ images: request.images, build: false });
  // Pods reach Services and each other through the machine.
  await writeFile('/proc/sys/net/ipv4/ip_forward', '1');
  for (const node of network.nodes) await createNodeBridge(node);
  const dnsIp = (network.nodes[0] as NodeNetwork).nodeIp;
  const dns = await ClusterDns.start(plane.adminKubeConfig(), dnsIp);
  const closers: (() => Promise<void>)[] = [() => dns.close()];
  const close = async (): Promise<void> => {
    await Promise.all(closers.map((closer) => closer()));
  };
  try {
    const apiPort = Number(new URL(plane.server).port);
    const forwarder = await ApiForwarder.start(plane.adminKubeConfig(), dnsIp, apiPort);
    closers.push(() => forwarder.close());
    const started = await startNodeProcesses(request, network, names, cgroupRoots, cniNetwork, images, dnsIp);
    return { names: started, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function startNodeProcesses(
  request: RealNodesRequest,
  network: ClusterNetwork,
  names: readonly string[],
  cgroupRoots: readonly string[],
  cniNetwork: string,
  images: readonly LocalImage[],
  dnsIp: string,
): Promise<string[]> {
  const { plane, timeoutMs } = request;
  const watch: ManagedProcess[] = [];
  await Promise.all(
    network.nodes.map(async (node, i) => {
      const name = names[i] as string;
      const dir = join(plane.dir, 'nodes', name);
      await mkdir(dir, { recursive: true });
      const cniConfDir = await writeCniConfig(dir, cniNetwork, node);
      const containerd = await writeContainerdConfig({ dir, cniConfDir });
      await createCgroupRoot(cgroupRoots[i] as string);
      watch.push(await plane.startAddon(containerdProcess(containerd, name)));
      await waitFor(
        async (setReason) =>
          runCommand('ctr', ['--address', containerd.socket, 'version']).then(
            () => true,
            (err: Error) => void setReason(err.message),
          ),
        { description: `containerd of ${name} to answer`, timeoutMs, intervalMs: 100, watch },
      );
      await importImages(containerd, [
        ...images.map((image) => image.archive),
        ...(request.imageArchives ?? []),
      ]);
      const where = { dir, name, node, dnsIp };
      const kubelet = await nodeKubelet(request, where, containerd.socket, cgroupRoots[i] as string);
      watch.push(await plane.startAddon(kubelet));
    }),
  );
  const proxyKubeconfig = join(plane.dir, 'kube-proxy.kubeconfig');
  await writeKubeconfigFile(proxyKubeconfig, await plane.mintCredentials('system:kube-proxy', []));
  watch.push(
    await plane.startAddon(
      kubeProxyProcess({
        binary: request.kubeProxyBinary,
        dir: plane.dir,
        kubeconfig: proxyKubeconfig,
        nodeName: names[0] as string,
        clusterCidr: network.clusterCidr,
        healthzPort: await freePort(),
        metricsPort: await freePort(),
      }),
    ),
  );
  await waitForReadyNodes(plane.adminKubeConfig(), names, timeoutMs, watch);
  return [...names];
}

async function nodeKubelet(
  request: RealNodesRequest,
  where: { dir: string; name: string; node: NodeNetwork; dnsIp: string },
  containerdSocket: string,
  cgroupRoot: string,
) {
  const { dir, name, node, dnsIp } = where;
  const { plane } = request;
  const kubeconfig = join(dir, 'kubelet.kubeconfig');
  await writeKubeconfigFile(kubeconfig, await plane.mintCredentials(`system:node:${name}`, ['system:nodes']));
  const serving = await plane.pki.ca.issue({
    commonName: `system:node:${name}`,
    usage: 'server',
    dnsNames: [name],
    ipAddresses: [node.nodeIp],
  });
  const servingCertFile = join(dir, 'kubelet-serving.crt');
  const servingKeyFile = join(dir, 'kubelet-serving.key');
  await writeFile(servingCertFile, serving.certificate);
  await writeFile(servingKeyFile, serving.privateKey, { mode: 0o600 });
  return kubeletProcess({
    binary: request.kubeletBinary,
    dir,
    nodeName: name,
    nodeIp: node.nodeIp,
    kubeconfig,
    caFile: plane.pki.caFile,
    servingCertFile,
    servingKeyFile,
    containerdSocket,
    cgroupRoot,
    port: await freePort(),
    healthzPort: await freePort(),
    clusterDns: dnsIp,
  });
}

/**
 * Creates the node's cgroup in every v1 hierarchy (the kubelet requires its root to exist); cpuset needs
 * its CPUs and memory nodes copied from the parent before any task can join a child.
 */
async function createCgroupRoot(root: string): Promise<void> {
  for (const hierarchy of await readdir('/sys/fs/cgroup')) {
    const base = join('/sys/fs/cgroup', hierarchy);
    const dir = join(base, root);
    const created = await mkdir(dir, { recursive: true }).then(
      () => true,
      () => false,
    );
    if (!created || !hierarchy.includes('cpuset')) continue;
    for (const file of ['cpuset.cpus', 'cpuset.mems']) {
      await writeFile(join(dir, file), await readFile(join(base, file), 'utf8'));
    }
  }
}

async function waitForReadyNodes(
  kubeConfig: KubeConfig,
  names: readonly string[],
  timeoutMs: number,
  watch: readonly ManagedProcess[],
): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  await waitFor(
    async (setReason) => {
      const nodes = await core.listNode({ labelSelector: 'score.dev/real-node=true' });
      const ready = nodes.items
        .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        .map((n) => n.metadata?.name);
      setReason(`Ready: ${ready.join(', ') || 'none'} of ${names.join(', ')}`);
      return names.every((name) => ready.includes(name)) ? true : undefined;
    },
    { description: 'real nodes to become Ready', timeoutMs, intervalMs: 200, watch },
  );
}
