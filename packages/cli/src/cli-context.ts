import type { CliEnvironment } from './environment.js';

/** A stream the CLI writes to: `process.stdout`/`stderr`, or a buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** True on an interactive terminal: `dev` redraws a live table only then. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** What every command runs with: where to write, the environment read at start-up, and where it runs. */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: CliEnvironment;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  /**
   * Aborted on SIGINT/SIGTERM by the binary; long-running commands (`run`, `dev`) stop cleanly when it
   * fires. Absent in tests of short commands.
   */
  readonly signal?: AbortSignal;
}
