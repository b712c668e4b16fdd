// Runs the real `score-orchestrator` binary (bin/score-orchestrator.js over the compiled dist) as a child
// process. Compiles once per test file with `tsc -b packages/cli`.
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixtures = join(repoRoot, 'test/e2e/cli/fixtures');
const bin = join(repoRoot, 'packages/cli/bin/score-orchestrator.js');

/** Builds the CLI and everything it depends on. */
export async function buildCli(): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'],
    {
      cwd: repoRoot,
    },
  );
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the binary to completion with `args`; `env` is added to the current environment. */
export function runBinary(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), options.timeoutMs ?? 280_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
