import { spawn } from 'node:child_process';

import { TestingError } from '../errors/testing.error.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to the command's standard input. */
  readonly input?: string;
  /** Exit codes that count as success; `[0]` by default. */
  readonly okCodes?: readonly number[];
}

/** What a finished command printed. */
export interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a short command to completion and returns what it printed.
 *
 * @throws TestingError `Start` when it cannot be spawned or exits with a code not in `okCodes`, with the
 *   last lines it printed.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.input !== undefined) child.stdin?.on('error', () => undefined).end(options.input);
    child.on('error', (err) =>
      reject(new TestingError('Start', `failed to run ${command}: ${err.message}`, { cause: err })),
    );
    child.on('close', (code, signal) => {
      const exit = code ?? -1;
      if ((options.okCodes ?? [0]).includes(exit)) return resolve({ code: exit, stdout, stderr });
      const status = signal !== null ? `signal ${signal}` : `exit code ${exit}`;
      const tail = `${stdout}${stderr}`.trimEnd().split('\n').slice(-30).join('\n');
      reject(new TestingError('Start', `failed to run ${command} ${args.join(' ')}: ${status}\n${tail}`));
    });
  });
}
