import { join } from 'node:path';

import type { ControlPlaneBinary } from '../assets/binaries.js';
import { ControlPlane } from '../control-plane/control-plane.js';
import {
  defaultStartTimeoutMs,
  startBackend,
  type ControlPlaneBackend,
} from '../control-plane/start-backend.js';
import type { LocalControlPlane } from '../control-plane/local-control-plane.js';
import { writeKubeconfigFile } from '../kubeconfig/client-credentials.js';
import { installCrds } from '../crd/install-crds.js';
import { createDefaultStorageClass } from './default-storage-class.js';
import { createFakeNodes, waitForDefaultServiceAccount } from './fake-nodes.js';
import { controllerManagerProcess } from './kube-controller-manager.js';
import { schedulerProcess } from './kube-scheduler.js';
import { kwokProcess } from './kwok.js';
import type { ManagedProcess } from '../process/managed-process.js';
import { realNodeApiServerFlags, startRealNodes } from '../real-nodes/real-nodes.js';
import type { LocalClusterOptions } from './local-cluster-options.js';

const controlPlaneBinaries: readonly ControlPlaneBinary[] = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
];
const nodeBinaries: Readonly<Record<NodeKind, readonly ControlPlaneBinary[]>> = {
  kwok: ['kwok'],
  kubelet: ['kubelet', 'kube-proxy'],
};
type NodeKind = NonNullable<LocalClusterOptions['nodeKind']>;
/** The started nodes, and how to close what real nodes run in this process. */
interface ClusterNodes {
  readonly names: string[];
  close?(): Promise<void>;
}

/**
 * A whole local cluster for end-to-end tests and the `dev` command: a {@link ControlPlane} plus
 * kube-controller-manager, kube-scheduler and nodes. By default kwok plays fake nodes: a Deployment gets
 * pods that are scheduled and turn Running and Ready (no container actually runs), and a Service gets
 * EndpointSlices. With `nodeKind: 'kubelet'` the nodes are real (containerd, CNI, kubelets, kube-proxy):
 * containers run from locally built images, probes execute, and Service ClusterIPs work from pods.
 *
 * Everything a ControlPlane offers works here too, including RBAC users and restarting the API server.
 *
 * @example
 * ```ts
 * const cluster = await LocalCluster.start();
 * const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
 * // create a Deployment, wait for it to become Available...
 * await cluster.stop();
 * ```
 */
export class LocalCluster extends ControlPlane {
  /** The names of the nodes (`kwok-node-0`... or `node-0`...); empty on an existing cluster. */
  readonly nodeNames: readonly string[];

  protected constructor(
    backend: ControlPlaneBackend,
    nodeNames: readonly string[],
    private readonly closeNodes?: () => Promise<void>,
  ) {
    super(backend);
    this.nodeNames = nodeNames;
  }

  /** Stops what real nodes run in this process (DNS, API forwarder), then everything a ControlPlane stops. Idempotent. */
  override async stop(): Promise<void> {
    await this.closeNodes?.();
    await super.stop();
  }

  /**
   * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and the nodes (kwok's fake ones,
   * or real ones with `nodeKind: 'kubelet'`), waits until they are Ready and the `default` ServiceAccount
   * exists; then installs `options.crds`.
   * With `USE_EXISTING_CLUSTER=true` it uses the current kubeconfig's cluster as it is.
   *
   * @throws TestingError `Configuration` when binaries are missing (run `npm run control-plane:assets`);
   *   `Start` or `Timeout` with the failing process's log tail.
   */
  static override async start(options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const nodeKind = options.nodeKind ?? 'kwok';
    const backend = await startBackend(
      nodeKind === 'kubelet'
        ? { ...options, apiServerFlags: [...realNodeApiServerFlags, ...(options.apiServerFlags ?? [])] }
        : options,
      [...controlPlaneBinaries, ...nodeBinaries[nodeKind]],
    );
    let nodes: ClusterNodes = { names: [] };
    if (backend.kind === 'local') {
      try {
        // CRDs first: kube-controller-manager's garbage collector then tracks the custom kinds from its
        // start, instead of after its next discovery refresh (about 30 s later).
        if (options.crds !== undefined) await installCrds(backend.plane.adminKubeConfig(), options.crds);
        nodes = await startClusterComponents(backend.plane, backend.binaries, options);
      } catch (err) {
        await backend.plane.stop();
        throw err;
      }
    }
    const cluster = new LocalCluster(backend, nodes.names, nodes.close);
    if (backend.kind !== 'local') await cluster.installInitialCrds(options);
    return cluster;
  }
}

async function startClusterComponents(
  plane: LocalControlPlane,
  paths: ReadonlyMap<ControlPlaneBinary, string>,
  options: LocalClusterOptions,
): Promise<ClusterNodes> {
  const binary = (name: ControlPlaneBinary): string => paths.get(name) ?? name;
  const kubeconfig = async (file: string, user: string, groups: string[]): Promise<string> => {
    const path = join(plane.dir, file);
    await writeKubeconfigFile(path, await plane.mintCredentials(user, groups));
    return path;
  };
  // The controller manager runs as system:masters: its built-in role only covers its own loops when each
  // controller uses a service-account token of its own, which costs start-up time and proves nothing here.
  const [controllerManagerConfig, schedulerConfig] = await Promise.all([
    kubeconfig('kube-controller-manager.kubeconfig', 'system:kube-controller-manager', ['system:masters']),
    kubeconfig('kube-scheduler.kubeconfig', 'system:kube-scheduler', []),
  ]);
  const components: ManagedProcess[] = await Promise.all([
    plane.startAddon(
      controllerManagerProcess({
        binary: binary('kube-controller-manager'),
        dir: plane.dir,
        kubeconfig: controllerManagerConfig,
        caFile: plane.pki.caFile,
      }),
    ),
    plane.startAddon(
      schedulerProcess({ binary: binary('kube-scheduler'), dir: plane.dir, kubeconfig: schedulerConfig }),
    ),
  ]);
  const count = options.nodes ?? 1;
  const timeoutMs = options.startTimeoutMs ?? defaultStartTimeoutMs;
  if (options.nodeKind === 'kubelet') {
    const nodes = await startRealNodes({
      plane,
      kubeletBinary: binary('kubelet'),
      kubeProxyBinary: binary('kube-proxy'),
      count,
      images: options.images,
      imageArchives: options.imageArchives,
      timeoutMs,
    });
    try {
      await waitForDefaultServiceAccount(plane.adminKubeConfig(), timeoutMs, components);
      await createDefaultStorageClass(plane.adminKubeConfig());
    } catch (err) {
      await nodes.close();
      throw err;
    }
    return nodes;
  }
  const kwokConfig = await kubeconfig('kwok.kubeconfig', 'kwok', ['system:masters']);
  components.push(
    await plane.startAddon(kwokProcess({ binary: binary('kwok'), dir: plane.dir, kubeconfig: kwokConfig })),
  );
  const names = await createFakeNodes(plane.adminKubeConfig(), count, timeoutMs, components);
  await createDefaultStorageClass(plane.adminKubeConfig());
  return { names };
}
