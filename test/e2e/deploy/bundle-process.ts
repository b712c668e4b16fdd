// The production bundle (deploy/bundle/build-bundle.mjs, what the image holds under /app) built into a
// temporary folder, and `score-orchestrator` started from it as a child process.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from './deploy-tools.js';

const run = promisify(execFile);

/** Compiles the CLI and its workspace dependencies (`tsc -b packages/cli`), then bundles them into `out`. */
export async function buildBundle(out: string): Promise<void> {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-b', 'packages/cli'], { cwd: repoRoot });
  await run(process.execPath, [join(repoRoot, 'deploy', 'bundle', 'build-bundle.mjs'), out], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** A running `score-orchestrator` and everything it printed so far. */
export interface BundleProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node <bundle>/packages/cli/bin/score-orchestrator.js ...args` with only `env` as environment. */
export function startBundle(
  bundle: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): BundleProcess {
  const child = spawn(
    process.execPath,
    [join(bundle, 'packages', 'cli', 'bin', 'score-orchestrator.js'), ...args],
    {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Expands `$(VAR)` in container args the way the kubelet does, from `vars`. */
export function expandContainerArgs(args: readonly string[], vars: Record<string, string>): string[] {
  return args.map((arg) =>
    arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => vars[name] ?? whole),
  );
}
