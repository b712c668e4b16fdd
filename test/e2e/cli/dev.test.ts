// `score-orchestrator dev --exit-on-ready` through the real binary: a local cluster, the orchestrator with
// the built-in plugins, a Workload applied and followed until Ready.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildCli, fixtures, repoRoot, runBinary } from './run-cli.js';

beforeAll(buildCli);

describe('score-orchestrator dev --exit-on-ready', () => {
  it('exits 0 once a Workload without resources is Ready', async () => {
    const run = await runBinary([
      'dev',
      '--exit-on-ready',
      '--timeout',
      '4m',
      join(fixtures, 'hello-workload.yaml'),
    ]);
    if (run.code !== 0) console.error(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('✓ starting the local cluster and installing the Score CRDs');
    expect(run.stderr).toContain('✓ every Workload is Ready');
    // Not a terminal: one line per change, the last one Ready.
    expect(run.stdout).toMatch(
      /default\/hello-e2e \[ready\] InputsValid=True ClaimsReady=True RuntimeReady=True Ready=True/,
    );
  });

  const hello = join(repoRoot, 'examples/hello');
  (existsSync(hello) ? it : it.skip)('exits 0 on examples/hello', async () => {
    const run = await runBinary(['dev', '--exit-on-ready', '--timeout', '4m', hello]);
    if (run.code !== 0) console.error(run.stdout, run.stderr);
    expect(run.code).toBe(0);
  });
});
