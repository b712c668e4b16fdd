import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { KubeConfig } from '@kubernetes/client-node';

import { TestingError } from '../errors/testing.error.js';
import {
  toKubeConfig,
  writeKubeconfigFile,
  type ClientCredentials,
} from '../kubeconfig/client-credentials.js';
import { adminUser, createClusterPki, type ClusterPki } from '../pki/cluster-pki.js';
import { freePort } from '../process/free-port.js';
import { ManagedProcess, type ProcessSpec } from '../process/managed-process.js';
import { Reaper } from '../process/reaper.js';
import { runCommand } from '../process/run-command.js';
import { probe, type ProbeTls } from './api-probe.js';
import { etcdClientUrl, etcdProcess } from './etcd.js';
import { apiServerProcess } from './kube-apiserver.js';
import { waitFor } from './wait-for.js';

/** Clean-up that runs once the add-ons have stopped: a command, then files to remove. */
export interface Cleanup {
  /** Run by `stop()`, and by the reaper when this process died without stopping. */
  readonly command: readonly string[];
  /** Removed after the command (the plane's folder is removed anyway). */
  readonly files?: readonly string[];
}

/** What a local control plane is started with. */
export interface LocalControlPlaneConfig {
  readonly etcdBinary: string;
  readonly apiServerBinary: string;
  readonly apiServerFlags: readonly string[];
  readonly startTimeoutMs: number;
}

const portAttempts = 3;
const stopGraceMs = 5_000;

/**
 * The processes, folder and key material behind a started control plane: etcd, kube-apiserver, and any
 * add-on processes (a LocalCluster's controller-manager, scheduler and kwok).
 *
 * Every process runs in its own process group and is recorded with a detached reaper, which cleans up if
 * this process dies without calling `stop()`.
 */
export class LocalControlPlane {
  private apiServer: ManagedProcess | undefined;
  private readonly addons: ManagedProcess[] = [];
  private readonly cleanups: Cleanup[] = [];
  private stopped = false;

  private constructor(
    private readonly config: LocalControlPlaneConfig,
    /** The temporary folder holding data, logs, certificates and kubeconfigs. */
    readonly dir: string,
    readonly pki: ClusterPki,
    private readonly reaper: Reaper,
    private readonly etcd: ManagedProcess,
    private readonly apiServerSpec: ProcessSpec,
    private readonly etcdUrl: string,
    readonly server: string,
  ) {}

  /**
   * Starts etcd and kube-apiserver on free loopback ports and waits until the API server is ready
   * (`/readyz` OK and namespace `default` exists). Retries with new ports when a port was taken meanwhile.
   *
   * @throws TestingError `Start` or `Timeout` with the tail of the failing process's log.
   */
  static async start(config: LocalControlPlaneConfig): Promise<LocalControlPlane> {
    const dir = await mkdtemp(join(tmpdir(), 'score-control-plane-'));
    const reaper = await Reaper.start(join(dir, 'reaper.json'), { pids: [], dirs: [dir] });
    try {
      const pki = await createClusterPki(join(dir, 'pki'));
      for (let attempt = 1; ; attempt++) {
        const [clientPort, peerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
        const etcdConfig = { binary: config.etcdBinary, dir, clientPort, peerPort };
        const etcdUrl = etcdClientUrl(etcdConfig);
        const apiServerSpec = apiServerProcess({
          binary: config.apiServerBinary,
          dir,
          port: apiPort,
          etcdUrl,
          pki,
          extraFlags: config.apiServerFlags,
        });
        const etcd = await ManagedProcess.start(etcdProcess(etcdConfig));
        const plane = new LocalControlPlane(
          config,
          dir,
          pki,
          reaper,
          etcd,
          apiServerSpec,
          etcdUrl,
          `https://127.0.0.1:${apiPort}`,
        );
        try {
          await plane.recordWithReaper();
          await plane.waitForEtcd();
          await plane.startApiServer();
          return plane;
        } catch (err) {
          await plane.stopProcesses();
          if (attempt < portAttempts && (await plane.lostPortRace())) continue;
          throw err;
        }
      }
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      reaper.dismiss();
      throw err;
    }
  }

  /** The admin's credentials (group `system:masters`). */
  get adminCredentials(): ClientCredentials {
    return this.credentials(adminUser, this.pki.admin);
  }

  /** The admin's client-node KubeConfig. */
  adminKubeConfig(): KubeConfig {
    return toKubeConfig(this.adminCredentials);
  }

  /** Writes the admin kubeconfig file into the folder and returns its path. */
  async writeAdminKubeconfig(): Promise<string> {
    const path = join(this.dir, 'admin.kubeconfig');
    await writeKubeconfigFile(path, this.adminCredentials);
    return path;
  }

  /** Credentials for any user and groups: a client certificate signed by the cluster's CA. */
  async mintCredentials(user: string, groups: readonly string[]): Promise<ClientCredentials> {
    const pair = await this.pki.ca.issue({ commonName: user, organizations: groups, usage: 'client' });
    return this.credentials(user, pair);
  }

  /** The pids of every running process, each leading its own process group. */
  get pids(): number[] {
    return [this.etcd, this.apiServer, ...this.addons]
      .filter((p): p is ManagedProcess => p !== undefined && p.exitStatus === undefined)
      .map((p) => p.pid);
  }

  /** Starts an add-on process and records it with the reaper; it is stopped before the API server. */
  async startAddon(spec: ProcessSpec): Promise<ManagedProcess> {
    const process = await ManagedProcess.start(spec);
    this.addons.push(process);
    await this.recordWithReaper();
    return process;
  }

  /** The reaper's pid: it outlives this process long enough to clean up after it. */
  get reaperPid(): number {
    return this.reaper.pid;
  }

  /**
   * Registers clean-up for what add-ons leave outside the folder (mounts, network devices, cgroups). It
   * runs after the add-ons stop, in the order registered, and also from the reaper.
   */
  async addCleanup(cleanup: Cleanup): Promise<void> {
    this.cleanups.push(cleanup);
    await this.recordWithReaper();
  }

  /** Stops kube-apiserver; etcd and add-ons keep running. Idempotent. */
  async stopApiServer(): Promise<void> {
    await this.apiServer?.stop(stopGraceMs);
    this.apiServer = undefined;
    await this.recordWithReaper();
  }

  /**
   * Starts kube-apiserver again on the same port with the same certificates and etcd, and waits until it is
   * ready. Does nothing when it runs.
   */
  async startApiServer(): Promise<void> {
    if (this.stopped)
      throw new TestingError('Unsupported', 'failed to start kube-apiserver: the control plane is stopped');
    if (this.apiServer !== undefined) return;
    this.apiServer = await ManagedProcess.start(this.apiServerSpec);
    await this.recordWithReaper();
    await this.waitForApiServer(this.apiServer);
  }

  /** Stops every process (add-ons first, etcd last), removes the folder and dismisses the reaper. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.stopProcesses();
    await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    this.reaper.dismiss();
  }

  private async stopProcesses(): Promise<void> {
    await Promise.all(this.addons.map((p) => p.stop(stopGraceMs)));
    for (const { command, files } of this.cleanups) {
      const [program, ...args] = command;
      if (program !== undefined) await runCommand(program, args);
      await Promise.all((files ?? []).map((file) => rm(file, { force: true })));
    }
    await this.apiServer?.stop(stopGraceMs);
    await this.etcd.stop(stopGraceMs);
  }

  private recordWithReaper(): Promise<void> {
    return this.reaper.record({
      pids: this.pids,
      commands: this.cleanups.map((c) => c.command),
      dirs: [this.dir, ...this.cleanups.flatMap((c) => c.files ?? [])],
    });
  }

  private async waitForEtcd(): Promise<void> {
    const url = `${this.etcdUrl}/health`;
    await waitFor(
      async (setReason) => {
        const { status, body } = await probe(url);
        setReason(`GET ${url}: ${status} ${body}`);
        return status === 200 ? true : undefined;
      },
      {
        description: 'etcd to become healthy',
        timeoutMs: this.config.startTimeoutMs,
        intervalMs: 50,
        watch: [this.etcd],
      },
    );
  }

  private async waitForApiServer(apiServer: ManagedProcess): Promise<void> {
    const tls: ProbeTls = {
      ca: this.pki.ca.certificate,
      cert: this.pki.admin.certificate,
      key: this.pki.admin.privateKey,
    };
    for (const path of ['/readyz', '/api/v1/namespaces/default']) {
      await waitFor(
        async (setReason) => {
          const { status, body } = await probe(`${this.server}${path}`, tls);
          setReason(`GET ${path}: ${status} ${body.slice(0, 2_000)}`);
          return status === 200 ? true : undefined;
        },
        {
          description: `kube-apiserver to answer GET ${path}`,
          timeoutMs: this.config.startTimeoutMs,
          watch: [this.etcd, apiServer],
        },
      );
    }
  }

  private async lostPortRace(): Promise<boolean> {
    const logs = await Promise.all([
      this.etcd.logTail(200),
      ManagedProcess.logTailOf(this.apiServerSpec, 200),
    ]);
    return logs.some((log) => /address already in use/i.test(log));
  }

  private credentials(user: string, pair: { certificate: string; privateKey: string }): ClientCredentials {
    return { server: this.server, caCertificate: this.pki.ca.certificate, user, ...pair };
  }
}
