import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from './cli.js';
import { captureContext } from './testing/capture-context.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');

async function cli(argv: string[], cwd = here) {
  const context = captureContext(cwd);
  const code = await runCli(argv, context);
  return { code, out: context.out(), err: context.err() };
}

describe('runCli', () => {
  it('prints the command list for --help and exits 2 without a command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['run', 'dev', 'validate', 'convert', 'crds', 'plugins list'])
      expect(help.out).toContain(`  ${name}`);
    expect((await cli([])).code).toBe(2);
  });

  it.each([
    [['nonsense'], "error: unknown command 'nonsense'"],
    [['plugins'], "error: 'plugins' needs a subcommand: plugins list"],
    [['validate'], 'error: validate: missing argument'],
    [['convert', 'a.yaml', 'b.yaml'], 'error: convert: give exactly one Score file'],
    [['convert', 'a.yaml', '--override-property', 'nope'], "error: --override-property 'nope' is invalid"],
    [['validate', '--output', 'xml', 'a.yaml'], "error: --output must be one of text, json, yaml, not 'xml'"],
    [['crds', 'extra'], "error: crds: unexpected argument 'extra'"],
    [['run'], 'error: run: give the platform config with exactly one of --config FILE or --config-map'],
    [['dev', '--timeout', '1m'], 'error: dev: --timeout only applies with --exit-on-ready'],
    [
      ['plugins', 'list', '--config', 'a', '--plugin', 'b'],
      'error: plugins list: give --config or --plugin, not both',
    ],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it.each(['run', 'dev', 'validate', 'convert', 'crds', 'plugins list'])(
    '%s --help prints its usage',
    async (name) => {
      const { code, out } = await cli([...name.split(' '), '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^usage: score-orchestrator ${name} `));
      expect(out).toContain('-h, --help');
    },
  );
});

describe('validate', () => {
  it('prints file:line:column: field: message and exits 1 on errors', async () => {
    const { code, out } = await cli([
      'validate',
      'validate/fixtures/invalid-placeholders-score.yaml',
      'validate/fixtures/valid-score.yaml',
    ]);
    expect(code).toBe(1);
    expect(out).toBe(
      [
        "validate/fixtures/invalid-placeholders-score.yaml:8:16: containers.web.variables.DB_HOST: invalid ref 'resources.cache.host': no known resource 'cache'",
        "validate/fixtures/invalid-placeholders-score.yaml:9:14: containers.web.variables.OWNER: invalid ref 'metadata.team': key 'team' not found",
        '2 errors in 1 file (of 2)',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 for valid files', async () => {
    expect(await cli(['validate', 'validate/fixtures/valid-score.yaml'])).toEqual({
      code: 0,
      out: '1 file valid\n',
      err: '',
    });
  });

  it.each(['json', 'yaml'])('renders --output %s', async (format) => {
    const { code, out } = await cli([
      'validate',
      '--output',
      format,
      'validate/fixtures/invalid-crd-score.yaml',
    ]);
    expect(code).toBe(1);
    const data = (format === 'json' ? JSON.parse(out) : parse(out)) as {
      valid: boolean;
      files: { issues: { line: number }[] }[];
    };
    expect(data.valid).toBe(false);
    expect(data.files[0].issues[0].line).toBe(8);
  });

  it('fails (exit 1) on a missing file, naming it', async () => {
    const { code, err } = await cli(['validate', 'missing.yaml']);
    expect(code).toBe(1);
    expect(err).toMatch(/^error: failed to read missing.yaml: ENOENT/);
  });

  it('reads files.source relative to the Score file, from any working directory, as convert does', async () => {
    const file = 'packages/cli/src/validate/fixtures/sources/source-score.yaml';
    expect(await cli(['validate', file], repoRoot)).toEqual({ code: 0, out: '1 file valid\n', err: '' });
    const converted = await cli(['convert', file], repoRoot);
    expect(converted.code).toBe(0);
    expect(parse(converted.out)).toMatchObject({
      spec: { containers: { web: { files: { '/etc/x': { content: 'plain text from a source file\n' } } } } },
    });
  });

  it('accepts the binary-files example and converts its binaryContent byte for byte', async () => {
    const file = 'examples/score-features/binary-files.score.yaml';
    expect(await cli(['validate', file], repoRoot)).toEqual({ code: 0, out: '1 file valid\n', err: '' });
    const converted = await cli(['convert', file], repoRoot);
    expect(converted.code).toBe(0);
    const files = (parse(converted.out) as { spec: { containers: { main: { files: object } } } }).spec
      .containers.main.files;
    expect(files).toEqual({
      '/opt/app/greeting.bin': { binaryContent: 'SGVsbG8gZnJvbSBTY29yZSEK++//', mode: '0755' },
      '/opt/app/header.bin': { binaryContent: 'U0NPUkUA+/+//v8=', mode: '0644' },
    });
  });

  it('names the field and the file of a source that does not exist', async () => {
    const file = 'packages/cli/src/validate/fixtures/sources/missing-source-score.yaml';
    const missing = join(repoRoot, 'packages/cli/src/validate/fixtures/sources/not-there.txt');
    const { code, out } = await cli(['validate', file], repoRoot);
    expect(code).toBe(1);
    expect(out).toBe(
      `${file}:9:17: containers.web.files["/etc/x"].source: failed to read './not-there.txt': ${missing} does not exist\n` +
        '1 error in 1 file (of 1)\n',
    );
  });
});

describe('convert', () => {
  it('prints the Workload as YAML, or JSON, or writes it with -o', async () => {
    const args = ['convert', 'convert/fixtures/score.yaml', '--image', 'img:1', '-n', 'shop'];
    const yaml = await cli(args);
    expect(yaml.code).toBe(0);
    expect(parse(yaml.out)).toMatchObject({
      kind: 'Workload',
      metadata: { name: 'shop', namespace: 'shop' },
    });
    const json = await cli([...args, '--output', 'json']);
    expect(JSON.parse(json.out)).toEqual(parse(yaml.out));
    const dir = await mkdtemp(join(tmpdir(), 'cli-convert-'));
    try {
      const written = await cli([...args, '-o', join(dir, 'w.yaml')]);
      expect(written.out).toBe('');
      expect(parse(await readFile(join(dir, 'w.yaml'), 'utf8'))).toEqual(parse(yaml.out));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with the reason when the Score file is invalid', async () => {
    const { code, err } = await cli(['convert', 'convert/fixtures/score.yaml']);
    expect(code).toBe(1);
    expect(err).toContain('pass --image IMAGE');
  });
});

describe('crds', () => {
  it("prints exactly the repository's checked-in CRDs", async () => {
    const { code, out } = await cli(['crds']);
    expect(code).toBe(0);
    const names = [
      'score.dev_workloads.yaml',
      'score.dev_resourceclaims.yaml',
      'score.dev_workloadplans.yaml',
    ];
    expect(out).toBe(names.map((name) => readFileSync(join(repoRoot, 'crds', name), 'utf8')).join(''));
    expect(parseAllDocuments(out)).toHaveLength(3);
  });
});
