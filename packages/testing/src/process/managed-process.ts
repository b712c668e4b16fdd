import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { TestingError } from '../errors/testing.error.js';

/** How to start one control-plane process. */
export interface ProcessSpec {
  /** A short name for messages, e.g. `kube-apiserver`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The file that receives the process's stdout and stderr (appended, so restarts keep earlier logs). */
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** How a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One child process with its output in a log file, in a process group of its own.
 *
 * Its own group keeps Ctrl-C in a terminal from killing it behind the owner's back (the owner stops it
 * cleanly), and lets the owner and the reaper kill it together with anything it started.
 */
export class ManagedProcess {
  /** Settles when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | undefined;

  private constructor(
    readonly spec: ProcessSpec,
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /**
   * Starts the process.
   *
   * @throws TestingError `Start` when it cannot be spawned (e.g. the binary is missing).
   */
  static async start(spec: ProcessSpec): Promise<ManagedProcess> {
    const log = openSync(spec.logFile, 'a');
    try {
      const child = spawn(spec.command, spec.args, {
        detached: true,
        stdio: ['ignore', log, log],
        env: spec.env ?? process.env,
      });
      const pid = await new Promise<number>((resolve, reject) => {
        child.once('spawn', () => resolve(child.pid as number));
        child.once('error', reject);
      }).catch((err: Error) => {
        throw new TestingError('Start', `failed to start ${spec.name}: ${err.message}`, { cause: err });
      });
      // The owner may exit without stopping it; the reaper then cleans up, so node need not wait.
      child.unref();
      return new ManagedProcess(spec, child, pid);
    } finally {
      closeSync(log);
    }
  }

  /** How the process ended, or undefined while it runs. */
  get exitStatus(): ProcessExit | undefined {
    return this.exit;
  }

  /**
   * Stops the process group: SIGTERM, then SIGKILL when it has not exited after `graceMs`.
   * Idempotent; resolves once the process has exited.
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exit !== undefined) return;
    signalGroup(this.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
    );
    const outcome = await Promise.race([this.exited, graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      signalGroup(this.pid, 'SIGKILL');
      await this.exited;
    }
    // Kill whatever the process left behind in its group.
    signalGroup(this.pid, 'SIGKILL');
  }

  /** The last `lines` lines of the log file, for error messages. */
  logTail(lines = 40): Promise<string> {
    return ManagedProcess.logTailOf(this.spec, lines);
  }

  /** The last `lines` lines of a spec's log file, also when its process is gone or never started. */
  static async logTailOf(spec: ProcessSpec, lines = 40): Promise<string> {
    const text = await readFile(spec.logFile, 'utf8').catch(() => '');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
