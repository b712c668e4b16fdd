import type { KubeConfig } from '@kubernetes/client-node';

import { installCrds } from '../crd/install-crds.js';
import { TestingError } from '../errors/testing.error.js';
import { toKubeConfig } from '../kubeconfig/client-credentials.js';
import type { ControlPlaneOptions } from './control-plane-options.js';
import { impersonatingKubeConfig } from './existing-cluster.js';
import { startBackend, type ControlPlaneBackend } from './start-backend.js';

/**
 * A local Kubernetes control plane for integration tests: etcd and kube-apiserver from real binaries, with
 * TLS, client-certificate authentication and RBAC, on free loopback ports, in a temporary folder.
 *
 * Start one per test file; parallel jest workers get their own ports and folders. Logs of the binaries go
 * to files in the temporary folder; a failed start reports the tail of the relevant log. If the test
 * process dies without `stop()`, a detached reaper kills the processes and removes the folder.
 *
 * With `USE_EXISTING_CLUSTER=true` nothing is started: the current kubeconfig's cluster is used instead.
 *
 * @example
 * ```ts
 * const controlPlane = await ControlPlane.start({ crds: 'config/crds' });
 * const core = controlPlane.kubeConfig.makeApiClient(CoreV1Api);
 * // ...
 * await controlPlane.stop();
 * ```
 */
export class ControlPlane {
  /** The admin's KubeConfig (group `system:masters`), for @kubernetes/client-node. */
  readonly kubeConfig: KubeConfig;
  /** A kubeconfig file for the admin, for kubectl and other processes. */
  readonly kubeconfigPath: string;
  /** The API server's URL, e.g. `https://127.0.0.1:40123`. */
  readonly server: string;

  protected constructor(protected readonly backend: ControlPlaneBackend) {
    if (backend.kind === 'local') {
      this.kubeConfig = backend.plane.adminKubeConfig();
      this.kubeconfigPath = backend.kubeconfigPath;
      this.server = backend.plane.server;
    } else {
      this.kubeConfig = backend.cluster.kubeConfig;
      this.kubeconfigPath = backend.cluster.kubeconfigPath;
      this.server = backend.cluster.server;
    }
  }

  /**
   * Starts etcd and kube-apiserver and waits until the API server is ready (`/readyz` OK, namespace
   * `default` exists), then installs `options.crds`. Binaries are resolved as described in the README
   * (`TEST_ASSET_*`, `KUBEBUILDER_ASSETS`, the cache) and never built here.
   *
   * @throws TestingError `Configuration` when binaries are missing (run `npm run control-plane:assets`);
   *   `Start` or `Timeout` with the failing process's log tail.
   */
  static async start(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const controlPlane = new ControlPlane(await startBackend(options, ['etcd', 'kube-apiserver']));
    await controlPlane.installInitialCrds(options);
    return controlPlane;
  }

  /** The pids of the processes this control plane runs, each leading its own process group. */
  get pids(): readonly number[] {
    return this.backend.kind === 'local' ? this.backend.plane.pids : [];
  }

  /**
   * A KubeConfig for any user and groups, so RBAC is exercised for real: a client certificate with
   * CN=`name`, O=`groups`, signed by the API server's client CA. Such a user may do nothing until bound
   * to a role. On an existing cluster, the admin impersonates `name` instead (without groups).
   */
  async userKubeConfig(name: string, groups: readonly string[] = []): Promise<KubeConfig> {
    if (this.backend.kind === 'existing') return impersonatingKubeConfig(this.kubeConfig, name, groups);
    return toKubeConfig(await this.backend.plane.mintCredentials(name, groups));
  }

  /**
   * Installs CRDs from files or folders and waits until each is Established and served. Idempotent.
   *
   * @throws TestingError `Configuration`, `Api` or `Timeout`; see {@link installCrds}.
   */
  async installCrds(dirsOrFiles: string | readonly string[]): Promise<void> {
    await installCrds(this.kubeConfig, dirsOrFiles);
  }

  /**
   * Stops kube-apiserver (SIGTERM, then SIGKILL after a grace period); etcd keeps the data. For tests that
   * prove clients and watches recover. Idempotent.
   *
   * @throws TestingError `Unsupported` on an existing cluster.
   */
  async stopApiServer(): Promise<void> {
    await this.requireLocal('stop kube-apiserver').stopApiServer();
  }

  /**
   * Starts kube-apiserver again on the same port, with the same certificates and etcd, and waits until it
   * is ready. Does nothing when it runs.
   *
   * @throws TestingError `Unsupported` on an existing cluster; `Start` or `Timeout` when it does not come back.
   */
  async startApiServer(): Promise<void> {
    await this.requireLocal('start kube-apiserver').startApiServer();
  }

  /**
   * Stops every process (SIGTERM, then SIGKILL after a grace period) and removes the temporary folder.
   * Idempotent. Leaves an existing cluster alone.
   */
  async stop(): Promise<void> {
    if (this.backend.kind === 'local') await this.backend.plane.stop();
  }

  /** Installs the CRDs named in the start options; stops everything when that fails. */
  protected async installInitialCrds(options: ControlPlaneOptions): Promise<void> {
    if (options.crds === undefined) return;
    try {
      await this.installCrds(options.crds);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private requireLocal(action: string) {
    if (this.backend.kind !== 'local') {
      throw new TestingError('Unsupported', `failed to ${action}: the control plane is an existing cluster`);
    }
    return this.backend.plane;
  }
}
