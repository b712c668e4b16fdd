// The release workflow cannot run here (it publishes); what it runs can, short of the registries:
// - .github/workflows lint clean with actionlint (built from hack/actionlint), and release.yml keeps the
//   steps docs/releasing.md promises;
// - tools/release/versions.js agrees with the repository, and on a copy sets a version everywhere and
//   refuses a tag or a file that disagrees;
// - `npm publish --dry-run` of every public package succeeds with no manifest npm would auto-correct, and
//   its tarball holds what the package's entry points, bin and types need, without tests or build state;
// - `helm package` of the chart gives the version the release pushes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { ensureDeployTool, repoRoot } from '../deploy/deploy-tools.js';

const run = promisify(execFile);
const versionsScript = join(repoRoot, 'tools/release/versions.js');

interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function command(file: string, args: string[], cwd = repoRoot): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const versions = (args: string[]) => command(process.execPath, [versionsScript, ...args]);
const currentVersion = async () =>
  (JSON.parse(await readFile(join(repoRoot, 'lerna.json'), 'utf8')) as { version: string }).version;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'release-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the workflows', () => {
  it('lint clean with actionlint', async () => {
    const actionlint = await ensureDeployTool('actionlint');
    const workflows = (await readdir(join(repoRoot, '.github/workflows'))).map(
      (f) => `.github/workflows/${f}`,
    );
    expect(workflows).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    );
    // shellcheck and pyflakes off: whether they are installed would change the verdict between machines.
    const result = await command(actionlint, ['-shellcheck=', '-pyflakes=', ...workflows]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('release.yml publishes with provenance, signs the image, pushes the chart as OCI, after the tests', async () => {
    type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
    type Job = { needs?: string[]; uses?: string; permissions?: Record<string, string>; steps?: Step[] };
    const workflow = parseYaml(await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } };
      jobs: Record<string, Job>;
    };
    const { jobs } = workflow;
    const runs = (job: Job) => (job.steps ?? []).map((step) => step.run ?? '').join('\n');
    const uses = (job: Job, action: string) =>
      (job.steps ?? []).find((step) => step.uses?.startsWith(`${action}@`));

    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(runs(jobs.versions!)).toContain('node tools/release/versions.js check --tag "$GITHUB_REF_NAME"');
    expect(jobs.test!.uses).toBe('./.github/workflows/ci.yml');
    for (const name of ['npm', 'image', 'chart'])
      expect(jobs[name]!.needs).toEqual(expect.arrayContaining(['versions', 'test']));

    expect(jobs.npm!.permissions).toMatchObject({ 'id-token': 'write' });
    expect(runs(jobs.npm!)).toMatch(/npm publish .*--provenance --access public/);

    const build = uses(jobs.image!, 'docker/build-push-action')!;
    expect(build.with).toMatchObject({ file: 'Dockerfile', push: true, sbom: true });
    expect(String(build.with!.platforms).split(',')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(jobs.image!.permissions).toMatchObject({ 'id-token': 'write', packages: 'write' });
    expect(runs(jobs.image!)).toContain('cosign sign --yes "$IMAGE@$DIGEST"');

    expect(runs(jobs.chart!)).toContain('helm package deploy/helm/score-orchestrator');
    expect(runs(jobs.chart!)).toMatch(/helm push .* "\$CHARTS"/);
    expect(runs(jobs['github-release']!)).toContain('node tools/release/versions.js notes "$VERSION"');
  });
});

describe('tools/release/versions.js', () => {
  it('finds every version in this repository equal to lerna.json', async () => {
    const result = await versions(['check']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`every version is ${await currentVersion()}`);
    expect(result.code).toBe(0);
  });

  it('sets a version everywhere, then refuses a wrong tag and any file left behind', async () => {
    // A copy of the files the version lives in.
    const copy = join(scratch, 'versions');
    const manifests = [
      'package.json',
      'package-lock.json',
      'lerna.json',
      'CHANGELOG.md',
      'deploy/helm/score-orchestrator/Chart.yaml',
      'deploy/helm/score-orchestrator/values.yaml',
    ];
    for (const parent of ['packages', 'examples', 'bench']) {
      const dirs = parent === 'bench' ? [''] : await readdir(join(repoRoot, parent));
      for (const dir of dirs) {
        const manifest = join(parent, dir, 'package.json');
        if (existsSync(join(repoRoot, manifest))) manifests.push(manifest);
      }
    }
    for (const file of manifests) await cp(join(repoRoot, file), join(copy, file));
    const inCopy = (args: string[]) => versions([...args, '--root', copy]);

    const set = await inCopy(['set', '7.8.9-rc.1']);
    expect(set.code).toBe(0);
    const checked = await inCopy(['check', '--tag', 'v7.8.9-rc.1']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const cli = JSON.parse(await readFile(join(copy, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(cli.version).toBe('7.8.9-rc.1');
    expect(cli.dependencies['@score-orchestrator/api']).toBe('^7.8.9-rc.1');
    const chart = parseYaml(
      await readFile(join(copy, 'deploy/helm/score-orchestrator/Chart.yaml'), 'utf8'),
    ) as Record<string, string>;
    expect([chart.version, chart.appVersion]).toEqual(['7.8.9-rc.1', '7.8.9-rc.1']);
    // The CHANGELOG's Unreleased notes are now the version's, and the release's notes.
    const notes = await inCopy(['notes', '7.8.9-rc.1']);
    expect(notes.stdout).toMatch(/^### Added/);
    expect(notes.code).toBe(0);

    const wrongTag = await inCopy(['check', '--tag', 'v7.8.10']);
    expect(wrongTag.code).toBe(1);
    expect(wrongTag.stderr).toContain("tag v7.8.10 does not match lerna.json's version 7.8.9-rc.1");

    const chartPath = join(copy, 'deploy/helm/score-orchestrator/Chart.yaml');
    await writeFile(
      chartPath,
      (await readFile(chartPath, 'utf8')).replace(/^appVersion: .*$/m, 'appVersion: 7.8.8'),
    );
    const sdkPath = join(copy, 'packages/operator-sdk/package.json');
    await writeFile(
      sdkPath,
      (await readFile(sdkPath, 'utf8')).replace('"version": "7.8.9-rc.1"', '"version": "7.8.8"'),
    );
    const behind = await inCopy(['check']);
    expect(behind.code).toBe(1);
    expect(behind.stderr.trim().split('\n')).toEqual([
      'packages/operator-sdk/package.json: version 7.8.8, expected 7.8.9-rc.1',
      'deploy/helm/score-orchestrator/Chart.yaml: appVersion 7.8.8, expected 7.8.9-rc.1',
    ]);
  });
});

describe('npm publish --dry-run', () => {
  interface Published {
    readonly name: string;
    readonly version: string;
    readonly files: readonly { path: string }[];
  }

  it('every public package publishes without corrections, with its entry points and without tests', async () => {
    // Each package from a copy (with hack/, which the test kit's prepack reads), so packing here never
    // races the outside-project test packing the same folders.
    const copy = join(scratch, 'publish');
    await cp(join(repoRoot, 'hack'), join(copy, 'hack'), { recursive: true });
    const dirs: string[] = [];
    for (const dir of await readdir(join(repoRoot, 'packages'))) {
      const manifest = JSON.parse(
        await readFile(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'),
      ) as {
        private?: boolean;
      };
      if (manifest.private === true) continue;
      dirs.push(dir);
      await cp(join(repoRoot, 'packages', dir), join(copy, 'packages', dir), {
        recursive: true,
        filter: (source) => !/\/(node_modules|src)$/.test(source),
      });
    }
    expect(dirs).toEqual(expect.arrayContaining(['cli', 'operator-sdk', 'testing']));
    const version = await currentVersion();

    const results = await Promise.all(
      dirs.map(async (dir) => {
        const cwd = join(copy, 'packages', dir);
        const result = await command('npm', ['publish', '--dry-run', '--json', '--access', 'public'], cwd);
        return { dir, cwd, result };
      }),
    );
    for (const { dir, cwd, result } of results) {
      expect({ dir, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
        dir,
        code: 0,
        stderr: '',
      });
      // npm 11 "auto-corrects" (drops) a `./`-prefixed bin and other invalid fields at publish: refuse that.
      expect({
        dir,
        corrected:
          result.stderr.match(/^npm warn publish .*$/gm)?.filter((line) => !/logged in|dry-run/.test(line)) ??
          [],
      }).toEqual({ dir, corrected: [] });
      const manifest = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8')) as {
        name: string;
        bin?: Record<string, string>;
        exports: Record<string, { import: string; types: string }>;
      };
      const published = (JSON.parse(result.stdout) as Record<string, Published>)[manifest.name]!;
      expect(published.version).toBe(version);
      const files = published.files.map((file) => file.path);
      const needed = [
        'package.json',
        'LICENSE',
        'README.md',
        ...Object.values(manifest.exports).flatMap((entry) => [entry.import, entry.types]),
        ...Object.values(manifest.bin ?? {}),
      ].map((path) => path.replace(/^\.\//, ''));
      expect({ dir, missing: needed.filter((path) => !files.includes(path)) }).toEqual({ dir, missing: [] });
      const unwanted = files.filter((path) =>
        /(^|\/)(src|fixtures|node_modules)\/|\.test\.|\.tsbuildinfo$|(^|\/)tsconfig\.json$/.test(path),
      );
      expect({ dir, unwanted }).toEqual({ dir, unwanted: [] });
    }
  });
});

describe('helm package', () => {
  it('packages the chart at the release version', async () => {
    const helm = await ensureDeployTool('helm');
    const version = await currentVersion();
    const out = join(scratch, 'chart');
    await mkdir(out, { recursive: true });
    const packaged = await command(helm, [
      'package',
      'deploy/helm/score-orchestrator',
      '--version',
      version,
      '--app-version',
      version,
      '--destination',
      out,
    ]);
    expect(packaged.stderr).toBe('');
    expect(packaged.code).toBe(0);
    const archive = join(out, `score-orchestrator-${version}.tgz`);
    const shown = await command(helm, ['show', 'chart', archive]);
    expect(parseYaml(shown.stdout)).toMatchObject({
      name: 'score-orchestrator',
      version,
      appVersion: version,
    });
  });
});
