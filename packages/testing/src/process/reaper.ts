import { spawn } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { TestingError } from '../errors/testing.error.js';

/**
 * What the reaper cleans up when the owner dies: process groups to kill, then commands to run (e.g. a real
 * node's teardown script), then folders and files to remove.
 */
export interface ReaperState {
  readonly pids: readonly number[];
  readonly dirs: readonly string[];
  readonly commands?: readonly (readonly string[])[];
}

const reaperScript = fileURLToPath(new URL('../../bin/control-plane-reaper.js', import.meta.url));

/**
 * A detached watchdog process that cleans up when this process dies without stopping its control plane
 * (SIGKILL, a crash, a jest worker torn down). It polls this process's pid; see `bin/control-plane-reaper.js`.
 */
export class Reaper {
  // Records are written one after another, so a slow earlier write never replaces a later one.
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly stateFile: string,
    /** The reaper's pid. */
    readonly pid: number,
  ) {}

  /**
   * Starts a reaper that watches this process and reads what to clean up from `stateFile`.
   *
   * @throws TestingError `Start` when node cannot spawn it.
   */
  static async start(stateFile: string, initial: ReaperState): Promise<Reaper> {
    await writeState(stateFile, initial);
    const child = spawn(process.execPath, [reaperScript, String(process.pid), stateFile], {
      detached: true,
      stdio: 'ignore',
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid as number));
      child.once('error', reject);
    }).catch((err: Error) => {
      throw new TestingError('Start', `failed to start the control-plane reaper: ${err.message}`, {
        cause: err,
      });
    });
    child.unref();
    return new Reaper(stateFile, pid);
  }

  /** Records what to clean up; replaces the previous record. */
  record(state: ReaperState): Promise<void> {
    const write = this.writes.then(() => writeState(this.stateFile, state));
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Dismisses the reaper after a clean stop. Idempotent. */
  dismiss(): void {
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

// Written to a temporary name and renamed, so the reaper never reads half a file.
async function writeState(stateFile: string, state: ReaperState): Promise<void> {
  const temporary = `${stateFile}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state));
  await rename(temporary, stateFile);
}
