// The container image's production tree, run for real: deploy/bundle/build-bundle.mjs assembles it, and
// `score-orchestrator` started from it with the rendered Deployment's arguments, as the rendered
// ServiceAccount (only the rendered RBAC), reconciles a Workload on a LocalCluster to Ready and deletes it.
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  ResourceClaimKind,
  WorkloadKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
} from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { LocalCluster } from '@score-orchestrator/testing';

import { buildBundle, freePort, startBundle, type BundleProcess } from './bundle-process.js';
import { installForOrchestratorPod } from './orchestrator-pod.js';
import { buildKustomizeBase, installNamespace, type RenderedObject } from './rendered-manifests.js';

jest.setTimeout(900_000);

const run = promisify(execFile);

const Ingresses: ResourceKind = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  plural: 'ingresses',
  namespaced: true,
};
const Leases: ResourceKind = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  plural: 'leases',
  namespaced: true,
};
const bundledPackages = [
  'api',
  'cli',
  'operator-sdk',
  'orchestrator',
  'plugin-host',
  'resolver-dev',
  'resolver-provisioners',
  'runtime-kubernetes',
];
const team = 'shop';

const shopWorkload: Workload = {
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  metadata: { name: 'shop', namespace: team },
  spec: {
    containers: {
      web: {
        image: 'nginxinc/nginx-unprivileged:1.27-alpine',
        variables: { PUBLIC_HOST: '${resources.dns.host}' },
      },
    },
    service: { ports: { web: { port: 80, targetPort: 8080 } } },
    resources: {
      dns: { type: 'dns' },
      route: { type: 'route', params: { host: 'shop.localhost', path: '/', port: 80 } },
    },
  },
} as unknown as Workload;

async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every file under `dir` with its modification time, to prove a run wrote nothing there. */
async function snapshot(dir: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), (await stat(path)).mtimeMs);
  }
  return files;
}

describe('the production bundle, run against a cluster', () => {
  let work: string;
  let bundle: string;
  let cluster: LocalCluster;
  let admin: KubeClient;
  let rendered: RenderedObject[];
  let orchestrator: BundleProcess;
  let probePort: number;
  let before: Map<string, number>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'deploy-bundle-'));
    bundle = join(work, 'app');
    await buildBundle(bundle);
    rendered = await buildKustomizeBase();
    // The enforcement plugin makes owner references with blockOwnerDeletion need update on <owner>/finalizers.
    cluster = await LocalCluster.start({
      apiServerFlags: ['--enable-admission-plugins=OwnerReferencesPermissionEnforcement'],
    });
    admin = new KubeClient(cluster.kubeConfig, { fieldManager: 'deploy-test' });
    for (const kind of [WorkloadKind, ResourceClaimKind, WorkloadPlanKind]) admin.registerKind(kind);
    // Everything the install holds except the Deployment, whose pod this test plays with the bundle.
    const kubeconfig = join(work, 'kubeconfig');
    const args = await installForOrchestratorPod(cluster, admin, rendered, {
      team,
      kubeconfigPath: kubeconfig,
    });
    probePort = await freePort();
    const home = join(work, 'home');
    before = await snapshot(bundle);
    orchestrator = startBundle(
      bundle,
      [...args, '--kubeconfig', kubeconfig, '--probe-port', String(probePort)],
      {
        PATH: process.env.PATH,
        POD_NAMESPACE: installNamespace,
        HOME: home,
        TMPDIR: home,
        NODE_ENV: 'production',
      },
      work,
    );
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${probePort}/readyz`)).ok,
      '/readyz',
      60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${orchestrator.output()}`);
    });
  });

  afterAll(async () => {
    await orchestrator?.stop();
    await cluster?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds the CLI and its workspace packages as published, with production dependencies only', async () => {
    expect((await readdir(join(bundle, 'packages'))).sort()).toEqual(bundledPackages);
    expect(existsSync(join(bundle, 'packages', 'cli', 'bin', 'score-orchestrator.js'))).toBe(true);
    for (const dev of ['typescript', 'jest', '@swc/core', 'eslint', 'lerna', 'prettier']) {
      expect([dev, existsSync(join(bundle, 'node_modules', dev))]).toEqual([dev, false]);
    }
    const tests = [...before.keys()].filter(
      (f) => /\.(int\.)?test\.(js|d\.ts)$/.test(f) && !f.startsWith('node_modules'),
    );
    expect(tests).toEqual([]);
    expect(
      [...before.keys()].filter(
        (f) => f.startsWith('packages/') && f.endsWith('.ts') && !f.endsWith('.d.ts'),
      ),
    ).toEqual([]);
  });

  it('holds the bundled entry the image runs, which answers --version and crds as the unbundled bin does', async () => {
    // (The image test runs it against a cluster, with plugins; ADR 0014.)
    const outputs = await Promise.all(
      ['bundle', 'bin'].flatMap((dir) =>
        [['--version'], ['crds']].map(async (args) => {
          const entry = join(bundle, 'packages', 'cli', dir, 'score-orchestrator.js');
          return (await run(process.execPath, [entry, ...args], { cwd: work, maxBuffer: 1 << 26 })).stdout;
        }),
      ),
    );
    const [bundledVersion, bundledCrds, version, crds] = outputs;
    expect(bundledVersion).toBe(version);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(bundledCrds).toBe(crds);
    expect(crds).toContain('kind: CustomResourceDefinition');
    const notices = await readFile(join(bundle, 'packages/cli/bundle/THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^inversify \S+ \(MIT\)$/m);
  });

  it('serves /healthz, /readyz and /metrics on the probe port', async () => {
    for (const path of ['/healthz', '/readyz'])
      expect((await fetch(`http://127.0.0.1:${probePort}${path}`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${probePort}/metrics`)).text();
    expect(metrics).toContain('leader_election_master_status');
    expect(metrics).toContain('rest_client_requests_total');
  });

  it('leads through the Lease in its own namespace', async () => {
    const lease = await eventually(
      async () => {
        const found = await admin.get<KubernetesObject & { spec?: { holderIdentity?: string } }>(Leases, {
          namespace: installNamespace,
          name: 'score-orchestrator-leader',
        });
        return found?.spec?.holderIdentity ? found : undefined;
      },
      'the leader Lease',
      60_000,
    );
    expect(lease.spec?.holderIdentity).not.toBe('');
  });

  it('reconciles a Workload to Ready as the ServiceAccount: claims, plan, Deployment, Ingress', async () => {
    await admin.create(WorkloadKind, shopWorkload);
    let last: Workload | undefined;
    await eventually(
      async () => {
        last = await admin.get<Workload>(WorkloadKind, { namespace: team, name: 'shop' });
        const ready = last?.status?.conditions?.find((c) => c.type === 'Ready');
        return ready?.status === 'True' && last?.status?.observedGeneration === last?.metadata?.generation;
      },
      'Workload shop Ready',
      180_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; last status: ${JSON.stringify(last?.status)}\n${orchestrator.output().slice(-4000)}`,
      );
    });
    // The route's host is the endpoint users read.
    expect(last?.status?.endpoint).toBe('http://shop.localhost/');
    const claims = (await admin.list<ResourceClaim>(ResourceClaimKind, { namespace: team })).items;
    expect(claims.map((c) => [c.spec.type, c.status?.phase]).sort()).toEqual([
      ['dns', 'Bound'],
      ['route', 'Bound'],
    ]);
    expect(await admin.get(WorkloadPlanKind, { namespace: team, name: 'shop' })).toBeDefined();
    expect(await admin.get(BuiltinKinds.Deployment, { namespace: team, name: 'shop' })).toBeDefined();
    expect((await admin.list(Ingresses, { namespace: team })).items).toHaveLength(1);
  });

  it('deletes the Workload and everything made for it', async () => {
    await admin.delete(WorkloadKind, { namespace: team, name: 'shop' });
    await eventually(
      async () => (await admin.get(WorkloadKind, { namespace: team, name: 'shop' })) === undefined,
      'Workload shop gone',
      120_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${orchestrator.output().slice(-4000)}`);
    });
    expect((await admin.list(ResourceClaimKind, { namespace: team })).items).toEqual([]);
    expect((await admin.list(Ingresses, { namespace: team })).items).toEqual([]);
  });

  it('was refused nothing, and wrote nothing into its own tree', async () => {
    expect(orchestrator.output()).not.toMatch(/forbidden|\b403\b/i);
    expect(await snapshot(bundle)).toEqual(before);
    expect(orchestrator.child.exitCode).toBeNull();
    expect(await orchestrator.stop()).toBe(0);
  });
});
