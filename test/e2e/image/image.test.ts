// The container image, built and run: `npm run image`'s script builds score-orchestrator:dev with the
// project's Dockerfile (no registry: a locally made Debian + Node 24 base), the container runs against a
// LocalCluster over the host network as the rendered ServiceAccount, on a read-only root filesystem, with
// the image's memory settings, and reconciles a Workload to Ready. The plugin recipe
// (deploy/image/plugins.Dockerfile) is built with the custom-resolver example and the orchestrator in it
// lists the plugin's resolver.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import { KubeClient } from '@score-orchestrator/operator-sdk';
import { LocalCluster, eventually } from '@score-orchestrator/testing';

import { findFileBlocks } from '../../../examples/sdk-snippets/src/docs-snippets.js';
import { freePort } from '../deploy/bundle-process.js';
import { installForOrchestratorPod } from '../deploy/orchestrator-pod.js';
import { buildKustomizeBase, installNamespace } from '../deploy/rendered-manifests.js';
import { buildImage, dockerOn, imageTag, shopWorkload, type BuildResult } from './image-fixtures.js';

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

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'image-test-'));
    await exec('npx', ['tsc', '-b', 'packages/testing'], { cwd: root });
    built = await buildImage();
    docker = dockerOn(built.dockerHost);
    const size = Number(await docker(['image', 'inspect', '--format', '{{.Size}}', tag]));
    process.stderr.write(`image ${tag}: ${(size / 1e6).toFixed(0)} MB, build took ${built.seconds} s\n`);
  });

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
    const kubeconfig = join(work, 'kubeconfig');
    const args = await installForOrchestratorPod(cluster, admin, rendered, {
      team,
      kubeconfigPath: kubeconfig,
    });
    const probePort = await freePort();
    container = await docker([
      'run',
      '--detach',
      '--network=host',
      '--read-only',
      '--tmpfs=/tmp',
      `--volume=${kubeconfig}:/etc/score-orchestrator/kubeconfig:ro`,
      `--env=POD_NAMESPACE=${installNamespace}`,
      tag,
      ...args,
      '--kubeconfig=/etc/score-orchestrator/kubeconfig',
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
    expect(cmdline.slice(0, 4)).toEqual([
      'node',
      '--memory-saver-mode',
      '/app/packages/cli/bin/score-orchestrator.js',
      'run',
    ]);
    expect(environ).toContain('MALLOC_ARENA_MAX=2');
    const rollup = await docker(['exec', container!, 'cat', '/proc/1/smaps_rollup']);
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1]);
    process.stderr.write(
      `orchestrator in the image, one Workload Ready: RSS ${(kib('Rss') / 1024).toFixed(1)} MiB, ` +
        `anonymous ${(kib('Anonymous') / 1024).toFixed(1)} MiB\n`,
    );
  });

  it('extends with a plugin installed in a build stage, which the orchestrator then finds', async () => {
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
    const listed = await docker([
      'run',
      '--rm',
      '--network=host',
      '--read-only',
      pluginTag,
      'plugins',
      'list',
      `--plugin=${pluginPackage}`,
    ]);
    expect(listed).toMatch(new RegExp(`${pluginPackage}\\s+resolver\\s+example-api-key\\s+api-key`));
  });
});
