// The container image, built and run: `npm run image`'s script builds score-orchestrator:dev with the
// project's Dockerfile (no registry: a locally made Debian + Node 24 base), the container runs against a
// LocalCluster over the host network as the rendered ServiceAccount, on a read-only root filesystem, with
// the image's memory settings, and reconciles a Workload to Ready. The plugin recipe
// (deploy/image/plugins.Dockerfile) is built with the custom-resolver example; the orchestrator in it lists
// the plugin's resolver and provisions a claim with it. Both run the bundled entry (ADR 0014) with a file
// that throws over each unbundled copy of a package the bundle holds, so they pass only if the built-in
// plugins and the third-party one import the bundle's instances.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ResourceClaimKind, WorkloadKind, type ResourceClaim, type Workload } from '@score-orchestrator/api';
import { KubeClient } from '@score-orchestrator/operator-sdk';
import { LocalCluster, eventually } from '@score-orchestrator/testing';

import { findFileBlocks } from '../../../examples/sdk-snippets/src/docs-snippets.js';
import { freePort } from '../deploy/bundle-process.js';
import { installForOrchestratorPod } from '../deploy/orchestrator-pod.js';
import { buildKustomizeBase, installNamespace } from '../deploy/rendered-manifests.js';
import {
  buildImage,
  bundledEntry,
  dockerOn,
  imageTag,
  shopWorkload,
  tripwireVolumes,
  type BuildResult,
} from './image-fixtures.js';

jest.setTimeout(3_600_000);

const exec = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const tag = imageTag;
const pluginTag = 'score-orchestrator-plugins:dev';
const pluginPackage = '@score-orchestrator/example-custom-resolver';
const team = 'shop';

describe('the container image', () => {
  let work: string;
  let docker: (args: readonly string[]) => Promise<string>;
  let built: BuildResult;
  let cluster: LocalCluster | undefined;
  let container: string | undefined;
  let runArgs: string[] | undefined;
  let kubeconfig: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'image-test-'));
    await exec('npx', ['tsc', '-b', 'packages/testing'], { cwd: root });
    built = await buildImage();
    docker = dockerOn(built.dockerHost);
    const size = Number(await docker(['image', 'inspect', '--format', '{{.Size}}', tag]));
    process.stderr.write(`image ${tag}: ${(size / 1e6).toFixed(0)} MB, build took ${built.seconds} s\n`);
  });

  /**
   * Starts `image` detached as the orchestrator's pod runs it: host network, read-only root filesystem, the
   * ServiceAccount's kubeconfig; `flags` go to `docker run`, `args` to the orchestrator.
   */
  const startOrchestrator = (image: string, flags: readonly string[], args: readonly string[]) =>
    docker([
      'run',
      '--detach',
      '--network=host',
      '--read-only',
      '--tmpfs=/tmp',
      `--volume=${kubeconfig}:/etc/score-orchestrator/kubeconfig:ro`,
      `--env=POD_NAMESPACE=${installNamespace}`,
      ...flags,
      image,
      ...args,
      '--kubeconfig=/etc/score-orchestrator/kubeconfig',
    ]);

  afterAll(async () => {
    if (container !== undefined) await docker(['rm', '--force', container]).catch(() => undefined);
    await cluster?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('runs Node 24 as a non-root user, with no npm and no test kit, and ships the provisioner-file plugin', async () => {
    const probe = [
      'const fs = require("fs");',
      'console.log(JSON.stringify({ uid: process.getuid(), node: process.versions.node,',
      ' npm: fs.existsSync("/usr/local/bin/npm") || fs.existsSync("/usr/local/lib/node_modules/npm"),',
      ' testing: fs.existsSync("/app/node_modules/@score-orchestrator/testing")',
      '   || fs.existsSync("/app/packages/testing"),',
      ' provisioners: fs.existsSync("/app/packages/resolver-provisioners/dist/index.js") }));',
    ].join('');
    const facts = JSON.parse(
      await docker([
        'run',
        '--rm',
        '--network=host',
        '--read-only',
        '--entrypoint',
        'node',
        tag,
        '-e',
        probe,
      ]),
    ) as { uid: number; node: string; npm: boolean; testing: boolean; provisioners: boolean };
    expect(facts).toEqual({
      uid: 65532,
      node: expect.stringMatching(/^24\./),
      npm: false,
      testing: false,
      provisioners: true,
    });
  });

  it('says dev is not in the image, naming the missing package', async () => {
    const failure = await docker(['run', '--rm', '--network=host', '--read-only', tag, 'dev']).then(
      () => undefined,
      (err: Error & { stderr?: string }) => err.stderr ?? err.message,
    );
    expect(failure).toContain('dev needs @score-orchestrator/testing');
  });

  it('reconciles a Workload to Ready from a read-only container, as the ServiceAccount', async () => {
    const rendered = await buildKustomizeBase();
    cluster = await LocalCluster.start({});
    const admin = new KubeClient(cluster.kubeConfig, { fieldManager: 'image-test' });
    admin.registerKind(WorkloadKind);
    // The ServiceAccount's token and the API server's address on the host network: what a pod gets in-cluster.
    kubeconfig = join(work, 'kubeconfig');
    const args = (runArgs = await installForOrchestratorPod(cluster, admin, rendered, {
      team,
      kubeconfigPath: kubeconfig,
    }));
    const probePort = await freePort();
    container = await startOrchestrator(tag, await tripwireVolumes(docker, tag, work), [
      ...args,
      `--probe-port=${probePort}`,
    ]);
    const logs = async (): Promise<string> =>
      (await docker(['logs', '--tail=60', container!]).catch((err: Error) => err.message)).slice(-4000);
    await admin.create(WorkloadKind, shopWorkload(team));
    await eventually(
      async () => {
        const workload = await admin.get<Workload>(WorkloadKind, { namespace: team, name: 'shop' });
        return workload?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      },
      'Workload shop Ready',
      { timeoutMs: 300_000 },
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await logs()}`);
    });
    expect((await fetch(`http://127.0.0.1:${probePort}/readyz`)).status).toBe(200);
    const state = JSON.parse(await docker(['inspect', '--format', '{{json .State}} ', container])) as {
      Running: boolean;
    };
    expect(state.Running).toBe(true);
    expect(await docker(['inspect', '--format', '{{.HostConfig.ReadonlyRootfs}}', container])).toBe('true');
    // The image's memory settings reach the running orchestrator (docs/platform/container-image.md#memory).
    const [cmdline, environ] = await Promise.all(
      ['cmdline', 'environ'].map(async (file) =>
        (await docker(['exec', container!, 'cat', `/proc/1/${file}`])).split('\0'),
      ),
    );
    expect(cmdline.slice(0, 4)).toEqual(['node', '--memory-saver-mode', bundledEntry, 'run']);
    expect(environ).toContain('MALLOC_ARENA_MAX=2');
    const rollup = await docker(['exec', container!, 'cat', '/proc/1/smaps_rollup']);
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1]);
    process.stderr.write(
      `orchestrator in the image, one Workload Ready: RSS ${(kib('Rss') / 1024).toFixed(1)} MiB, ` +
        `anonymous ${(kib('Anonymous') / 1024).toFixed(1)} MiB\n`,
    );
  });

  it('extends with a plugin installed in a build stage, which the orchestrator finds and resolves a claim with', async () => {
    // The recipe the docs show is the file built here.
    const recipe = 'deploy/image/plugins.Dockerfile';
    const doc = await readFile(join(root, 'docs/platform/container-image.md'), 'utf8');
    expect(findFileBlocks(doc).find((block) => block.path === recipe)?.body).toBe(
      await readFile(join(root, recipe), 'utf8'),
    );
    const context = join(work, 'plugin-context');
    await mkdir(join(context, 'plugins'), { recursive: true });
    await exec('npx', ['tsc', '-b', 'examples/custom-resolver'], { cwd: root });
    const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', join(context, 'plugins')], {
      cwd: join(root, 'examples', 'custom-resolver'),
    });
    const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
    const plugin = await buildImage([
      `--file=${recipe}`,
      `--context=${context}`,
      `--tag=${pluginTag}`,
      `--build-arg=ORCHESTRATOR_IMAGE=${tag}`,
      `--build-arg=PLUGINS=./plugins/${filename}`,
    ]);
    process.stderr.write(`image ${pluginTag}: build took ${plugin.seconds} s\n`);
    const tripwires = await tripwireVolumes(docker, pluginTag, work);
    const listed = await docker([
      'run',
      '--rm',
      '--network=host',
      '--read-only',
      ...tripwires,
      pluginTag,
      'plugins',
      'list',
      `--plugin=${pluginPackage}`,
    ]);
    expect(listed).toMatch(new RegExp(`${pluginPackage}\\s+resolver\\s+example-api-key\\s+api-key`));

    // The plugin serving a claim in the running orchestrator, on the cluster of the test above (whose
    // orchestrator stops first, releasing the leader Lease): the platform config adds the plugin.
    if (cluster === undefined || runArgs === undefined)
      throw new Error('needs the cluster of the test above');
    if (container !== undefined) await docker(['stop', '--time=30', container]);
    const platform = join(work, 'platform.yaml');
    const base = await readFile(join(root, 'deploy/kustomize/base/platform.yaml'), 'utf8');
    expect(base.trimEnd().split('\n').at(-1)).toMatch(/^ {2}- '@score-orchestrator\//); // plugins: is last
    await writeFile(platform, `${base.trimEnd()}\n  - '${pluginPackage}'\n`, { mode: 0o644 });
    container = await startOrchestrator(
      pluginTag,
      [`--volume=${platform}:/etc/score-orchestrator/platform.yaml:ro`, ...tripwires],
      [
        ...runArgs.filter((arg) => !arg.startsWith('--config-map')),
        '--config=/etc/score-orchestrator/platform.yaml',
        `--probe-port=${await freePort()}`,
      ],
    );
    const admin = new KubeClient(cluster.kubeConfig, { fieldManager: 'image-test' });
    admin.registerKind(WorkloadKind);
    admin.registerKind(ResourceClaimKind);
    const shop = shopWorkload(team);
    await admin.create(WorkloadKind, {
      ...shop,
      metadata: { name: 'keyed', namespace: team },
      spec: { ...shop.spec, resources: { key: { type: 'api-key' } } },
    } as Workload);
    const claim = await eventually(
      async () => {
        const claims = await admin.list<ResourceClaim>(ResourceClaimKind, { namespace: team });
        return claims.items.find((c) => c.status?.phase === 'Bound' && c.spec?.type === 'api-key');
      },
      'the api-key claim Bound',
      { timeoutMs: 120_000 },
    ).catch(async (err: Error) => {
      throw new Error(
        `${err.message}\n${await docker(['logs', '--tail=60', container!]).catch((e: Error) => e.message)}`,
      );
    });
    expect(claim.status?.outputs).toMatchObject({ header: 'Authorization', key_id: expect.any(String) });
  });
});
