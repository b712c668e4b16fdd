import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

import { TestingError } from '../errors/testing.error.js';
import { isProcessAlive } from '../process/process-liveness.js';
import type { BinarySpec } from './binaries.js';
import type { PinnedVersions } from './pinned-versions.js';

/** Receives one line of human-readable progress. */
export type ProgressReporter = (line: string) => void;

/** What `goBuild` needs to build one binary. */
export interface GoBuildRequest {
  readonly spec: BinarySpec;
  readonly versions: PinnedVersions;
  readonly hackDir: string;
  /** The final path of the binary; it appears there only once complete. */
  readonly output: string;
  readonly progress: ProgressReporter;
  readonly env?: NodeJS.ProcessEnv;
}

// A cold build of kube-apiserver takes minutes; a heartbeat shows it is still alive.
const heartbeatMs = 15_000;

/**
 * Builds one binary from its pinned Go module, streaming go's output and the elapsed time to `progress`.
 *
 * The binary is written to a temporary name beside `output` and renamed when complete, so a killed build
 * never leaves a half-written binary under the final name.
 *
 * @throws TestingError `Build` when go is missing or the build fails.
 */
export async function goBuild(request: GoBuildRequest): Promise<void> {
  const { spec, versions, hackDir, output, progress } = request;
  const moduleDir = join(hackDir, spec.module);
  const temporary = join(dirname(output), `.${spec.name}.${process.pid}.${Date.now()}.tmp`);
  await mkdir(dirname(output), { recursive: true });
  await removeAbandonedBuilds(dirname(output), spec.name);

  const started = Date.now();
  const elapsed = (): string => `${Math.round((Date.now() - started) / 1000)}s`;
  progress(`building ${spec.name} (${spec.goPackage}) from ${moduleDir}`);
  const heartbeat = setInterval(
    () => progress(`still building ${spec.name}: ${elapsed()} elapsed`),
    heartbeatMs,
  );
  try {
    const args = ['build', '-v', `-ldflags=${spec.ldflags(versions)}`, '-o', temporary, spec.goPackage];
    await runGo(args, moduleDir, { GOTOOLCHAIN: 'local', ...(request.env ?? process.env) }, (line) =>
      progress(`  ${line}`),
    );
    await rename(temporary, output);
    progress(`built ${spec.name} in ${elapsed()}: ${output}`);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

// A build killed with SIGKILL leaves its temporary file; remove those whose builder is gone.
async function removeAbandonedBuilds(dir: string, name: string): Promise<void> {
  const pattern = new RegExp(`^\\.${name}\\.(\\d+)\\.\\d+\\.tmp$`);
  for (const entry of await readdir(dir)) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (pid > 0 && !isProcessAlive(pid)) await rm(join(dir, entry), { force: true });
  }
}

function runGo(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const collect = (line: string): void => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      onLine(line);
    };
    createInterface({ input: child.stdout }).on('line', collect);
    createInterface({ input: child.stderr }).on('line', collect);
    child.on('error', (err) =>
      reject(
        new TestingError('Build', `failed to run go: ${err.message}; install Go or set KUBEBUILDER_ASSETS`, {
          cause: err,
        }),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const status = signal !== null ? `signal ${signal}` : `exit code ${code}`;
      reject(new TestingError('Build', `failed to build go ${args.at(-1)}: ${status}\n${tail.join('\n')}`));
    });
  });
}
