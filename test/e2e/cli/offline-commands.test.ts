// validate, convert, crds and plugins list through the real binary: exit codes, stdout, stderr.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { buildCli, fixtures, repoRoot, runBinary } from './run-cli.js';

beforeAll(buildCli);

describe('score-orchestrator validate', () => {
  it('exits 0 for a valid Workload manifest', async () => {
    const run = await runBinary(['validate', join(fixtures, 'hello-workload.yaml')]);
    expect(run).toMatchObject({ code: 0, stdout: '1 file valid\n' });
  });

  it('exits 1 listing file:line:column: field: message for every error', async () => {
    const run = await runBinary(['validate', 'test/e2e/cli/fixtures/broken-score.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'test/e2e/cli/fixtures/broken-score.yaml:12:13: service.ports.http.port: must be between 1 and 65535; got 0',
        '1 error in 1 file (of 1)',
        '',
      ].join('\n'),
    );
  });

  it('reports as JSON with --output json', async () => {
    const run = await runBinary(['validate', '--output', 'json', join(fixtures, 'hello-workload.yaml')]);
    expect(JSON.parse(run.stdout)).toMatchObject({
      valid: true,
      files: [{ kind: 'workload', workloads: ['hello-e2e'] }],
    });
  });

  it('exits 2 on a usage error', async () => {
    const run = await runBinary(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Run 'score-orchestrator validate --help' for usage.");
  });
});

describe('score-orchestrator convert', () => {
  it('prints a Workload with the overrides applied', async () => {
    const run = await runBinary([
      'convert',
      join(fixtures, 'score.yaml'),
      '--image',
      'ghcr.io/acme/hello:1',
      '--namespace',
      'demo',
      '--override-property',
      'containers.web.variables.MODE=staging',
    ]);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual({
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'hello-score', namespace: 'demo' },
      spec: { containers: { web: { image: 'ghcr.io/acme/hello:1', variables: { MODE: 'staging' } } } },
    });
  });

  it('exits 1 with the reason for an invalid Score file', async () => {
    const run = await runBinary(['convert', join(fixtures, 'broken-score.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('service.ports.http.port: must be between 1 and 65535; got 0');
  });
});

describe('score-orchestrator crds', () => {
  it('prints the checked-in CRDs and writes them with --out', async () => {
    const run = await runBinary(['crds']);
    expect(run.code).toBe(0);
    const names = [
      'score.dev_workloads.yaml',
      'score.dev_resourceclaims.yaml',
      'score.dev_workloadplans.yaml',
    ];
    expect(run.stdout).toBe(names.map((n) => readFileSync(join(repoRoot, 'crds', n), 'utf8')).join(''));
    const dir = await mkdtemp(join(tmpdir(), 'cli-crds-'));
    try {
      expect((await runBinary(['crds', '--out', dir])).code).toBe(0);
      expect((await readdir(dir)).sort()).toEqual([...names].sort());
      expect(await readFile(join(dir, names[0]), 'utf8')).toBe(
        readFileSync(join(repoRoot, 'crds', names[0]), 'utf8'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('score-orchestrator plugins list', () => {
  it('lists the built-in resolvers and runtime', async () => {
    const run = await runBinary(['plugins', 'list', '--output', 'json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { sort: string; name: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ sort: 'resolver', name: 'dev-postgres' }));
    expect(rows).toContainEqual(expect.objectContaining({ sort: 'runtime', name: 'kubernetes' }));
  });

  it('exits 1 naming a plugin that is not installed', async () => {
    const run = await runBinary(['plugins', 'list', '--plugin', '@acme/not-installed']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm install @acme/not-installed');
  });
});
