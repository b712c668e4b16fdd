// The packages as users get them: packed like `npm publish` packs them, installed into folders outside the
// workspace, used as the docs say. Fails when a doc's files or a package's shape break:
// - docs/sdk/new-repository.md + getting-started.md: the Greeting operator, built, its CRD generated and
//   its test run on a real API server with the test kit from the tarball;
// - docs/platform/resolver-package.md: the api-key resolver packed as a package of its own, loaded by
//   `npx score-orchestrator run` from the tarballs, a claim Bound, SIGTERM to npx releasing the Lease.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KubeClient } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { holderPid, isAlive, leaseHolder, readyz } from '../cli/orchestrator-process.js';
import { findFileBlocks, findSnippetMarkers } from '../../../examples/sdk-snippets/src/docs-snippets.js';
import {
  commandEnv,
  installProject,
  packWorkspacePackages,
  repoRoot,
  run,
  type PackedPackage,
} from './npm-project.js';

const REPOSITORY = 'https://github.com/score-orchestrator/score-orchestrator';
const doc = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const timings: string[] = [];

async function timed<T>(step: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await action();
  } finally {
    timings.push(`${step} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}

/** The `<!-- file: -->` blocks of a doc under `prefix`, keyed by their path below it. */
function fileBlocks(markdown: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    findFileBlocks(markdown)
      .filter((block) => block.path.startsWith(prefix))
      .map((block) => [block.path.slice(prefix.length), block.body]),
  );
}

let packDir: string;
let packed: Map<string, PackedPackage>;
const pick = (...names: string[]) =>
  new Map(names.map((name) => [name, packed.get(name) as PackedPackage] as const));

beforeAll(async () => {
  // The tarballs hold dist/: build what is stale (npm test has just built everything).
  await timed('build', () =>
    run(
      process.execPath,
      [
        join(repoRoot, 'node_modules/typescript/bin/tsc'),
        '-b',
        'packages/cli',
        'packages/resolver-provisioners',
      ],
      {
        cwd: repoRoot,
      },
    ),
  );
  packDir = await mkdtemp(join(tmpdir(), 'score-packed-'));
  packed = await timed('npm pack', () => packWorkspacePackages(packDir));
});

afterAll(async () => {
  if (packDir !== undefined) await rm(packDir, { recursive: true, force: true });
  process.stderr.write(`outside-project timings (node ${process.version}): ${timings.join(', ')}\n`);
});

describe('the packed packages', () => {
  it('are all packed, each with LICENSE, README, repository and no tests, fixtures or build info', () => {
    const names = readdirSync(join(repoRoot, 'packages')).map(
      (dir) => (JSON.parse(doc(`packages/${dir}/package.json`)) as { name: string }).name,
    );
    expect([...packed.keys()].sort()).toEqual(names.sort());
    for (const pkg of packed.values()) {
      expect({
        name: pkg.name,
        has: ['LICENSE', 'README.md', 'package.json'].filter((f) => pkg.files.includes(f)),
      }).toEqual({
        name: pkg.name,
        has: ['LICENSE', 'README.md', 'package.json'],
      });
      const unwanted = pkg.files.filter((f) => /\.test\.|\/fixtures\/|tsbuildinfo|(^|\/)src\//.test(f));
      expect({ name: pkg.name, unwanted }).toEqual({ name: pkg.name, unwanted: [] });
      const manifest = JSON.parse(doc(`packages/${pkg.name.split('/')[1]}/package.json`)) as Record<
        string,
        unknown
      >;
      expect(manifest).toMatchObject({
        license: 'Apache-2.0',
        repository: {
          type: 'git',
          url: `git+${REPOSITORY}.git`,
          directory: `packages/${pkg.name.split('/')[1]}`,
        },
        homepage: expect.stringContaining(REPOSITORY),
        keywords: expect.arrayContaining([expect.any(String)]),
      });
    }
  });

  it('link only to absolute URLs from their READMEs (the registry page has no repository around it)', () => {
    for (const pkg of packed.values()) {
      const readme = doc(`packages/${pkg.name.split('/')[1]}/README.md`);
      const relative = [...readme.matchAll(/\]\(([^)#][^)]*)\)/g)]
        .map((m) => m[1])
        .filter((l) => !/^https?:/.test(l));
      expect({ name: pkg.name, relative }).toEqual({ name: pkg.name, relative: [] });
    }
  });

  it('share one @kubernetes/client-node: a peer dependency of every library that takes its types', () => {
    for (const name of [
      'operator-sdk',
      'api',
      'testing',
      'orchestrator',
      'plugin-host',
      'runtime-kubernetes',
      'resolver-dev',
      'resolver-provisioners',
    ]) {
      const manifest = JSON.parse(doc(`packages/${name}/package.json`)) as {
        peerDependencies?: Record<string, string>;
        dependencies?: Record<string, string>;
      };
      expect({
        name,
        peer: manifest.peerDependencies?.['@kubernetes/client-node'],
        dep: manifest.dependencies?.['@kubernetes/client-node'],
      }).toEqual({
        name,
        peer: expect.any(String),
        dep: undefined,
      });
    }
  });

  it('ship the pinned Go modules inside the test kit', () => {
    const testing = packed.get('@score-orchestrator/testing') as PackedPackage;
    for (const module of ['kube', 'etcd', 'kwok'])
      expect(testing.files).toEqual(
        expect.arrayContaining([`pins/${module}/go.mod`, `pins/${module}/go.sum`]),
      );
  });
});

describe('a fresh clone', () => {
  it('installs with npm ci: the lockfile matches every workspace package.json', async () => {
    // A dry run on a copy of the manifests: npm ci checks the lock against them before installing anything.
    const copy = await mkdtemp(join(tmpdir(), 'score-npm-ci-'));
    try {
      const manifests = ['package.json', 'package-lock.json', 'bench/package.json'];
      for (const parent of ['packages', 'examples'])
        for (const dir of readdirSync(join(repoRoot, parent)))
          if (existsSync(join(repoRoot, parent, dir, 'package.json')))
            manifests.push(`${parent}/${dir}/package.json`);
      for (const manifest of manifests) {
        await mkdir(dirname(join(copy, manifest)), { recursive: true });
        await copyFile(join(repoRoot, manifest), join(copy, manifest));
      }
      await run('npm', ['ci', '--dry-run', '--ignore-scripts'], { cwd: copy });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('docs/sdk/new-repository.md: the Greeting operator in a project of its own', () => {
  it('installs, builds, generates its CRD and passes its test on a real API server', async () => {
    const files = fileBlocks(doc('docs/sdk/new-repository.md'));
    // The sources are getting-started.md's snippets (each checked against the example by docs-snippets.test.ts).
    for (const marker of findSnippetMarkers(doc('docs/sdk/getting-started.md'))) {
      if (marker.path.endsWith('.test.ts') || marker.body === undefined) continue;
      const path = `src/${basename(marker.path)}`;
      files[path] = `${files[path] ?? ''}${marker.body}\n`;
    }
    expect(Object.keys(files).sort()).toEqual([
      'jest.config.js',
      'package.json',
      'src/greeting.controller.ts',
      'src/greeting.int.test.ts',
      'src/greeting.resource.ts',
      'src/main.ts',
      'src/operator.ts',
      'tsconfig.json',
    ]);
    const dir = await timed('operator install', () =>
      installProject(
        'greeting-operator',
        files,
        pick('@score-orchestrator/operator-sdk', '@score-orchestrator/testing'),
      ),
    );
    await rm(join(dir, 'crds'), { recursive: true, force: true });
    await timed('operator build', () => run('npm', ['run', 'build'], { cwd: dir }));
    const crds = await run('npm', ['run', 'crds'], { cwd: dir });
    expect(crds.output).toContain('quickstart.example.dev_greetings.yaml');
    const test = await timed('operator test', () => run('npm', ['test'], { cwd: dir }));
    expect(test.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(test.output).toMatch(/control-plane binaries ready/); // pretest: `score-control-plane assets`
  });
});

/** A TCP port free right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('docs/platform/resolver-package.md: a resolver plugin in a package of its own', () => {
  let cp: ControlPlane | undefined;
  afterAll(() => cp?.stop());

  it('is packed, loaded by `npx score-orchestrator run` from the tarballs, binds a claim and stops on SIGTERM', async () => {
    const guide = doc('docs/platform/resolver-package.md');
    const pluginFiles = fileBlocks(guide, 'api-key-resolver/');
    const example = join(repoRoot, 'examples/custom-resolver/src');
    for (const file of readdirSync(example).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')))
      pluginFiles[`src/${file}`] = await readFile(join(example, file), 'utf8');
    const pluginDir = await timed('plugin install', () =>
      installProject(
        'api-key-resolver',
        pluginFiles,
        pick(
          '@score-orchestrator/api',
          '@score-orchestrator/operator-sdk',
          '@score-orchestrator/plugin-host',
        ),
      ),
    );
    await timed('plugin build', () => run('npm', ['run', 'build'], { cwd: pluginDir }));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packDir], {
      cwd: pluginDir,
    });
    const [plugin] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as {
      name: string;
      filename: string;
      files: { path: string }[];
    }[];
    expect(plugin.name).toBe('@acme/score-resolver-api-key');
    expect(plugin.files.map((f) => f.path)).toContain('dist/index.js');

    const platformFiles = fileBlocks(guide, 'platform/');
    const tarballs = new Map([
      ...packed,
      [plugin.name, { path: join(packDir, plugin.filename) } as PackedPackage],
    ]);
    const platformDir = await timed('platform install', () =>
      installProject('score-platform', platformFiles, tarballs),
    );

    cp = await ControlPlane.start(); // without the CRDs: run must say so
    const port = await freePort();
    const orchestrator = spawn(
      'npx',
      [
        'score-orchestrator',
        'run',
        '--config',
        'platform.yaml',
        '--kubeconfig',
        cp.kubeconfigPath,
        '--probe-port',
        String(port),
        '--leader-elect',
        '--leader-election-namespace',
        'default',
      ],
      { cwd: platformDir, env: commandEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    orchestrator.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    orchestrator.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => orchestrator.on('exit', (code) => resolve(code)));
    let leaderPid = 0;
    try {
      const notReady = await eventually(
        async () => {
          if (orchestrator.exitCode !== null) throw new Error(`run exited:\n${log}`);
          const res = await readyz(port);
          return res?.body.includes('[-]score-crds failed') ? res : undefined;
        },
        '/readyz naming the missing CRDs',
        { timeoutMs: 60_000 },
      );
      expect(notReady.status).toBe(500);
      expect(log).toMatch(
        /"level":"error".*"message":"the score.dev custom resource definitions are not installed"/,
      );

      const crds = await run('npx', ['score-orchestrator', 'crds'], { cwd: platformDir });
      await writeFile(join(platformDir, 'crds.yaml'), crds.stdout);
      await cp.installCrds([join(platformDir, 'crds.yaml')]);
      await eventually(async () => (await readyz(port))?.status === 200, '/readyz ok once the CRDs are in', {
        timeoutMs: 60_000,
      });

      const client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
      const workloads = {
        apiVersion: 'score.dev/v1b1',
        kind: 'Workload',
        plural: 'workloads',
        namespaced: true,
      };
      const claims = { ...workloads, kind: 'ResourceClaim', plural: 'resourceclaims' };
      await client.create(workloads, {
        apiVersion: 'score.dev/v1b1',
        kind: 'Workload',
        metadata: { name: 'shop', namespace: 'default' },
        spec: {
          containers: { web: { image: 'nginx', variables: { API_KEY_ID: '${resources.key.key_id}' } } },
          resources: { key: { type: 'api-key', params: { scopes: ['orders:read'] } } },
        },
      });
      const claim = await eventually(
        async () => {
          const list = await client.list<
            { status?: { phase?: string; outputs?: Record<string, unknown> } } & { metadata: object }
          >(claims, { namespace: 'default' });
          return list.items.find((c) => c.status?.phase === 'Bound');
        },
        'the api-key claim Bound by the plugin',
        { timeoutMs: 60_000 },
      );
      expect(claim.status?.outputs).toMatchObject({ key_id: expect.any(String), header: 'Authorization' });

      leaderPid = holderPid((await leaseHolder(cp.kubeConfig, 'default')) ?? '');
      expect(leaderPid).toBeGreaterThan(0);
      expect(leaderPid).not.toBe(orchestrator.pid); // node runs under npm and a shell

      orchestrator.kill('SIGTERM');
      await exited;
      await eventually(
        async () => !isAlive(leaderPid),
        'the orchestrator process gone after SIGTERM to npx',
        { timeoutMs: 30_000 },
      );
      expect(await leaseHolder(cp.kubeConfig, 'default')).toBe('');
    } finally {
      orchestrator.kill('SIGKILL');
      if (leaderPid > 0 && isAlive(leaderPid)) process.kill(leaderPid, 'SIGKILL');
    }
  });
});
